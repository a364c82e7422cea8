#include "store/sqlite.hpp"

#include <spatialite.h>

#include <mutex>

namespace investmap::store {
namespace {

std::string describe(sqlite3* db, std::string_view what) {
    std::string message{what};
    message += ": ";
    message += db ? sqlite3_errmsg(db) : "out of memory";
    if (const char* file = db ? sqlite3_db_filename(db, "main") : nullptr; file && *file) {
        message += " [";
        message += file;
        message += "]";
    }
    return message;
}

void initialise_spatialite_once() {
    static std::once_flag once;
    std::call_once(once, [] { spatialite_initialize(); });
}

}  // namespace

bool configure_sqlite_process() { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK; }

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK) {
        throw DatabaseError(describe(db, "SQL prepare failed for `" + std::string(sql) + "`"));
    }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
}

void Statement::fail(std::string_view action) const {
    std::string what{action};
    what += " in `";
    what += sqlite3_sql(stmt_);
    what += "`";
    throw DatabaseError(describe(db_, what));
}

Statement& Statement::bind_null(int index) {
    if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) fail("bind");
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail("bind");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) fail("bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    if (sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK) {
        fail("bind");
    }
    return *this;
}

Statement& Statement::bind_blob(int index, std::span<const std::byte> bytes) {
    if (sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT) != SQLITE_OK) {
        fail("bind");
    }
    return *this;
}

bool Statement::step() {
    switch (sqlite3_step(stmt_)) {
        case SQLITE_ROW: return true;
        case SQLITE_DONE: return false;
        default: fail("step");
    }
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() { sqlite3_reset(stmt_); }

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::int64_t Statement::column_int64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::column_double(int column) const { return sqlite3_column_double(stmt_, column); }

std::optional<double> Statement::optional_double(int column) const {
    return is_null(column) ? std::nullopt : std::optional<double>(column_double(column));
}

std::optional<std::string> Statement::optional_text(int column) const {
    return is_null(column) ? std::nullopt : std::optional<std::string>(column_text(column));
}

std::string Statement::column_text(int column) const {
    const auto* text = sqlite3_column_text(stmt_, column);
    if (!text) return {};
    return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::span<const std::byte> Statement::column_blob(int column) const {
    const auto* data = static_cast<const std::byte*>(sqlite3_column_blob(stmt_, column));
    return {data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

Database::Database(std::string path, OpenMode mode) : path_(std::move(path)) {
    initialise_spatialite_once();
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
        case OpenMode::read_only: flags |= SQLITE_OPEN_READONLY; break;
        case OpenMode::read_write: flags |= SQLITE_OPEN_READWRITE; break;
        case OpenMode::create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    }
    if (sqlite3_open_v2(path_.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        std::string message = describe(db_, "cannot open database " + path_);
        sqlite3_close(db_);
        db_ = nullptr;
        throw DatabaseError(message);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    spatialite_cache_ = spatialite_alloc_connection();
    spatialite_init_ex(db_, spatialite_cache_, 0);
}

Database::~Database() {
    sqlite3_close_v2(db_);
    if (spatialite_cache_) spatialite_cleanup_ex(spatialite_cache_);
}

void Database::exec(std::string_view sql) {
    char* error = nullptr;
    const std::string text{sql};
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = "SQL failed: `" + text + "`: " + (error ? error : "?") + " [" + path_ + "]";
        sqlite3_free(error);
        throw DatabaseError(message);
    }
}

Statement Database::prepare(std::string_view sql) { return Statement(db_, sql); }

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

std::int64_t Database::query_int64(std::string_view sql) {
    auto statement = prepare(sql);
    if (!statement.step()) throw DatabaseError("no row from `" + std::string(sql) + "` [" + path_ + "]");
    return statement.column_int64(0);
}

std::string Database::query_text(std::string_view sql) {
    auto statement = prepare(sql);
    if (!statement.step()) throw DatabaseError("no row from `" + std::string(sql) + "` [" + path_ + "]");
    return statement.column_text(0);
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (open_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {  // a destructor must not throw; SQLite rolls back on close anyway
        }
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    open_ = false;
}

void Transaction::rollback() {
    db_.exec("ROLLBACK");
    open_ = false;
}

}  // namespace investmap::store
