#pragma once

#include "common/expected.h"

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace fsr {

/// One rating with dense user and item indices.
struct RatingRow {
    int32_t user = 0;
    int32_t item = 0;
    float value = 0.0f;
    int64_t time = 0;
};

/// Ratings of an import too large to hold in memory: sorted runs in an unnamed temporary file,
/// merged as they are read back, so memory stays at one buffer per run whatever the file size.
/// Reading yields (user, item) order with only the latest rating of each pair (by time; at the
/// same time, the one added last), the order and choice of the in-memory import.
class SpilledRatings {
public:
    /// Creates the temporary file in the system's temporary folder (TMPDIR); it disappears
    /// when this object does, or with the process.
    static Expected<std::unique_ptr<SpilledRatings>> create();
    ~SpilledRatings();
    SpilledRatings(const SpilledRatings&) = delete;
    SpilledRatings& operator=(const SpilledRatings&) = delete;

    /// Sorts `rows` and appends them as one run, then empties `rows`. Runs must arrive in input
    /// order: on equal (user, item, time) a later run wins. A full disk is an Error.
    Status addRun(std::vector<RatingRow>& rows);

    /// Calls `visit` for each kept rating in order; stops early when it returns false.
    Status forEach(const std::function<bool(const RatingRow&)>& visit) const;

    /// Rows added, duplicates included.
    int64_t rowsAdded() const { return m_rowsAdded; }

private:
    explicit SpilledRatings(std::FILE* file) : m_file(file) { }

    std::FILE* m_file;
    std::vector<std::pair<int64_t, int64_t>> m_runs; ///< first row and row count of each run
    int64_t m_rowsAdded = 0;
};

} // namespace fsr
