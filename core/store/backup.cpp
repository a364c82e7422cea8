#include "store/backup.hpp"

#include "errors.hpp"
#include "store/schema.hpp"

#include <filesystem>

namespace investmap::store {
namespace fs = std::filesystem;

namespace {

void copy_pages(Database& source, Database& target) {
    sqlite3_backup* backup = sqlite3_backup_init(target.handle(), "main", source.handle(), "main");
    if (!backup) throw DatabaseError(std::string("backup failed to start: ") + sqlite3_errmsg(target.handle()));
    // One step for all pages: the copy is read in a single read transaction,
    // so it is one snapshot, and under WAL that does not block writers.
    const int rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
        throw DatabaseError(std::string("backup failed: ") + sqlite3_errstr(rc) + " [" + source.path() + "]");
    }
}

void check_integrity(const std::string& path) {
    Database copy(path, OpenMode::read_only);
    const std::string verdict = copy.query_text("PRAGMA integrity_check");
    if (verdict != "ok") {
        throw DatabaseError("backup copy failed PRAGMA integrity_check: " + verdict + " [" + path + "]");
    }
}

}  // namespace

BackupResult backup_database(const std::string& source_path, const std::string& target_path) {
    if (fs::exists(target_path)) {
        throw InputError("备份目标 " + target_path + " 已存在：请换一个文件名，免得覆盖已有文件。",
                         "backup target " + target_path + " exists already: choose another name so nothing is overwritten.");
    }
    auto source = open_store(source_path, OpenMode::read_only);
    const std::string partial = target_path + ".partial";
    fs::remove(partial);
    try {
        {
            Database target(partial, OpenMode::create);
            copy_pages(*source, target);
        }
        check_integrity(partial);
        fs::rename(partial, target_path);
    } catch (...) {
        fs::remove(partial);
        throw;
    }
    const auto bytes = static_cast<std::int64_t>(fs::file_size(target_path));
    return {.pages = source->query_int64("PRAGMA page_count"), .bytes = bytes};
}

}  // namespace investmap::store
