#include "store/store.h"

#include "common/text.h"
#include "store/schema.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <numeric>

#include <cerrno>
#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

namespace fsr {

namespace {

constexpr int kMigrationCount = static_cast<int>(std::size(schema::kMigrations));
static_assert(kMigrationCount == Store::kSchemaVersion, "a migration step needs its schema version");

/// Table name -> column names in order.
using TableShapes = std::map<std::string, std::vector<std::string>>;

TableShapes tableShapes(SqliteDb& db)
{
    TableShapes shapes;
    auto tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
                             "ESCAPE '\\'");
    while (tables.step())
        shapes[tables.columnText(0)];
    for (auto& [table, columns] : shapes) {
        auto info = db.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid");
        info.bind(1, table);
        while (info.step())
            columns.push_back(info.columnText(0));
    }
    return shapes;
}

/// The tables each schema version has, [version] (0: none), made by running the migrations on
/// an in-memory database: the schema is written down once, in schema.h.
const std::vector<TableShapes>& expectedShapes()
{
    static const std::vector<TableShapes> shapes = [] {
        std::vector<TableShapes> all(1);
        auto memory = SqliteDb::open(":memory:");
        if (!memory)
            throw SqliteError(memory.error().message);
        for (const char* step : schema::kMigrations) {
            memory->exec(step);
            all.push_back(tableShapes(*memory));
        }
        return all;
    }();
    return shapes;
}

std::string joined(const std::vector<std::string>& names, std::size_t most = 8)
{
    std::string text;
    for (std::size_t k = 0; k < names.size() && k < most; ++k)
        text += (k ? ", " : "") + names[k];
    if (names.size() > most)
        text += " and " + std::to_string(names.size() - most) + " more";
    return text;
}

/// How the file's tables differ from those of schema `version`; empty when they match (tables
/// of its own beside ours are allowed).
std::string shapeMismatch(const TableShapes& found, int version)
{
    const TableShapes& expected = expectedShapes().at(static_cast<std::size_t>(version));
    std::vector<std::string> missing;
    for (const auto& [table, columns] : expected) {
        const auto there = found.find(table);
        if (there == found.end()) {
            missing.push_back(table);
            continue;
        }
        if (there->second == columns)
            continue;
        std::vector<std::string> lacking;
        std::vector<std::string> extra;
        for (const std::string& column : columns)
            if (std::find(there->second.begin(), there->second.end(), column) == there->second.end())
                lacking.push_back(column);
        for (const std::string& column : there->second)
            if (std::find(columns.begin(), columns.end(), column) == columns.end())
                extra.push_back(column);
        std::string what = "table '" + table + "'";
        if (!lacking.empty())
            what += " lacks column" + std::string(lacking.size() > 1 ? "s " : " ") + joined(lacking);
        if (!extra.empty())
            what += std::string(lacking.empty() ? "" : " and") + " has unexpected column"
                + (extra.size() > 1 ? "s " : " ") + joined(extra);
        if (lacking.empty() && extra.empty())
            what += " has its columns in another order";
        return what;
    }
    if (!missing.empty())
        return "table" + std::string(missing.size() > 1 ? "s " : " ") + joined(missing)
            + (missing.size() > 1 ? " are" : " is") + " missing";
    return {};
}

/// Whether (and why) a database file cannot be written, decided before SQLite opens it. The
/// mode bits count even for root, who could write anyway: a file or folder marked read-only is
/// treated as such by everyone.
struct Access {
    bool readOnly = false;
    std::string reason;
};

std::string octalMode(mode_t mode)
{
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
    return text;
}

Access accessOf(const std::filesystem::path& file, bool exists)
{
    struct stat info { };
    if (exists) {
        if (::stat(file.c_str(), &info) == 0 && (info.st_mode & 0222) == 0)
            return {true, "mode " + octalMode(info.st_mode)};
        if (::access(file.c_str(), W_OK) != 0)
            return {true, errno == EROFS ? "on a read-only file system" : "this user may not write to it"};
    }
    // SQLite writes a journal (-wal, -shm) beside the file, so its folder must be writable too.
    const std::filesystem::path folder = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
    if (::stat(folder.c_str(), &info) == 0 && (info.st_mode & 0222) == 0)
        return {true, "its folder " + folder.string() + " has mode " + octalMode(info.st_mode)};
    if (::access(folder.c_str(), W_OK) != 0)
        return {true,
                errno == EROFS ? "on a read-only file system"
                               : "this user may not write to its folder " + folder.string()};
    return {};
}

Error foreignFile(const std::string& path, const std::string& detail)
{
    return badInput(path + ": this SQLite file belongs to another program (" + detail
                    + "), not to the workbench, which has left it unchanged; give the workbench a file of its own "
                      "(a new name creates one)");
}

Error damagedFile(const std::string& path, const std::string& what)
{
    return badInput(path + ": " + what
                    + ". The file was changed outside the workbench or is damaged, and was left as it is; move it "
                      "aside (the workbench then starts a new database there) or give the workbench another file");
}

DatasetSummary readSummary(const Statement& row)
{
    DatasetSummary s;
    s.id = row.columnInt(0);
    s.name = row.columnText(1);
    s.format = row.columnText(2);
    s.source = row.columnText(3);
    s.createdAt = row.columnText(4);
    s.ratings = row.columnInt(5);
    s.users = row.columnInt(6);
    s.items = row.columnInt(7);
    s.ratingMin = row.columnDouble(8);
    s.ratingMax = row.columnDouble(9);
    s.importId = row.columnText(10);
    return s;
}

/// The rowid range holding a dataset's ratings (see schema.h).
struct RatingRange {
    int64_t first = 0;
    int64_t last = -1;
};

RatingRange ratingRange(SqliteDb& db, int64_t datasetId)
{
    auto query = db.prepare("SELECT first_rating, last_rating FROM datasets WHERE id = ?");
    query.bind(1, datasetId);
    if (!query.step())
        return {};
    return {query.columnInt(0), query.columnInt(1)};
}

Error noSuchDataset(const std::string& name)
{
    return badInput("no dataset named '" + name + "' (see `fsr list`)");
}

int64_t pragmaValue(SqliteDb& db, const char* name)
{
    auto query = db.prepare(std::string("PRAGMA ") + name);
    return query.step() ? query.columnInt(0) : 0;
}

} // namespace

Error Store::nameTaken(const std::string& name)
{
    return badInput("the name '" + name
                    + "' is taken: a dataset of that name already exists (delete it first or "
                      "pick another name)");
}

std::string Store::summaryQuery() const
{
    return std::string("SELECT id, name, format, source, created_at, rating_count, user_count, item_count, "
                       "rating_min, rating_max, ")
        + (m_schemaVersion >= 2 ? "import_id" : "''") + " FROM datasets ";
}

std::string Store::defaultPath()
{
    std::filesystem::path base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home)
        base = std::filesystem::path(home) / ".local" / "share";
    else
        base = std::filesystem::temp_directory_path();
    return (base / "fsr" / "workbench.sqlite").string();
}

Expected<Store> Store::open(const std::string& path)
{
    std::error_code ec;
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
        std::filesystem::create_directories(parent, ec);
    if (ec)
        return badInput(path + ": cannot create folder " + parent.string() + ": " + ec.message());

    const bool exists = std::filesystem::exists(path, ec);
    const Access access = accessOf(path, exists);
    OpenMode mode = OpenMode::ReadWrite;
    if (access.readOnly) {
        if (!exists)
            return badInput(path + ": cannot create the database here (" + access.reason + ")");
        // Nobody can write such a file, so it cannot change under us: read it without writing even
        // a -shm beside it, unless a write-ahead log holds changes that the file itself lacks.
        const auto logSize = std::filesystem::file_size(path + "-wal", ec);
        mode = !ec && logSize > 0 ? OpenMode::ReadOnly : OpenMode::Immutable;
    }
    auto db = SqliteDb::open(path, mode);
    if (!db)
        return db.error();
    if (access.readOnly)
        db->setReadOnlyReason(access.reason);
    Store store(std::move(*db));
    bool hasOurId = false;
    // Nothing is written before the file is known to be ours (or empty): a file of another
    // program stays byte for byte as it was.
    auto version = store.recognise(&hasOurId);
    if (!version)
        return version.error();
    store.m_schemaVersion = *version;
    try {
        store.m_db.exec("PRAGMA foreign_keys = ON");
        store.m_db.exec("PRAGMA synchronous = NORMAL");
        if (store.isReadOnly()) {
            if (*version == 0)
                return badInput(path + " is read-only (" + access.reason + ") and holds no workbench database yet");
            return store;
        }
        if (*version == kMigrationCount && hasOurId)
            return store;
        store.m_db.exec("PRAGMA journal_mode = WAL");
    } catch (const SqliteError& e) {
        return badInput(path + ": not a usable workbench database: " + e.what());
    }
    if (Status migrated = store.migrate(); !migrated)
        return migrated.error();
    return store;
}

Expected<int> Store::recognise(bool* hasOurId)
{
    int64_t applicationId = 0;
    int64_t version = 0;
    TableShapes found;
    std::vector<std::string> objects;
    try {
        // A file that is not a database fails here, on the first read.
        applicationId = pragmaValue(m_db, "application_id");
        version = pragmaValue(m_db, "user_version");
        found = tableShapes(m_db);
        auto list = m_db.prepare("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
        while (list.step())
            objects.push_back(list.columnText(0));
    } catch (const SqliteError& e) {
        const std::string why = m_db.isReadOnly() ? " (it is opened read-only: it cannot be written)" : "";
        return badInput(path() + ": not a usable workbench database: " + e.what() + why);
    }
    const bool empty = objects.empty();
    std::vector<std::string> tables;
    for (const auto& [table, columns] : found)
        tables.push_back(table);
    const std::string tableList = tables.empty() ? std::string("no tables") : "tables " + joined(tables);
    *hasOurId = applicationId == schema::kApplicationId;

    if (applicationId != 0 && applicationId != schema::kApplicationId) {
        char id[16];
        std::snprintf(id, sizeof id, "0x%08X", static_cast<unsigned>(applicationId));
        return foreignFile(path(), std::string("its application id is ") + id + ", " + tableList);
    }
    if (empty && version == 0)
        return 0; // new or empty: the schema goes in
    const std::string versionText = std::to_string(version);
    if (version > kMigrationCount) {
        if (*hasOurId)
            return badInput(path() + ": database schema version " + versionText
                            + " is newer than this program understands (" + std::to_string(kMigrationCount)
                            + "): open it with the workbench version that made it");
        return foreignFile(path(), "user_version " + versionText + ", " + tableList);
    }
    if (!*hasOurId) {
        // A database of a workbench from before the application id: known by its tables.
        if (version >= 1) {
            const std::string mismatch = shapeMismatch(found, static_cast<int>(version));
            if (mismatch.empty())
                return static_cast<int>(version);
            const auto& ours = expectedShapes().back();
            const bool ourNames = std::all_of(ours.begin(), ours.end(),
                                              [&](const auto& table) { return found.count(table.first) > 0; });
            if (ourNames)
                return damagedFile(path(),
                                   "this looks like a workbench database of schema version " + versionText + ", but "
                                       + mismatch);
        }
        return foreignFile(path(), (version ? "user_version " + versionText + ", " : std::string()) + tableList);
    }
    if (version <= 0)
        return damagedFile(path(),
                           "this is a workbench database (application id FSRW), but its schema version is "
                               + versionText + ", which no workbench writes, and it holds " + tableList);
    if (const std::string mismatch = shapeMismatch(found, static_cast<int>(version)); !mismatch.empty())
        return damagedFile(path(),
                           "this workbench database of schema version " + versionText
                               + " does not have the tables of that version: " + mismatch);
    return static_cast<int>(version);
}

Status Store::migrate()
{
    try {
        Transaction transaction(m_db);
        // Read again under the write lock: another process may have migrated in the meantime.
        const int current = static_cast<int>(pragmaValue(m_db, "user_version"));
        if (current > kMigrationCount)
            return badInput(path() + ": database schema version " + std::to_string(current)
                            + " is newer than this program understands (" + std::to_string(kMigrationCount) + ")");
        for (int step = std::max(current, 0); step < kMigrationCount; ++step)
            m_db.exec(schema::kMigrations[step]);
        m_db.exec("PRAGMA user_version = " + std::to_string(kMigrationCount));
        // Earlier versions set no application id; a file gets it with its first write.
        m_db.exec("PRAGMA application_id = " + std::to_string(schema::kApplicationId));
        transaction.commit();
        m_schemaVersion = kMigrationCount;
    } catch (const SqliteError& e) {
        return badInput(path() + ": cannot prepare database: " + e.what());
    }
    return {};
}

std::vector<DatasetSummary> Store::datasets()
{
    std::vector<DatasetSummary> result;
    auto query = m_db.prepare(summaryQuery() + "ORDER BY name");
    while (query.step())
        result.push_back(readSummary(query));
    return result;
}

std::optional<DatasetSummary> Store::findDataset(const std::string& name)
{
    auto query = m_db.prepare(summaryQuery() + "WHERE name = ?");
    query.bind(1, name);
    if (!query.step())
        return std::nullopt;
    return readSummary(query);
}

Expected<int64_t> Store::saveDataset(const Dataset& data, const std::string& format, const std::string& source,
                                     const StoreProgress& progress, const SpilledRatings* spilledRatings)
{
    if (data.name.empty())
        return badInput("a dataset needs a name");
    if (Status writable = m_db.writable("saving a dataset"); !writable)
        return writable.error();
    try {
        Transaction transaction(m_db);
        // Checked under the write lock, so two imports racing for one name cannot both pass.
        if (findDataset(data.name))
            return nameTaken(data.name);
        auto insertDataset = m_db.prepare(
            "INSERT INTO datasets (name, format, source, rating_min, rating_max, rating_count, "
            "user_count, item_count, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, lower(hex(randomblob(16))))");
        insertDataset.bind(1, data.name).bind(2, format).bind(3, source);
        insertDataset.bind(4, static_cast<double>(data.ratingMin)).bind(5, static_cast<double>(data.ratingMax));
        insertDataset.bind(6, static_cast<int64_t>(data.ratingCount()));
        insertDataset.bind(7, static_cast<int64_t>(data.userCount()));
        insertDataset.bind(8, static_cast<int64_t>(data.itemCount()));
        insertDataset.exec();
        const int64_t id = m_db.lastInsertId();

        auto insertGenre = m_db.prepare("INSERT INTO genres (dataset_id, idx, name) VALUES (?, ?, ?)");
        for (std::size_t g = 0; g < data.genres.size(); ++g)
            insertGenre.bind(1, id).bind(2, static_cast<int64_t>(g)).bind(3, data.genres[g]).exec();

        auto insertUser = m_db.prepare("INSERT INTO users (dataset_id, idx, external_id, age, gender, occupation, zip) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?)");
        for (std::size_t u = 0; u < data.users.size(); ++u) {
            const UserInfo& user = data.users[u];
            insertUser.bind(1, id).bind(2, static_cast<int64_t>(u)).bind(3, user.externalId).bind(4, user.age);
            insertUser.bind(5, user.gender).bind(6, user.occupation).bind(7, user.zip).exec();
        }

        auto insertItem
            = m_db.prepare("INSERT INTO items (dataset_id, idx, external_id, title, year) VALUES (?, ?, ?, ?, ?)");
        auto insertItemGenre
            = m_db.prepare("INSERT INTO item_genres (dataset_id, item_idx, genre_idx) VALUES (?, ?, ?)");
        for (std::size_t i = 0; i < data.items.size(); ++i) {
            const ItemInfo& item = data.items[i];
            insertItem.bind(1, id).bind(2, static_cast<int64_t>(i)).bind(3, item.externalId).bind(4, item.title);
            insertItem.bind(5, item.year).exec();
            for (int genre : item.genres)
                insertItemGenre.bind(1, id).bind(2, static_cast<int64_t>(i)).bind(3, genre).exec();
        }

        // Rows go in (user, item) order, so a dataset's rowid range reads back grouped by user.
        auto insertRating
            = m_db.prepare("INSERT INTO ratings (dataset_id, user_idx, item_idx, rating, ts) VALUES (?, ?, ?, ?, ?)");
        insertRating.bind(1, id); // exec() keeps bindings: only the per-row values change
        RatingRange range;
        int64_t written = 0;
        const double total = spilledRatings ? static_cast<double>(spilledRatings->rowsAdded())
                                            : static_cast<double>(data.ratingCount());
        const auto insert = [&](const RatingRow& row) {
            insertRating.bind(2, static_cast<int64_t>(row.user)).bind(3, static_cast<int64_t>(row.item));
            insertRating.bind(4, static_cast<double>(row.value)).bind(5, row.time).exec();
            if (written++ == 0)
                range.first = m_db.lastInsertId();
            const std::size_t reportEvery = 1u << 16;
            return !progress || written % reportEvery != 0 || progress(static_cast<double>(written) / total);
        };
        bool finished = true;
        if (spilledRatings) {
            if (Status read = spilledRatings->forEach([&](const RatingRow& row) { return finished = insert(row); });
                !read)
                return read.error();
        } else {
            // Importers already deliver (user, item) order; only other callers pay for the sort.
            const auto before = [&](uint32_t a, uint32_t b) {
                return data.ratingUser[a] != data.ratingUser[b] ? data.ratingUser[a] < data.ratingUser[b]
                                                                : data.ratingItem[a] < data.ratingItem[b];
            };
            std::vector<uint32_t> order(data.ratingCount());
            std::iota(order.begin(), order.end(), 0u);
            if (!std::is_sorted(order.begin(), order.end(), before))
                std::sort(order.begin(), order.end(), before);
            for (std::size_t n = 0; n < order.size() && finished; ++n) {
                const uint32_t r = order[n];
                finished = insert({data.ratingUser[r], data.ratingItem[r], data.ratingValue[r], data.ratingTime[r]});
            }
        }
        if (!finished)
            return cancelledError();
        range.last = written == 0 ? range.first - 1 : m_db.lastInsertId();
        auto setRange
            = m_db.prepare("UPDATE datasets SET first_rating = ?, last_rating = ?, rating_count = ? WHERE id = ?");
        setRange.bind(1, range.first).bind(2, range.last).bind(3, written).bind(4, id).exec();
        if (progress && !progress(1.0))
            return cancelledError();
        transaction.commit();
        return id;
    } catch (const SqliteError& e) {
        if (e.code() == SQLITE_CONSTRAINT_UNIQUE || e.code() == SQLITE_CONSTRAINT_PRIMARYKEY) {
            if (findDataset(data.name))
                return nameTaken(data.name);
        }
        if ((e.code() & 0xFF) == SQLITE_BUSY)
            return badInput(path() + ": cannot save dataset '" + data.name
                            + "': another program kept the database busy with its own write for over "
                            + std::to_string(kBusyTimeoutMs / 1000) + " s; try again when it has finished");
        return badInput(path() + ": cannot save dataset '" + data.name + "': " + e.what());
    }
}

Expected<Dataset> Store::loadDataset(const std::string& name, DatasetSummary* loadedFrom)
{
    // One snapshot: a dataset replaced by another process halfway through is never read mixed.
    ReadTransaction snapshot(m_db);
    const auto summary = findDataset(name);
    if (!summary)
        return noSuchDataset(name);
    if (loadedFrom)
        *loadedFrom = *summary;
    Dataset data;
    data.name = name;
    data.ratingMin = static_cast<float>(summary->ratingMin);
    data.ratingMax = static_cast<float>(summary->ratingMax);

    auto genres = m_db.prepare("SELECT name FROM genres WHERE dataset_id = ? ORDER BY idx");
    genres.bind(1, summary->id);
    while (genres.step())
        data.genres.push_back(genres.columnText(0));

    auto users
        = m_db.prepare("SELECT external_id, age, gender, occupation, zip FROM users WHERE dataset_id = ? ORDER BY idx");
    users.bind(1, summary->id);
    while (users.step())
        data.users.push_back({users.columnText(0), static_cast<int>(users.columnInt(1)), users.columnText(2),
                              users.columnText(3), users.columnText(4)});

    auto items = m_db.prepare("SELECT external_id, title, year FROM items WHERE dataset_id = ? ORDER BY idx");
    items.bind(1, summary->id);
    while (items.step())
        data.items.push_back({items.columnText(0), items.columnText(1), static_cast<int>(items.columnInt(2)), {}});

    // Every index read from the file is checked once, here: a file edited by hand or by another
    // tool can still pass integrity_check, and everything downstream indexes arrays with these.
    const auto outside = [&](const std::string& where, const char* column, int64_t value, std::size_t count) {
        return badInput("database " + path() + ": " + where + " of dataset '" + name + "' has " + column + " "
                        + std::to_string(value) + ", outside 0.." + std::to_string(static_cast<int64_t>(count) - 1)
                        + " (the file was changed outside the workbench; re-import the dataset)");
    };
    auto itemGenres = m_db.prepare("SELECT item_idx, genre_idx FROM item_genres WHERE dataset_id = ?");
    itemGenres.bind(1, summary->id);
    while (itemGenres.step()) {
        const int64_t item = itemGenres.columnInt(0), genre = itemGenres.columnInt(1);
        if (item < 0 || static_cast<std::size_t>(item) >= data.items.size())
            return outside("an item_genres row", "item_idx", item, data.items.size());
        if (genre < 0 || static_cast<std::size_t>(genre) >= data.genres.size())
            return outside("an item_genres row", "genre_idx", genre, data.genres.size());
        data.items[static_cast<std::size_t>(item)].genres.push_back(static_cast<int>(genre));
    }

    const auto count = static_cast<std::size_t>(summary->ratings);
    data.ratingUser.reserve(count);
    data.ratingItem.reserve(count);
    data.ratingValue.reserve(count);
    data.ratingTime.reserve(count);
    const RatingRange range = ratingRange(m_db, summary->id);
    auto ratings = m_db.prepare("SELECT id, user_idx, item_idx, rating, ts FROM ratings WHERE id BETWEEN ? AND ?");
    ratings.bind(1, range.first).bind(2, range.last);
    while (ratings.step()) {
        const int64_t row = ratings.columnInt(0), user = ratings.columnInt(1), item = ratings.columnInt(2);
        const double rating = ratings.columnDouble(3);
        if (user < 0 || static_cast<std::size_t>(user) >= data.users.size())
            return outside("ratings row " + std::to_string(row), "user_idx", user, data.users.size());
        if (item < 0 || static_cast<std::size_t>(item) >= data.items.size())
            return outside("ratings row " + std::to_string(row), "item_idx", item, data.items.size());
        if (!std::isfinite(rating))
            return badInput("database " + path() + ": ratings row " + std::to_string(row) + " of dataset '" + name
                            + "' has a rating that is not a number (the file was changed outside the workbench)");
        data.addRating(static_cast<int32_t>(user), static_cast<int32_t>(item), static_cast<float>(rating),
                       ratings.columnInt(4));
    }
    return data;
}

Status Store::deleteDataset(const std::string& name)
{
    const auto summary = findDataset(name);
    if (!summary)
        return noSuchDataset(name);
    if (Status writable = m_db.writable("deleting a dataset"); !writable)
        return writable.error();
    try {
        Transaction transaction(m_db);
        const RatingRange range = ratingRange(m_db, summary->id);
        auto removeRatings = m_db.prepare("DELETE FROM ratings WHERE id BETWEEN ? AND ?");
        removeRatings.bind(1, range.first).bind(2, range.last).exec();
        auto remove = m_db.prepare("DELETE FROM datasets WHERE id = ?");
        remove.bind(1, summary->id).exec();
        transaction.commit();
    } catch (const SqliteError& e) {
        return badInput(path() + ": cannot delete dataset '" + name + "': " + e.what());
    }
    return {};
}

Expected<DatasetStats> Store::stats(const std::string& name)
{
    const auto summary = findDataset(name);
    if (!summary)
        return noSuchDataset(name);
    DatasetStats stats;
    stats.summary = *summary;
    const int64_t id = summary->id;

    auto titled = m_db.prepare("SELECT COUNT(*) FROM items WHERE dataset_id = ? AND title <> ''");
    titled.bind(1, id).step();
    stats.itemsWithTitle = titled.columnInt(0);

    auto genreCount = m_db.prepare("SELECT COUNT(*) FROM genres WHERE dataset_id = ?");
    genreCount.bind(1, id).step();
    stats.genres = genreCount.columnInt(0);

    const RatingRange range = ratingRange(m_db, id);
    double sum = 0;
    auto histogram = m_db.prepare("SELECT rating, COUNT(*) FROM ratings WHERE id BETWEEN ? AND ? GROUP BY rating");
    histogram.bind(1, range.first).bind(2, range.last);
    while (histogram.step()) {
        stats.ratingHistogram[histogram.columnDouble(0)] = histogram.columnInt(1);
        sum += histogram.columnDouble(0) * static_cast<double>(histogram.columnInt(1));
    }
    stats.ratingMean = summary->ratings > 0 ? sum / static_cast<double>(summary->ratings) : 0.0;
    const double cells = static_cast<double>(summary->users) * static_cast<double>(summary->items);
    stats.density = cells > 0 ? static_cast<double>(summary->ratings) / cells : 0.0;

    auto perUser = m_db.prepare("SELECT n, COUNT(*) FROM (SELECT COUNT(*) AS n FROM ratings WHERE id BETWEEN ? AND ? "
                                "GROUP BY user_idx) GROUP BY n");
    perUser.bind(1, range.first).bind(2, range.last);
    while (perUser.step())
        stats.ratingsPerUser[perUser.columnInt(0)] = perUser.columnInt(1);

    auto genres = m_db.prepare("SELECT g.name, COUNT(ig.item_idx) FROM genres g LEFT JOIN item_genres ig "
                               "ON ig.dataset_id = g.dataset_id AND ig.genre_idx = g.idx WHERE g.dataset_id = ? "
                               "GROUP BY g.idx ORDER BY COUNT(ig.item_idx) DESC, g.name");
    genres.bind(1, id);
    while (genres.step())
        stats.genreCounts.emplace_back(genres.columnText(0), genres.columnInt(1));
    return stats;
}

std::map<int32_t, int> Store::ratingsPerUser(int64_t datasetId)
{
    std::map<int32_t, int> counts;
    const RatingRange range = ratingRange(m_db, datasetId);
    if (range.last < range.first)
        return counts;
    auto perUser = m_db.prepare("SELECT user_idx, COUNT(*) FROM ratings WHERE id BETWEEN ? AND ? GROUP BY user_idx");
    perUser.bind(1, range.first).bind(2, range.last);
    while (perUser.step())
        counts[static_cast<int32_t>(perUser.columnInt(0))] = static_cast<int>(perUser.columnInt(1));
    return counts;
}

Expected<std::vector<ItemRow>> Store::items(const std::string& name, const std::string& search, int limit)
{
    const auto summary = findDataset(name);
    if (!summary)
        return noSuchDataset(name);
    // Matched here rather than with LIKE, which folds ASCII only: titles are full of accents.
    const std::string needle = text::foldCase(search);
    auto query = m_db.prepare(
        "SELECT i.idx, i.external_id, i.title, i.year, COALESCE(c.n, 0), COALESCE(c.mean, 0) FROM items i "
        "LEFT JOIN (SELECT item_idx, COUNT(*) AS n, AVG(rating) AS mean FROM ratings WHERE id BETWEEN ?2 AND ?3 "
        "GROUP BY item_idx) c ON c.item_idx = i.idx "
        "WHERE i.dataset_id = ?1 ORDER BY COALESCE(c.n, 0) DESC, i.idx");
    const RatingRange range = ratingRange(m_db, summary->id);
    query.bind(1, summary->id).bind(2, range.first).bind(3, range.last);
    std::vector<ItemRow> rows;
    while (query.step() && (limit <= 0 || static_cast<int>(rows.size()) < limit)) {
        ItemRow row;
        row.title = query.columnText(2);
        if (!needle.empty() && text::foldCase(row.title).find(needle) == std::string::npos)
            continue;
        row.index = static_cast<int32_t>(query.columnInt(0));
        row.externalId = query.columnText(1);
        row.year = static_cast<int>(query.columnInt(3));
        row.ratings = query.columnInt(4);
        row.meanRating = query.columnDouble(5);
        rows.push_back(std::move(row));
    }
    auto genres = m_db.prepare(
        "SELECT g.name FROM item_genres ig JOIN genres g ON g.dataset_id = ig.dataset_id AND g.idx = ig.genre_idx "
        "WHERE ig.dataset_id = ? AND ig.item_idx = ? ORDER BY g.idx");
    for (ItemRow& row : rows) {
        genres.bind(1, summary->id).bind(2, static_cast<int64_t>(row.index));
        while (genres.step())
            row.genres.push_back(genres.columnText(0));
        genres.reset();
    }
    return rows;
}

} // namespace fsr
