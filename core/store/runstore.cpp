#include "store/runstore.h"

#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace fsr {

namespace {

constexpr const char* kInterruptedMessage = "the process running it ended before it finished";
constexpr int kSummaryColumnCount = 15;

RunSummary readSummary(const Statement& row)
{
    RunSummary run;
    run.id = row.columnInt(0);
    run.datasetName = row.columnText(1);
    run.name = row.columnText(2);
    run.model = row.columnText(3);
    run.method = row.columnText(4);
    run.seed = static_cast<unsigned long long>(row.columnInt(5));
    run.device = row.columnText(6);
    run.status = row.columnText(7);
    run.message = row.columnText(8);
    run.pid = row.columnInt(9);
    run.createdAt = row.columnText(10);
    run.trainSeconds = row.columnDouble(11);
    run.evalSeconds = row.columnDouble(12);
    run.datasetId = row.columnInt(13);
    const int64_t state = row.columnInt(14);
    run.dataset = state == 0 ? RunDataset::Current : state == 1 ? RunDataset::Replaced : RunDataset::Deleted;
    return run;
}

bool processAlive(int64_t pid)
{
    // Signal 0 checks existence without signalling; EPERM means it exists but is not ours.
    return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

Status missingRun(int64_t runId)
{
    return badInput("no run with id " + std::to_string(runId));
}

} // namespace

const char* runDatasetName(RunDataset state)
{
    switch (state) {
    case RunDataset::Current:
        return "current";
    case RunDataset::Replaced:
        return "replaced";
    case RunDataset::Deleted:
        return "deleted";
    }
    return "";
}

std::string runDatasetProblem(const RunSummary& run)
{
    switch (run.dataset) {
    case RunDataset::Current:
        return {};
    case RunDataset::Replaced:
        return "its dataset '" + run.datasetName
            + "' was deleted after the run and the name now holds another import, which the run's model was not "
              "trained on";
    case RunDataset::Deleted:
        return "its dataset '" + run.datasetName + "' was deleted after the run";
    }
    return {};
}

std::string RunStore::summaryQuery(const char* extraColumns)
{
    if (m_schemaVersion < 0) {
        auto version = m_db.prepare("PRAGMA user_version");
        m_schemaVersion = version.step() ? static_cast<int>(version.columnInt(0)) : 0;
    }
    // Schema 2 names the dataset row and import; a read-only file of schema 1 (not migrated) has
    // the name only, and the dataset of that name that already existed when the run was made is
    // taken for its own, as the migration to 2 does.
    const bool linked = m_schemaVersion >= 2;
    const char* join = linked ? "d.id = r.dataset_id AND d.import_id = r.dataset_import_id"
                              : "d.name = r.dataset_name AND d.created_at <= r.created_at";
    return std::string("SELECT r.id, r.dataset_name, r.name, r.model, r.method, r.seed, r.device, r.status, "
                       "r.message, r.pid, r.created_at, r.train_seconds, r.eval_seconds, ")
        + (linked ? "COALESCE(r.dataset_id, 0), " : "COALESCE(d.id, 0), ")
        + "CASE WHEN d.id IS NOT NULL THEN 0 "
          "WHEN EXISTS (SELECT 1 FROM datasets n WHERE n.name = r.dataset_name) THEN 1 ELSE 2 END"
        + extraColumns + " FROM runs r LEFT JOIN datasets d ON " + join + " ";
}

int64_t RunStore::createRun(const RunDatasetRef& dataset, const std::string& model, const std::string& method,
                            const std::string& configJson, unsigned long long seed, const std::string& name)
{
    auto insert = m_db.prepare("INSERT INTO runs (dataset_name, name, model, method, config, seed, status, pid, "
                               "dataset_id, dataset_import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (dataset.id > 0)
        insert.bind(9, dataset.id);
    else
        insert.bindNull(9);
    insert.bind(10, dataset.importId);
    insert.bind(1, dataset.name)
        .bind(2, name)
        .bind(3, model)
        .bind(4, method)
        .bind(5, configJson)
        .bind(6, static_cast<int64_t>(seed))
        .bind(7, runstatus::kRunning)
        .bind(8, static_cast<int64_t>(::getpid()));
    insert.exec();
    return m_db.lastInsertId();
}

void RunStore::appendCurvePoints(int64_t runId, const std::vector<CurvePoint>& points)
{
    if (points.empty())
        return;
    Transaction transaction(m_db);
    auto insert = m_db.prepare("INSERT INTO run_curves (run_id, series, step, value) VALUES (?, ?, ?, ?)");
    for (const CurvePoint& point : points) {
        insert.bind(1, runId).bind(2, point.series).bind(3, point.step).bind(4, point.value);
        insert.exec();
    }
    transaction.commit();
}

void RunStore::finishRun(int64_t runId, const RunOutputs& outputs)
{
    Transaction transaction(m_db);
    auto metric
        = m_db.prepare("INSERT OR REPLACE INTO run_metrics (run_id, support_size, metric, value) VALUES (?, ?, ?, ?)");
    for (const RunMetric& row : outputs.metrics) {
        metric.bind(1, runId).bind(2, row.supportSize).bind(3, row.metric).bind(4, row.value);
        metric.exec();
    }
    auto user = m_db.prepare(
        "INSERT OR REPLACE INTO run_user_results (run_id, support_size, user_idx, result) VALUES (?, ?, ?, ?)");
    for (const UserResult& row : outputs.userResults) {
        user.bind(1, runId).bind(2, row.supportSize).bind(3, row.entity).bind(4, row.json);
        user.exec();
    }
    auto update = m_db.prepare("UPDATE runs SET status = ?, message = '', device = ?, train_seconds = ?, "
                               "eval_seconds = ?, result_json = ?, model_blob = ? WHERE id = ?");
    update.bind(1, runstatus::kFinished)
        .bind(2, outputs.device)
        .bind(3, outputs.trainSeconds)
        .bind(4, outputs.evalSeconds)
        .bind(5, outputs.resultJson)
        .bindBlob(6, outputs.modelBlob.data(), outputs.modelBlob.size())
        .bind(7, runId);
    update.exec();
    transaction.commit();
}

void RunStore::endRun(int64_t runId, const std::string& status, const std::string& message, double trainSeconds,
                      double evalSeconds)
{
    auto update
        = m_db.prepare("UPDATE runs SET status = ?, message = ?, train_seconds = ?, eval_seconds = ? WHERE id = ?");
    update.bind(1, status).bind(2, message).bind(3, trainSeconds).bind(4, evalSeconds).bind(5, runId);
    update.exec();
}

bool RunStore::interruptIfOrphaned(RunSummary& run)
{
    if (run.status != runstatus::kRunning || processAlive(run.pid))
        return false;
    run.status = runstatus::kInterrupted;
    run.message = kInterruptedMessage;
    return true;
}

void RunStore::recordInterrupted(const std::vector<int64_t>& runIds)
{
    // Only a record of what the read already shows: skipped in a read-only file, and rather than
    // wait for another process's write (a long import), skipped until a later read.
    if (runIds.empty() || m_db.isReadOnly())
        return;
    BusyTimeout noWait(m_db, 0);
    try {
        auto update = m_db.prepare("UPDATE runs SET status = ?, message = ? WHERE id = ? AND status = ?");
        for (int64_t runId : runIds)
            update.bind(1, runstatus::kInterrupted)
                .bind(2, kInterruptedMessage)
                .bind(3, runId)
                .bind(4, runstatus::kRunning)
                .exec();
    } catch (const SqliteError&) {
        // Busy, or the disk refuses: the next read derives the same status again.
    }
}

std::vector<RunSummary> RunStore::listRuns()
{
    std::vector<RunSummary> runs;
    std::vector<int64_t> interrupted;
    auto query = m_db.prepare(summaryQuery() + "ORDER BY r.id DESC");
    while (query.step()) {
        runs.push_back(readSummary(query));
        if (interruptIfOrphaned(runs.back()))
            interrupted.push_back(runs.back().id);
    }
    query = Statement();
    recordInterrupted(interrupted);
    return runs;
}

std::optional<RunRecord> RunStore::getRun(int64_t runId)
{
    auto query = m_db.prepare(summaryQuery(", r.config, r.result_json") + "WHERE r.id = ?");
    query.bind(1, runId);
    if (!query.step())
        return std::nullopt;
    RunRecord record;
    record.summary = readSummary(query);
    record.config = query.columnText(kSummaryColumnCount);
    record.resultJson = query.columnText(kSummaryColumnCount + 1);
    query = Statement();
    if (interruptIfOrphaned(record.summary))
        recordInterrupted({runId});
    return record;
}

std::vector<CurvePoint> RunStore::curves(int64_t runId)
{
    std::vector<CurvePoint> points;
    // rowid keeps the order points arrived in within a series.
    auto query
        = m_db.prepare("SELECT series, step, value FROM run_curves WHERE run_id = ? ORDER BY series, step, rowid");
    query.bind(1, runId);
    while (query.step())
        points.push_back({query.columnText(0), static_cast<int>(query.columnInt(1)), query.columnDouble(2)});
    return points;
}

std::vector<RunMetric> RunStore::metrics(int64_t runId)
{
    std::vector<RunMetric> rows;
    auto query = m_db.prepare("SELECT support_size, metric, value FROM run_metrics WHERE run_id = ?");
    query.bind(1, runId);
    while (query.step())
        rows.push_back({query.columnText(0), query.columnText(1), query.columnDouble(2)});
    return rows;
}

std::vector<UserResult> RunStore::userResults(int64_t runId, const std::string& supportSize)
{
    std::vector<UserResult> rows;
    auto query = m_db.prepare("SELECT support_size, user_idx, result FROM run_user_results WHERE run_id = ? "
                              "AND (? = '' OR support_size = ?) ORDER BY user_idx, support_size");
    query.bind(1, runId).bind(2, supportSize).bind(3, supportSize);
    while (query.step())
        rows.push_back({query.columnText(0), static_cast<int32_t>(query.columnInt(1)), query.columnText(2)});
    return rows;
}

std::optional<UserResult> RunStore::userResult(int64_t runId, const std::string& supportSize, int32_t entity)
{
    auto query
        = m_db.prepare("SELECT result FROM run_user_results WHERE run_id = ? AND support_size = ? AND user_idx = ?");
    query.bind(1, runId).bind(2, supportSize).bind(3, entity);
    if (!query.step())
        return std::nullopt;
    return UserResult {supportSize, entity, query.columnText(0)};
}

std::vector<UserResult> RunStore::entityResults(int64_t runId, int32_t entity)
{
    std::vector<UserResult> rows;
    auto query = m_db.prepare("SELECT support_size, result FROM run_user_results WHERE run_id = ? AND user_idx = ?");
    query.bind(1, runId).bind(2, entity);
    while (query.step())
        rows.push_back({query.columnText(0), entity, query.columnText(1)});
    return rows;
}

std::vector<char> RunStore::modelBlob(int64_t runId)
{
    auto query = m_db.prepare("SELECT model_blob FROM runs WHERE id = ?");
    query.bind(1, runId);
    return query.step() ? query.columnBlob(0) : std::vector<char>();
}

Status RunStore::rename(int64_t runId, const std::string& name)
{
    if (Status writable = m_db.writable("renaming a run"); !writable)
        return writable.error();
    auto update = m_db.prepare("UPDATE runs SET name = ? WHERE id = ?");
    update.bind(1, name).bind(2, runId);
    update.exec();
    return m_db.changes() > 0 ? Status() : missingRun(runId);
}

Status RunStore::deleteRun(int64_t runId)
{
    if (Status writable = m_db.writable("deleting a run"); !writable)
        return writable.error();
    // Curves, metrics and user results go with it (ON DELETE CASCADE).
    auto remove = m_db.prepare("DELETE FROM runs WHERE id = ?");
    remove.bind(1, runId);
    remove.exec();
    return m_db.changes() > 0 ? Status() : missingRun(runId);
}

} // namespace fsr
