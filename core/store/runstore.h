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

/// Whether the dataset a run trained on is still the one of its name.
enum class RunDataset {
    Current,  ///< still there: the run's model applies to it
    Replaced, ///< deleted, and another dataset imported or generated under the same name since
    Deleted,  ///< deleted, and no dataset of that name now
};

/// "current", "replaced", "deleted" (as `fsr runs --json` writes them).
const char* runDatasetName(RunDataset state);

/// A run as listed (everything but the large columns).
struct RunSummary {
    int64_t id = 0;
    std::string datasetName;
    int64_t datasetId = 0; ///< the datasets row it trained on (maybe gone since), 0 when not known
    RunDataset dataset = RunDataset::Current;
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

/// Why a run's model cannot be applied to the data now under its dataset's name ("its dataset
/// 'x' was deleted after the run"); empty when the dataset is the one it trained on.
std::string runDatasetProblem(const RunSummary& run);

/// The dataset a run trains on, as it is when the run starts (see DatasetSummary).
struct RunDatasetRef {
    std::string name;
    int64_t id = 0;
    std::string importId;
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
/// connection the caller owns (one per thread) to a file Store::open has accepted. SQLite
/// failures throw SqliteError. Reading never writes (a read-only file reads like any other).
class RunStore {
public:
    explicit RunStore(SqliteDb& db) : m_db(db) { }

    /// A new row with status running and this process's pid; returns its id.
    int64_t createRun(const RunDatasetRef& dataset, const std::string& model, const std::string& method,
                      const std::string& configJson, unsigned long long seed, const std::string& name = {});
    void appendCurvePoints(int64_t runId, const std::vector<CurvePoint>& points);
    /// Writes every output and marks the run finished, in one transaction.
    void finishRun(int64_t runId, const RunOutputs& outputs);
    /// Marks a run failed or cancelled with its message and the time spent so far.
    void endRun(int64_t runId, const std::string& status, const std::string& message, double trainSeconds,
                double evalSeconds);

    /// Newest first. Runs left "running" by a process that no longer exists read as interrupted,
    /// so a crash never shows as a run in progress (and a writable file records it, when no other
    /// process holds the write lock).
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
    /// "SELECT <summary columns> FROM runs r LEFT JOIN <its dataset> d "
    std::string summaryQuery(const char* extraColumns = "");
    /// Turns a run whose process is gone into an interrupted one; true when it did.
    static bool interruptIfOrphaned(RunSummary& run);
    void recordInterrupted(const std::vector<int64_t>& runIds);

    SqliteDb& m_db;
    int m_schemaVersion = -1; ///< read on first use
};

} // namespace fsr
