#include "shared_database.hpp"

#include "store/parcel_store.hpp"
#include "store/schema.hpp"
#include "http.hpp"

#include <sys/stat.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>

namespace investmap::server {

namespace {

// What the write-ahead log looked like when the data version was last read.
struct WalState {
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = 0;
    timespec modified{};
    bool operator==(const WalState& other) const {
        return device == other.device && inode == other.inode && size == other.size &&
               modified.tv_sec == other.modified.tv_sec && modified.tv_nsec == other.modified.tv_nsec;
    }
};

struct Connection {
    std::unique_ptr<store::Database> db;
    std::optional<store::Statement> data_version;
    std::string wal_path;                 // the database's write-ahead log
    std::optional<WalState> settled_wal;  // the log was quiet for a while when these versions were read
    SharedDatabase::Versions settled_versions;
};

// A log written to this recently may still be finishing a commit (the
// wal-index in shared memory is updated after the frames): ask SQLite.
constexpr auto kWalSettle = std::chrono::seconds(1);

Connection& thread_connection(const std::string& path) {
    thread_local std::map<std::string, Connection> connections;
    Connection& connection = connections[path];
    if (!connection.db) {
        connection.db = store::open_store(path, store::OpenMode::read_only);
        // Map the file: pages are read from memory instead of a pread() each.
        connection.db->exec("PRAGMA mmap_size = 1073741824");
        connection.data_version.emplace(
            connection.db->prepare(store::kVersionsQuery));
        connection.wal_path = path + "-wal";
    }
    return connection;
}

}  // namespace

SharedDatabase::SharedDatabase(std::string path) : path_(std::move(path)), identity_(file_identity(path_)) {}

store::Database& SharedDatabase::reader() const { return *thread_connection(path_).db; }

std::optional<SharedDatabase::FileIdentity> SharedDatabase::file_identity(const std::string& path) {
    struct stat file {};
    if (::stat(path.c_str(), &file) != 0 || file.st_nlink == 0) return std::nullopt;
    return FileIdentity{file.st_dev, file.st_ino};
}

bool SharedDatabase::file_intact() const { return identity_ && file_identity(path_) == identity_; }

namespace {

[[noreturn]] void database_gone(const std::string& path) {
    throw HttpError(503, "database_unavailable",
                    "数据库文件 " + path + " 已被删除或替换，修改未保存；请恢复文件并重启服务 / the database file " + path +
                        " was deleted or replaced: nothing was saved; restore it and restart the server");
}

bool disk_full(const store::DatabaseError& error) {
    const std::string_view text = error.what();
    return text.find("database or disk is full") != std::string_view::npos || text.find("SQLITE_FULL") != std::string_view::npos;
}

}  // namespace

void SharedDatabase::write(const std::function<void(store::Database&)>& work) {
    std::lock_guard lock(writer_mutex_);
    if (!file_intact()) database_gone(path_);
    if (!writer_) writer_ = store::open_store(path_, store::OpenMode::read_write);
    try {
        work(*writer_);
    } catch (const store::DatabaseError& error) {
        if (!disk_full(error)) throw;
        throw HttpError(507, "disk_full", "磁盘已满，修改未保存；请清理磁盘后重试 / the disk is full: nothing was saved; free some space and try again");
    }
    // Committed, but into the file the path still names? If it was deleted
    // meanwhile, the change is in a file nobody will open again.
    if (!file_intact()) database_gone(path_);
}

// Every commit by any process writes the -wal file; while it has not
// changed since a settled read, the version read then still holds. One
// stat() instead of a read transaction (several fcntl locks) a request.
SharedDatabase::Versions SharedDatabase::versions() const {
    Connection& connection = thread_connection(path_);
    struct stat wal {};
    std::optional<WalState> now;
    if (::stat(connection.wal_path.c_str(), &wal) == 0) now = WalState{wal.st_dev, wal.st_ino, wal.st_size, wal.st_mtim};
    if (now && connection.settled_wal == now) return connection.settled_versions;
    store::Statement& query = *connection.data_version;
    query.step();
    const Versions read{query.column_int64(0), query.column_int64(1)};
    query.reset();
    const auto modified = std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::seconds(wal.st_mtim.tv_sec) +
                                                                        std::chrono::nanoseconds(wal.st_mtim.tv_nsec)));
    const bool settled = now && std::chrono::system_clock::now() - modified > kWalSettle;
    connection.settled_wal = settled ? now : std::nullopt;
    connection.settled_versions = read;
    return read;
}

}  // namespace investmap::server
