#pragma once

#include "common/expected.h"
#include "eval/metrics.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fsr {

/// The metrics of one support size ("1", "all", or "warm" under the warm protocol).
struct SupportSizeResult {
    std::string supportSize;
    std::size_t users = 0; ///< entities evaluated
    MetricValues metrics;  ///< "mae", "rmse", "ndcg@3_query", "precision@10", ...
};

/// What `fsr run` reports (DESIGN.md, "Result JSON").
struct RunResult {
    int64_t runId = 0;
    std::string dataset;
    std::string model;
    std::string method;
    std::string device;
    unsigned long long seed = 0;
    double trainSeconds = 0;
    double evalSeconds = 0;
    std::string notes; ///< the learner's describe(), e.g. teacher and student sizes
    std::vector<SupportSizeResult> results;
};

/// The result JSON text; numeric support sizes are written as numbers.
std::string runResultToJson(const RunResult& result, int indent = 2);
/// Reads what runResultToJson wrote (stored runs, `--json-out` files).
Expected<RunResult> runResultFromJson(const std::string& text);

} // namespace fsr
