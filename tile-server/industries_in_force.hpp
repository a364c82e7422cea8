#pragma once
// The industry profiles the server scores and filters with: replaced whole
// when their file changes (IndustryWatch), read by any thread meanwhile.
#include "fit/industry_profile.hpp"

#include <memory>
#include <mutex>

namespace investmap::server {

class IndustriesInForce {
public:
    std::shared_ptr<const fit::IndustryProfiles> current() const {
        std::lock_guard lock(mutex_);
        return profiles_;
    }
    void replace(std::shared_ptr<const fit::IndustryProfiles> profiles) {
        std::lock_guard lock(mutex_);
        profiles_ = std::move(profiles);
    }

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const fit::IndustryProfiles> profiles_ = std::make_shared<fit::IndustryProfiles>();
};

}  // namespace investmap::server
