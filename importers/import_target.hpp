#pragma once
// The database an import writes to. An existing file is opened in place (its
// transaction keeps it unchanged on failure); a new one is built under a
// temporary name and takes the real name only on success, so a failed or
// dry-run import never leaves a file behind.
#include "store/sqlite.hpp"

#include <memory>
#include <string>

namespace investmap::importers {

class ImportTarget {
public:
    explicit ImportTarget(std::string path);
    ~ImportTarget();
    ImportTarget(const ImportTarget&) = delete;
    ImportTarget& operator=(const ImportTarget&) = delete;

    store::Database& db() { return *db_; }
    // Closes the database and, for a new file, gives it its real name.
    void keep();

private:
    std::string path_;
    std::string working_path_;
    bool is_new_;
    std::unique_ptr<store::Database> db_;
};

}  // namespace investmap::importers
