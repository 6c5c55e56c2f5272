#include "store/sqlite.h"

#include <sqlite3.h>

namespace fsr {

namespace {
[[noreturn]] void fail(sqlite3* db, std::string_view what)
{
    throw SqliteError(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"),
                      db ? sqlite3_extended_errcode(db) : SQLITE_NOMEM);
}

/// A file name as an SQLite URI path: the characters URIs give a meaning are %-escaped.
std::string uriPath(const std::string& path)
{
    std::string uri;
    for (const char c : path) {
        if (c == '%' || c == '?' || c == '#') {
            static const char* const hex = "0123456789ABCDEF";
            const auto byte = static_cast<unsigned char>(c);
            uri += '%';
            uri += hex[byte >> 4];
            uri += hex[byte & 0xF];
        } else {
            uri += c;
        }
    }
    // "file://" and an empty authority before an absolute path (even one that starts with "//").
    return (!path.empty() && path.front() == '/' ? "file://" : "file:") + uri;
}
} // namespace

Statement::Statement(sqlite3* db, std::string_view sql)
{
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr) != SQLITE_OK)
        fail(db, "prepare '" + std::string(sql.substr(0, 60)) + "'");
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept : m_stmt(other.m_stmt)
{
    other.m_stmt = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = other.m_stmt;
        other.m_stmt = nullptr;
    }
    return *this;
}

Statement& Statement::bind(int index, int64_t value)
{
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK)
        fail(sqlite3_db_handle(m_stmt), "bind");
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    if (sqlite3_bind_double(m_stmt, index, value) != SQLITE_OK)
        fail(sqlite3_db_handle(m_stmt), "bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view text)
{
    if (sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        fail(sqlite3_db_handle(m_stmt), "bind");
    return *this;
}

Statement& Statement::bindBlob(int index, const void* data, std::size_t size)
{
    if (sqlite3_bind_blob64(m_stmt, index, data, size, SQLITE_TRANSIENT) != SQLITE_OK)
        fail(sqlite3_db_handle(m_stmt), "bind");
    return *this;
}

Statement& Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    sqlite3* db = sqlite3_db_handle(m_stmt);
    std::string message = sqlite3_errmsg(db);
    const int code = sqlite3_extended_errcode(db);
    sqlite3_reset(m_stmt);
    throw SqliteError(message, code);
}

void Statement::exec()
{
    while (step()) { }
    // Bindings are kept: bulk inserts rebind every parameter anyway, and clearing costs per row.
    sqlite3_reset(m_stmt);
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int64_t Statement::columnInt(int col) const
{
    return sqlite3_column_int64(m_stmt, col);
}
double Statement::columnDouble(int col) const
{
    return sqlite3_column_double(m_stmt, col);
}
bool Statement::columnIsNull(int col) const
{
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

std::string Statement::columnText(int col) const
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col))) : std::string();
}

std::vector<char> Statement::columnBlob(int col) const
{
    const auto* data = static_cast<const char*>(sqlite3_column_blob(m_stmt, col));
    const int size = sqlite3_column_bytes(m_stmt, col);
    return data ? std::vector<char>(data, data + size) : std::vector<char>();
}

SqliteDb::~SqliteDb()
{
    sqlite3_close_v2(m_db);
}

SqliteDb::SqliteDb(SqliteDb&& other) noexcept
    : m_db(other.m_db)
    , m_path(std::move(other.m_path))
    , m_readOnlyReason(std::move(other.m_readOnlyReason))
{
    other.m_db = nullptr;
}

SqliteDb& SqliteDb::operator=(SqliteDb&& other) noexcept
{
    if (this != &other) {
        sqlite3_close_v2(m_db);
        m_db = other.m_db;
        m_path = std::move(other.m_path);
        m_readOnlyReason = std::move(other.m_readOnlyReason);
        other.m_db = nullptr;
    }
    return *this;
}

Expected<SqliteDb> SqliteDb::open(const std::string& path, OpenMode mode)
{
    SqliteDb db;
    db.m_path = path;
    // One connection per thread (see Store), so SQLite's own per-call locking is pure overhead.
    int flags = SQLITE_OPEN_NOMUTEX;
    std::string name = path;
    switch (mode) {
    case OpenMode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    case OpenMode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case OpenMode::Immutable:
        flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
        name = uriPath(path) + "?immutable=1";
        break;
    }
    const int rc = sqlite3_open_v2(name.c_str(), &db.m_db, flags, nullptr);
    if (rc != SQLITE_OK)
        return badInput(path + ": cannot open database: " + (db.m_db ? sqlite3_errmsg(db.m_db) : "out of memory"));
    sqlite3_busy_timeout(db.m_db, kBusyTimeoutMs);
    return db;
}

bool SqliteDb::isReadOnly() const
{
    return sqlite3_db_readonly(m_db, "main") == 1;
}

Status SqliteDb::writable(const std::string& purpose) const
{
    if (!isReadOnly())
        return {};
    const std::string why = m_readOnlyReason.empty() ? "SQLite could open it for reading only" : m_readOnlyReason;
    return badInput(m_path + " is read-only (" + why + "): " + purpose
                    + " needs to write to it; make it writable or work on a copy of it");
}

void SqliteDb::exec(std::string_view sql)
{
    char* message = nullptr;
    if (sqlite3_exec(m_db, std::string(sql).c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errmsg(m_db);
        sqlite3_free(message);
        throw SqliteError(text, sqlite3_extended_errcode(m_db));
    }
}

int64_t SqliteDb::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}
int SqliteDb::changes() const
{
    return sqlite3_changes(m_db);
}

Transaction::Transaction(SqliteDb& db) : m_db(db)
{
    m_db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (const SqliteError&) {
            // SQLite may already have rolled back (e.g. after SQLITE_FULL); nothing left to undo.
        }
    }
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}

BusyTimeout::BusyTimeout(SqliteDb& db, int milliseconds) : m_db(db)
{
    sqlite3_busy_timeout(m_db.handle(), milliseconds);
}

BusyTimeout::~BusyTimeout()
{
    sqlite3_busy_timeout(m_db.handle(), kBusyTimeoutMs);
}

ReadTransaction::ReadTransaction(SqliteDb& db) : m_db(db)
{
    if (sqlite3_get_autocommit(m_db.handle())) {
        m_db.exec("BEGIN DEFERRED");
        m_began = true;
    }
}

ReadTransaction::~ReadTransaction()
{
    // A failed statement may have ended the transaction already; only an open one is closed.
    if (m_began && !sqlite3_get_autocommit(m_db.handle())) {
        try {
            m_db.exec("COMMIT");
        } catch (const SqliteError&) {
            // Nothing was written; the snapshot ends with the connection's next statement anyway.
        }
    }
}

} // namespace fsr
