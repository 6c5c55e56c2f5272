#pragma once

#include "common/expected.h"
#include "experiment/runner.h"
#include "spec/progress.h"

#include <cstdint>
#include <string>

namespace fsr {

/// How a re-run of a stored run compares with it.
struct RerunReport {
    bool identical = true;
    double maxAbsDiff = 0; ///< the largest difference of any metric or per-user number
    std::string where;     ///< where that difference is ("ndcg@10 at K=10", "user 12 at K=all: after[3]")
    int metricsCompared = 0;
    int usersCompared = 0;
};

/// Re-runs run `runId` of the database at `dbPath` with its stored config, seed and device,
/// in a temporary database that holds a copy of its dataset (the original database is only
/// read), and compares every metric and the per-user results (predictions, lists) of up to
/// kRerunUsers test users at the largest support size. BadInput when the run cannot be re-run:
/// it did not finish, its dataset was deleted or replaced, or its device is not available.
Expected<RerunReport> rerunAndCompare(const std::string& dbPath, int64_t runId, const LearnerFactory& factory,
                                      ProgressSink& sink);

/// Users whose stored lists a re-run is compared on: enough to catch a different ranking, few
/// enough to keep the comparison instant.
inline constexpr int kRerunUsers = 50;

} // namespace fsr
