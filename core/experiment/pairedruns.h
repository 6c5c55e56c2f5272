#pragma once

#include "common/expected.h"
#include "eval/pairedtest.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fsr {

class Store;

/// Two runs' per-user scores on the users both evaluated, with the paired tests.
struct PairedRuns {
    std::vector<int32_t> users;           ///< dense indices
    std::vector<std::string> externalIds; ///< the dataset's own user ids
    std::vector<double> first, second;    ///< the metric per user under each run
    PairedTest test;
    bool higherIsBetter = true;
};

/// Pairs runs `first` and `second` user by user on `metric` ("ndcg@10", "mae") at support
/// size `supportSize` ("10", "all"), as their stored per-user results give it. BadInput when
/// they are not on the same split (another dataset, protocol or seed: the users or their
/// supports would differ), naming the difference, or when they share no user at that size.
Expected<PairedRuns> pairRuns(Store& store, int64_t first, int64_t second, const std::string& supportSize,
                              const std::string& metric);

} // namespace fsr
