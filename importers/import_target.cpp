#include "importers/import_target.hpp"

#include "store/schema.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

#include <filesystem>

namespace investmap::importers {
namespace fs = std::filesystem;

namespace {

void remove_with_sidecars(const std::string& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ignored);
}

// The renamed file must hold its pages even after a power cut.
void sync_to_disk(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0 || ::fsync(fd) != 0) {
        if (fd >= 0) ::close(fd);
        throw std::runtime_error("cannot flush " + path + " to disk");
    }
    ::close(fd);
}

// An import killed before it could clean up (SIGKILL, a power cut) leaves
// its temporary file "DB.importing-PID" behind: removed by the next import
// of the same database once no process of that number is running.
void remove_abandoned_imports(const std::string& path) {
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const std::string prefix = target.filename().string() + ".importing-";
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(dir, error)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with(prefix)) continue;
        const std::string rest = name.substr(prefix.size());
        const std::string digits = rest.substr(0, rest.find('-'));
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) continue;
        const pid_t pid = static_cast<pid_t>(std::stol(digits));
        if (pid == getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;  // still importing
        std::error_code ignored;
        fs::remove(entry.path(), ignored);
    }
}

}  // namespace

ImportTarget::ImportTarget(std::string path) : path_(std::move(path)), is_new_(!fs::exists(path_)) {
    if (is_new_) remove_abandoned_imports(path_);
    working_path_ = is_new_ ? path_ + ".importing-" + std::to_string(getpid()) : path_;
    if (is_new_) remove_with_sidecars(working_path_);
    try {
        db_ = store::open_store(working_path_, store::OpenMode::create);
        // An import is one transaction; SQLite's default 2 MB page cache
        // spills it to the WAL page by page (18 writes a parcel). Let it grow.
        db_->exec("PRAGMA cache_size = -524288");  // KiB: up to 512 MB, taken only as needed
        if (is_new_) {
            // Nobody else can see a file under its temporary name, and a
            // failure deletes it: writing it through a journal (the WAL, then
            // a checkpoint) would only write every page twice.
            db_->exec("PRAGMA journal_mode = OFF");
            db_->exec("PRAGMA synchronous = OFF");
        }
    } catch (...) {
        if (is_new_) remove_with_sidecars(working_path_);
        throw;
    }
}

ImportTarget::~ImportTarget() {
    db_.reset();
    if (is_new_) remove_with_sidecars(working_path_);
}

void ImportTarget::keep() {
    if (is_new_) {
        db_->exec("PRAGMA journal_mode = WAL");  // as every investmap database is
        db_->exec("PRAGMA synchronous = FULL");
        db_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    db_.reset();  // the last close checkpoints the WAL into the file
    if (is_new_) {
        sync_to_disk(working_path_);
        fs::rename(working_path_, path_);
        is_new_ = false;
    }
}

}  // namespace investmap::importers
