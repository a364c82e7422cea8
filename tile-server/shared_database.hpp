#pragma once
// The database as the server's threads share it: one read-only connection
// per thread, the data and public versions read cheaply on every request,
// and one writer at a time that refuses to write into a file that is no
// longer the one the server opened.
#include "store/sqlite.hpp"

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace investmap::server {

class SharedDatabase {
public:
    explicit SharedDatabase(std::string path);

    const std::string& path() const { return path_; }

    // This thread's connection (SQLite connections are not shared between threads).
    store::Database& reader() const;

    // The data version and the public version (bumped only by changes
    // anonymous callers can see), read together through this thread's
    // prepared statement: read on every tile request, so an edit by any
    // process shows at once.
    struct Versions {
        std::int64_t data = 0;
        std::int64_t published = 0;
    };
    Versions versions() const;
    std::int64_t data_version() const { return versions().data; }

    // Runs `work` on the one writing connection, one writer at a time
    // (SQLite allows one anyway; the lock saves busy retries). Throws
    // HttpError 503 when the database file is not the one the server opened
    // (deleted or replaced), before the work and after it: a write that went
    // into a deleted file is never answered as saved. A full disk is a 507.
    void write(const std::function<void(store::Database&)>& work);

    // Whether the path still names the file opened at start (same device and
    // inode, still linked): one stat(), so /healthz asks it on every call.
    bool file_intact() const;

    // A file's device and inode; nullopt when it cannot be stat()ed.
    struct FileIdentity {
        dev_t device = 0;
        ino_t inode = 0;
        bool operator==(const FileIdentity&) const = default;
    };
    static std::optional<FileIdentity> file_identity(const std::string& path);

private:
    std::string path_;
    std::optional<FileIdentity> identity_;
    std::mutex writer_mutex_;
    std::unique_ptr<store::Database> writer_;
};

}  // namespace investmap::server
