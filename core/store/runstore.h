#pragma once

#include "common/expected.h"
#include "store/sqlite.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fsr {

/// Values of runs.status.
namespace runstatus {
constexpr const char* kRunning = "running";
constexpr const char* kFinished = "finished";
constexpr const char* kFailed = "failed";
constexpr const char* kCancelled = "cancelled";
/// Was running in a process that is gone (crash, kill -9, power loss).
constexpr const char* kInterrupted = "interrupted";
} // namespace runstatus

/// A run as listed (everything but the large columns).
struct RunSummary {
    int64_t id = 0;
    std::string datasetName;
    std::string name; ///< user-given label, may be empty
    std::string model;
    std::string method;
    unsigned long long seed = 0;
    std::string device;
    std::string status;  ///< see runstatus
    std::string message; ///< why it failed or was cancelled
    int64_t pid = 0;
    std::string createdAt;
    double trainSeconds = 0;
    double evalSeconds = 0;
};

/// A run with its config and result JSON.
struct RunRecord {
    RunSummary summary;
    std::string config;     ///< experimentConfigToJson text
    std::string resultJson; ///< DESIGN.md result JSON; empty until finished
};

struct CurvePoint {
    std::string series;
    int step = 0;
    double value = 0;
};

struct RunMetric {
    std::string supportSize; ///< a number, "all" or "warm"
    std::string metric;
    double value = 0;
};

/// One user's (under item-cold-start: one item's) detail at one support size.
struct UserResult {
    std::string supportSize;
    int32_t entity = 0;
    std::string json; ///< support/query rows, predictions, top-N before/after, metrics
};

/// What a finished run stores in one go.
struct RunOutputs {
    std::string device;
    double trainSeconds = 0;
    double evalSeconds = 0;
    std::string resultJson;
    std::vector<char> modelBlob;
    std::vector<RunMetric> metrics;
    std::vector<UserResult> userResults;
};

/// The runs tables of the store (runs, run_curves, run_metrics, run_user_results), on a
/// connection the caller owns (one per thread). SQLite failures throw SqliteError.
class RunStore {
public:
    explicit RunStore(SqliteDb& db) : m_db(db) { }

    /// A new row with status running and this process's pid; returns its id.
    int64_t createRun(const std::string& datasetName, const std::string& model, const std::string& method,
                      const std::string& configJson, unsigned long long seed, const std::string& name = {});
    void appendCurvePoints(int64_t runId, const std::vector<CurvePoint>& points);
    /// Writes every output and marks the run finished, in one transaction.
    void finishRun(int64_t runId, const RunOutputs& outputs);
    /// Marks a run failed or cancelled with its message and the time spent so far.
    void endRun(int64_t runId, const std::string& status, const std::string& message, double trainSeconds,
                double evalSeconds);

    /// Newest first. Runs left "running" by a process that no longer exists are first marked
    /// interrupted, so a crash never shows as a run in progress.
    std::vector<RunSummary> listRuns();
    std::optional<RunRecord> getRun(int64_t runId);
    std::vector<CurvePoint> curves(int64_t runId);
    std::vector<RunMetric> metrics(int64_t runId);
    /// Every user result of a run, or those of one support size.
    std::vector<UserResult> userResults(int64_t runId, const std::string& supportSize = {});
    std::optional<UserResult> userResult(int64_t runId, const std::string& supportSize, int32_t entity);
    /// One entity's results at every support size (empty when it was not a test entity).
    std::vector<UserResult> entityResults(int64_t runId, int32_t entity);
    /// The model's parameters; empty when the run never finished.
    std::vector<char> modelBlob(int64_t runId);

    Status rename(int64_t runId, const std::string& name);
    Status deleteRun(int64_t runId);

private:
    void markInterrupted();

    SqliteDb& m_db;
};

} // namespace fsr
