#pragma once
// RAII wrappers around sqlite3* and sqlite3_stmt*. Every failure throws a
// DatabaseError that names the database file and the SQL that failed; every
// value goes through bind(), never into the SQL text.
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace investmap::store {

class DatabaseError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Process-wide settings, made before anything (GDAL, PROJ, our own code)
// first uses SQLite; false when it is too late for them. Memory statistics
// are turned off: nobody reads them, and keeping them takes a global mutex
// on every allocation SQLite makes.
bool configure_sqlite_process();

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are 1-based, as in SQLite.
    Statement& bind_null(int index);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, std::int64_t{value}); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view{text}); }
    Statement& bind_blob(int index, std::span<const std::byte> bytes);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind_null(index);
    }

    // Advances one row; false when the statement is done.
    bool step();
    // Runs a statement that returns no rows.
    void run();
    // Clears the result so the statement can run again (bindings stay).
    void reset();

    // Columns are 0-based, as in SQLite.
    bool is_null(int column) const;
    std::int64_t column_int64(int column) const;
    double column_double(int column) const;
    std::string column_text(int column) const;
    std::span<const std::byte> column_blob(int column) const;
    // The same, nullopt for NULL.
    std::optional<double> optional_double(int column) const;
    std::optional<std::string> optional_text(int column) const;

private:
    [[noreturn]] void fail(std::string_view action) const;

    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

enum class OpenMode { read_only, read_write, create };

class Database {
public:
    // Opens the file and loads SpatiaLite into the connection.
    Database(std::string path, OpenMode mode);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);
    std::int64_t last_insert_rowid() const;
    const std::string& path() const { return path_; }
    sqlite3* handle() const { return db_; }

    // Reads a single value; throws when the query returns no row.
    std::int64_t query_int64(std::string_view sql);
    std::string query_text(std::string_view sql);

private:
    std::string path_;
    sqlite3* db_ = nullptr;
    void* spatialite_cache_ = nullptr;
};

// BEGIN IMMEDIATE on construction; rolls back unless commit() was called.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();
    void rollback();

private:
    Database& db_;
    bool open_ = true;
};

}  // namespace investmap::store
