#include "app.hpp"

#include "store/schema.hpp"

#include <map>
#include <memory>

namespace investmap::server {

store::Database& App::db() const {
    thread_local std::map<std::string, std::unique_ptr<store::Database>> connections;
    auto& connection = connections[db_path];
    if (!connection) connection = store::open_store(db_path, store::OpenMode::read_only);
    return *connection;
}

}  // namespace investmap::server
