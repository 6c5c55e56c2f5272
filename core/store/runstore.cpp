#include "store/runstore.h"

#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace fsr {

namespace {

constexpr const char* kSummaryColumns
    = "SELECT id, dataset_name, name, model, method, seed, device, status, message, pid, created_at, "
      "train_seconds, eval_seconds FROM runs ";

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

int64_t RunStore::createRun(const std::string& datasetName, const std::string& model, const std::string& method,
                            const std::string& configJson, unsigned long long seed, const std::string& name)
{
    auto insert = m_db.prepare("INSERT INTO runs (dataset_name, name, model, method, config, seed, status, pid) VALUES "
                               "(?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, datasetName)
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

void RunStore::markInterrupted()
{
    auto running = m_db.prepare("SELECT id, pid FROM runs WHERE status = ?");
    running.bind(1, runstatus::kRunning);
    std::vector<int64_t> orphans;
    while (running.step())
        if (!processAlive(running.columnInt(1)))
            orphans.push_back(running.columnInt(0));
    for (int64_t runId : orphans)
        endRun(runId, runstatus::kInterrupted, "the process running it ended before it finished", 0, 0);
}

std::vector<RunSummary> RunStore::listRuns()
{
    markInterrupted();
    std::vector<RunSummary> runs;
    auto query = m_db.prepare(std::string(kSummaryColumns) + "ORDER BY id DESC");
    while (query.step())
        runs.push_back(readSummary(query));
    return runs;
}

std::optional<RunRecord> RunStore::getRun(int64_t runId)
{
    markInterrupted();
    auto query
        = m_db.prepare("SELECT id, dataset_name, name, model, method, seed, device, status, message, pid, created_at, "
                       "train_seconds, eval_seconds, config, result_json FROM runs WHERE id = ?");
    query.bind(1, runId);
    if (!query.step())
        return std::nullopt;
    RunRecord record;
    record.summary = readSummary(query);
    record.config = query.columnText(13);
    record.resultJson = query.columnText(14);
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
    auto update = m_db.prepare("UPDATE runs SET name = ? WHERE id = ?");
    update.bind(1, name).bind(2, runId);
    update.exec();
    return m_db.changes() > 0 ? Status() : missingRun(runId);
}

Status RunStore::deleteRun(int64_t runId)
{
    // Curves, metrics and user results go with it (ON DELETE CASCADE).
    auto remove = m_db.prepare("DELETE FROM runs WHERE id = ?");
    remove.bind(1, runId);
    remove.exec();
    return m_db.changes() > 0 ? Status() : missingRun(runId);
}

} // namespace fsr
