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

namespace fsr {

namespace {

constexpr int kMigrationCount = static_cast<int>(std::size(schema::kMigrations));

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
    return s;
}

constexpr const char* kSummaryColumns
    = "SELECT id, name, format, source, created_at, rating_count, user_count, item_count, rating_min, rating_max "
      "FROM datasets ";

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

} // namespace

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
    if (!parent.empty())
        std::filesystem::create_directories(parent, ec);
    if (ec)
        return badInput(path + ": cannot create folder " + parent.string() + ": " + ec.message());

    auto db = SqliteDb::open(path);
    if (!db)
        return db.error();
    Store store(std::move(*db));
    try {
        // A file that is not a database fails here, on the first read.
        store.m_db.exec("PRAGMA foreign_keys = ON");
        store.m_db.exec("PRAGMA journal_mode = WAL");
        store.m_db.exec("PRAGMA synchronous = NORMAL");
    } catch (const SqliteError& e) {
        return badInput(path + ": not a usable workbench database: " + e.what());
    }
    if (Status migrated = store.migrate(); !migrated)
        return migrated.error();
    return store;
}

Status Store::migrate()
{
    try {
        auto version = m_db.prepare("PRAGMA user_version");
        version.step();
        const int current = static_cast<int>(version.columnInt(0));
        if (current > kMigrationCount)
            return badInput(path() + ": database schema version " + std::to_string(current)
                            + " is newer than this program understands (" + std::to_string(kMigrationCount) + ")");
        if (current == kMigrationCount)
            return {};
        Transaction transaction(m_db);
        for (int step = current; step < kMigrationCount; ++step)
            m_db.exec(schema::kMigrations[step]);
        m_db.exec("PRAGMA user_version = " + std::to_string(kMigrationCount));
        transaction.commit();
    } catch (const SqliteError& e) {
        return badInput(path() + ": cannot prepare database: " + e.what());
    }
    return {};
}

std::vector<DatasetSummary> Store::datasets()
{
    std::vector<DatasetSummary> result;
    auto query = m_db.prepare(std::string(kSummaryColumns) + "ORDER BY name");
    while (query.step())
        result.push_back(readSummary(query));
    return result;
}

std::optional<DatasetSummary> Store::findDataset(const std::string& name)
{
    auto query = m_db.prepare(std::string(kSummaryColumns) + "WHERE name = ?");
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
    if (findDataset(data.name))
        return badInput("a dataset named '" + data.name + "' already exists (delete it first or pick another name)");
    try {
        Transaction transaction(m_db);
        auto insertDataset = m_db.prepare(
            "INSERT INTO datasets (name, format, source, rating_min, rating_max, rating_count, user_count, item_count) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
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
        return badInput(path() + ": cannot save dataset '" + data.name + "': " + e.what());
    }
}

Expected<Dataset> Store::loadDataset(const std::string& name)
{
    const auto summary = findDataset(name);
    if (!summary)
        return noSuchDataset(name);
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
