#pragma once

#include "common/expected.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace fsr {

/// A prepared statement with bound parameters only (never string-built SQL with values).
class Statement {
public:
    Statement() = default;
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are 1-based, as in SQLite.
    Statement& bind(int index, int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bindBlob(int index, const void* data, std::size_t size);
    Statement& bindNull(int index);

    /// Advances; true while a row is available. Throws SqliteError on failure.
    bool step();
    /// Runs to completion (for INSERT/UPDATE/DELETE) and resets for the next bind; bindings stay.
    void exec();
    void reset();

    int64_t columnInt(int col) const;
    double columnDouble(int col) const;
    std::string columnText(int col) const;
    std::vector<char> columnBlob(int col) const;
    bool columnIsNull(int col) const;

private:
    sqlite3_stmt* m_stmt = nullptr;
};

/// Unexpected SQLite failure (disk full, I/O error, corrupt file); callers that expect such
/// failures catch it and turn it into an Error value.
class SqliteError : public std::exception {
public:
    explicit SqliteError(std::string message, int code = 0) : m_message(std::move(message)), m_code(code) { }
    const char* what() const noexcept override { return m_message.c_str(); }
    /// SQLite's extended result code (SQLITE_CONSTRAINT_UNIQUE, SQLITE_BUSY, ...); 0 when unknown.
    int code() const { return m_code; }

private:
    std::string m_message;
    int m_code = 0;
};

/// How a connection may use its file.
enum class OpenMode {
    ReadWrite, ///< creating the file when it is missing
    ReadOnly,  ///< never writes the database; SQLite may still create its -shm/-wal beside it
    Immutable, ///< never writes anything, not even beside the file (a read-only folder); sees no
               ///< other process's changes, so only for files that nobody can write
};

/// How long a connection waits for another one's write lock before SQLITE_BUSY.
constexpr int kBusyTimeoutMs = 5000;

/// An open SQLite connection (RAII).
class SqliteDb {
public:
    SqliteDb() = default;
    ~SqliteDb();
    SqliteDb(SqliteDb&& other) noexcept;
    SqliteDb& operator=(SqliteDb&& other) noexcept;
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;

    static Expected<SqliteDb> open(const std::string& path, OpenMode mode = OpenMode::ReadWrite);

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(m_db, sql); }
    int64_t lastInsertId() const;
    int changes() const;
    sqlite3* handle() const { return m_db; }
    const std::string& path() const { return m_path; }

    /// True when nothing can be written through this connection.
    bool isReadOnly() const;
    /// Why the file is read-only, in words ("mode 0444", "on a read-only file system"), for messages.
    void setReadOnlyReason(std::string reason) { m_readOnlyReason = std::move(reason); }
    /// Fine when the connection can write; else a bad-input Error saying that `purpose` ("saving a
    /// dataset") needs to write, why it cannot, and what to do.
    Status writable(const std::string& purpose) const;

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
    std::string m_readOnlyReason;
};

/// Sets how long the connection waits for a lock while in scope (0: not at all), then restores it.
class BusyTimeout {
public:
    BusyTimeout(SqliteDb& db, int milliseconds);
    ~BusyTimeout();
    BusyTimeout(const BusyTimeout&) = delete;
    BusyTimeout& operator=(const BusyTimeout&) = delete;

private:
    SqliteDb& m_db;
};

/// One consistent snapshot for several reads (a dataset read by one SELECT per table), unless
/// the connection is already inside a transaction. Never takes a write lock.
class ReadTransaction {
public:
    explicit ReadTransaction(SqliteDb& db);
    ~ReadTransaction();
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

private:
    SqliteDb& m_db;
    bool m_began = false;
};

/// Rolls back unless commit() was called: a failed or cancelled write leaves the file as it was.
class Transaction {
public:
    explicit Transaction(SqliteDb& db);
    ~Transaction();
    void commit();

private:
    SqliteDb& m_db;
    bool m_done = false;
};

} // namespace fsr
