#pragma once
// Keeps the server's industry profiles in step with data/industries.toml.
// At start a bad file stops the server with its line. Later the file is
// read again when its modification time changes (checked every second) or
// on SIGHUP; a bad edit is logged and the profiles in force stay. When the
// profiles differ from those the database was scored with, every score is
// recomputed in one transaction and the data version bumps, so tiles,
// items and stats show the new fit at once.
#include "industries_in_force.hpp"
#include "shared_database.hpp"

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

namespace investmap::server {

// Rescores when `profiles` differ from the database's; returns the number
// of parcels scored (0 when nothing changed). Puts them in force.
std::int64_t apply_industry_profiles(SharedDatabase& database, IndustriesInForce& industries,
                                     std::shared_ptr<const fit::IndustryProfiles> profiles);

class IndustryWatch {
public:
    // Loads and applies the file; throws InputError for a bad one.
    IndustryWatch(SharedDatabase& database, IndustriesInForce& industries, std::string path, std::ostream& log);
    ~IndustryWatch();
    IndustryWatch(const IndustryWatch&) = delete;
    IndustryWatch& operator=(const IndustryWatch&) = delete;

    // Reads the file again soon, changed or not (SIGHUP).
    void reload_soon();

private:
    void watch();
    void reload();
    std::filesystem::file_time_type modified() const;

    SharedDatabase& database_;
    IndustriesInForce& industries_;
    std::string path_;
    std::ostream& log_;
    std::filesystem::file_time_type loaded_modified_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool forced_ = false;
    std::thread thread_;
};

}  // namespace investmap::server
