#include "app.hpp"

#include "store/parcel_store.hpp"
#include "store/schema.hpp"

#include <map>
#include <memory>
#include <optional>

namespace investmap::server {

namespace {

struct Connection {
    std::unique_ptr<store::Database> db;
    std::optional<store::Statement> data_version;
};

Connection& thread_connection(const std::string& path) {
    thread_local std::map<std::string, Connection> connections;
    Connection& connection = connections[path];
    if (!connection.db) {
        connection.db = store::open_store(path, store::OpenMode::read_only);
        // Map the file: pages are read from memory instead of a pread() each.
        connection.db->exec("PRAGMA mmap_size = 1073741824");
        connection.data_version.emplace(
            connection.db->prepare(store::kDataVersionQuery));
    }
    return connection;
}

}  // namespace

store::Database& App::db() const { return *thread_connection(db_path).db; }

std::shared_ptr<const fit::IndustryProfiles> App::industries() const {
    std::lock_guard lock(industries_mutex_);
    return industries_;
}

void App::set_industries(std::shared_ptr<const fit::IndustryProfiles> profiles) {
    std::lock_guard lock(industries_mutex_);
    industries_ = std::move(profiles);
}

void App::write(const std::function<void(store::Database&)>& work) {
    std::lock_guard lock(writer_mutex_);
    if (!writer_) writer_ = store::open_store(db_path, store::OpenMode::read_write);
    work(*writer_);
}

std::int64_t App::data_version() const {
    store::Statement& query = *thread_connection(db_path).data_version;
    query.step();
    const std::int64_t version = query.column_int64(0);
    query.reset();
    return version;
}

}  // namespace investmap::server
