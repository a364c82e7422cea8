#include "industry_watch.hpp"
#include "log_line.hpp"

#include "fit/fit_store.hpp"
#include "store/parcel_store.hpp"

#include <chrono>

namespace investmap::server {

std::int64_t apply_industry_profiles(SharedDatabase& database, IndustriesInForce& industries,
                                     std::shared_ptr<const fit::IndustryProfiles> profiles) {
    std::int64_t scored = 0;
    database.write([&](store::Database& db) {
        store::Transaction transaction(db);
        if (fit::stored_profiles(db) == *profiles) return;
        scored = fit::rescore_all(db, *profiles);
        store::bump_data_version(db);
        transaction.commit();
    });
    industries.replace(std::move(profiles));
    return scored;
}

IndustryWatch::IndustryWatch(SharedDatabase& database, IndustriesInForce& industries, std::string path, std::ostream& log)
    : database_(database), industries_(industries), path_(std::move(path)), log_(log), loaded_modified_(modified()) {
    auto profiles = std::make_shared<const fit::IndustryProfiles>(fit::load_industry_profiles(path_));
    const std::int64_t scored = apply_industry_profiles(database_, industries_, profiles);
    log_line(log_, "产业配置 industry profiles: " + path_ + " (" + std::to_string(profiles->industries.size()) + " 个产业 industries" +
                       (scored ? ", 已重算 rescored " + std::to_string(scored) + " 地块 parcels" : "") + ")");
    thread_ = std::thread([this] { watch(); });
}

IndustryWatch::~IndustryWatch() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void IndustryWatch::reload_soon() {
    {
        std::lock_guard lock(mutex_);
        forced_ = true;
    }
    wake_.notify_all();
}

std::filesystem::file_time_type IndustryWatch::modified() const {
    std::error_code error;
    const auto time = std::filesystem::last_write_time(path_, error);
    return error ? std::filesystem::file_time_type{} : time;
}

void IndustryWatch::watch() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_ || forced_; });
        if (stopping_) break;
        const bool forced = forced_;
        forced_ = false;
        const auto now_modified = modified();
        if (!forced && now_modified == loaded_modified_) continue;
        loaded_modified_ = now_modified;
        lock.unlock();
        reload();
        lock.lock();
    }
}

void IndustryWatch::reload() {
    try {
        auto profiles = std::make_shared<const fit::IndustryProfiles>(fit::load_industry_profiles(path_));
        const std::int64_t scored = apply_industry_profiles(database_, industries_, profiles);
        log_line(log_, "产业配置已重新载入 industry profiles reloaded: " + std::to_string(profiles->industries.size()) +
                           " 个产业 industries, 重算 rescored " + std::to_string(scored) + " 地块 parcels");
    } catch (const std::exception& error) {
        // A half-edited file must not take the map down: keep what works.
        log_line(log_, std::string("产业配置有误，仍用原配置 industry profiles not reloaded, the previous ones stay:\n  ") + error.what());
    }
}

}  // namespace investmap::server
