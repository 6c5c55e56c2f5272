#pragma once

#include "common/expected.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fsr {

class Store;

/// Users with between `minRatings` and `maxRatings` ratings in all (a bucket of activity).
struct ActivityBucket {
    int minRatings = 0;
    int maxRatings = 0;        ///< 0: no upper bound
    int users = 0;             ///< test users of the run in the bucket
    double mean = 0;           ///< their mean of the metric
    std::string label() const; ///< "13-20", "101+"
};

/// The edges every breakdown uses, so runs on different data still line up: 1-5, 6-10, 11-20,
/// 21-50, 51-100, 101-200, 201+ ratings (roughly doubling: activity is long-tailed).
const std::vector<int>& activityEdges();

/// A run's `metric` at `supportSize`, averaged over its test users bucketed by how many
/// ratings each has in the dataset (its own count, support and query included); buckets
/// without users are left out. BadInput when the run or its per-user results are missing or
/// its dataset is gone.
Expected<std::vector<ActivityBucket>> activityBreakdown(Store& store, int64_t runId, const std::string& supportSize,
                                                        const std::string& metric);

} // namespace fsr
