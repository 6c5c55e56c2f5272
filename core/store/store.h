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
    static constexpr int kSchemaVersion = 1;

    /// Opens (creating folders and file as needed) and migrates. A corrupt or unwritable file
    /// is an Error naming the path.
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
    Expected<Dataset> loadDataset(const std::string& name);
    Status deleteDataset(const std::string& name);
    Expected<DatasetStats> stats(const std::string& name);
    /// Items of a dataset, most rated first; `search` matches titles case-insensitively.
    Expected<std::vector<ItemRow>> items(const std::string& name, const std::string& search, int limit);

    SqliteDb& db() { return m_db; }
    const std::string& path() const { return m_db.path(); }

private:
    explicit Store(SqliteDb db) : m_db(std::move(db)) { }
    Status migrate();

    SqliteDb m_db;
};

} // namespace fsr
