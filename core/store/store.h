#pragma once

#include "common/expected.h"
#include "data/dataset.h"
#include "data/spilledratings.h"
#include "store/sqlite.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fsr {

/// A dataset as listed in the store.
struct DatasetSummary {
    int64_t id = 0;
    std::string name;
    std::string format;
    std::string source;
    std::string createdAt;
    int64_t ratings = 0;
    int64_t users = 0;
    int64_t items = 0;
    double ratingMin = 0;
    double ratingMax = 0;
    /// Random, new on every save: tells a re-import under the same name from the dataset a run
    /// trained on. Empty in a read-only database of schema version 1.
    std::string importId;
};

/// Numbers and distributions for the Datasets page and `fsr stats`.
struct DatasetStats {
    DatasetSummary summary;
    int64_t itemsWithTitle = 0;
    int64_t genres = 0;
    double ratingMean = 0;
    double density = 0;
    std::map<double, int64_t> ratingHistogram;                ///< rating value -> count
    std::map<int64_t, int64_t> ratingsPerUser;                ///< ratings a user has -> number of such users
    std::vector<std::pair<std::string, int64_t>> genreCounts; ///< genre -> rated items of it
};

/// A catalog row for `fsr items`.
struct ItemRow {
    int32_t index = 0;
    std::string externalId;
    std::string title;
    int year = 0;
    std::vector<std::string> genres;
    int64_t ratings = 0;
    double meanRating = 0;
};

/// Returns true to go on, false to cancel; `fraction` in [0, 1].
using StoreProgress = std::function<bool(double fraction)>;

/// The workbench's SQLite file: datasets, runs and their results. One connection per thread.
class Store {
public:
    static constexpr int kSchemaVersion = 2;

    /// Opens (creating folders and file as needed) and migrates. Only a new or empty file, or one
    /// of the workbench's own (its application id, or the tables of an earlier version), is
    /// used; any other file is an Error and is left byte for byte as it was, as is a corrupt one.
    /// A file or folder that cannot be written (or whose mode marks it read-only, even for
    /// root) is opened read-only and not migrated: reads work, writes are Errors saying why.
    static Expected<Store> open(const std::string& path);
    /// $XDG_DATA_HOME/fsr/workbench.sqlite (or ~/.local/share/fsr/workbench.sqlite).
    static std::string defaultPath();

    std::vector<DatasetSummary> datasets();
    std::optional<DatasetSummary> findDataset(const std::string& name);

    /// Writes `data` under data.name in one transaction; the file is unchanged on any failure or
    /// cancellation. Fails if the name is taken. With `spilledRatings`, the ratings are read from
    /// there instead of data's rating columns.
    Expected<int64_t> saveDataset(const Dataset& data, const std::string& format, const std::string& source,
                                  const StoreProgress& progress = {}, const SpilledRatings* spilledRatings = nullptr);
    /// The dataset, read in one snapshot; `loadedFrom` (when given) receives the row it came from.
    Expected<Dataset> loadDataset(const std::string& name, DatasetSummary* loadedFrom = nullptr);
    Status deleteDataset(const std::string& name);
    Expected<DatasetStats> stats(const std::string& name);
    /// Ratings per user (user index -> count) of the dataset stored under row id `datasetId`;
    /// empty when there is no such dataset any more.
    std::map<int32_t, int> ratingsPerUser(int64_t datasetId);
    /// Items of a dataset, most rated first; `search` matches titles case-insensitively.
    Expected<std::vector<ItemRow>> items(const std::string& name, const std::string& search, int limit);

    SqliteDb& db() { return m_db; }
    const std::string& path() const { return m_db.path(); }
    /// The schema the file has: kSchemaVersion, or older in a read-only file.
    int schemaVersion() const { return m_schemaVersion; }
    bool isReadOnly() const { return m_db.isReadOnly(); }
    /// Fine when the file can be written; else why not (see SqliteDb::writable).
    Status writable(const std::string& purpose) const { return m_db.writable(purpose); }

    /// The refusal of a name that another dataset has.
    static Error nameTaken(const std::string& name);

private:
    explicit Store(SqliteDb db) : m_db(std::move(db)) { }
    /// Reads what the file holds, writing nothing: its schema version, or why it is not ours.
    Expected<int> recognise(bool* hasOurId);
    Status migrate();
    std::string summaryQuery() const;

    SqliteDb m_db;
    int m_schemaVersion = 0;
};

} // namespace fsr
