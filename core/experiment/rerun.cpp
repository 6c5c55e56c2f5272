#include "experiment/rerun.h"

#include "experiment/recommender.h"
#include "store/runstore.h"
#include "store/store.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <unistd.h>
#include <utility>

namespace fsr {

namespace {

/// Walks two JSON values side by side, keeping the largest numeric difference and the first
/// place where anything else differs.
class JsonDiff {
public:
    void compare(const nlohmann::json& a, const nlohmann::json& b, const std::string& path)
    {
        if (a.is_number() && b.is_number()) {
            number(a.get<double>(), b.get<double>(), path);
            return;
        }
        if (a.type() != b.type() || (a.is_array() && a.size() != b.size())) {
            differ(path + " (differs in shape)");
            return;
        }
        if (a.is_array()) {
            for (std::size_t i = 0; i < a.size(); ++i)
                compare(a[i], b[i], path + "[" + std::to_string(i) + "]");
        } else if (a.is_object()) {
            for (const auto& [key, value] : a.items()) {
                if (!b.contains(key))
                    differ(path + "." + key + " (missing)");
                else
                    compare(value, b.at(key), path + "." + key);
            }
        } else if (a != b) {
            differ(path);
        }
    }

    void number(double a, double b, const std::string& where)
    {
        const double diff = std::isnan(a) && std::isnan(b) ? 0.0 : std::isfinite(a - b) ? std::abs(a - b) : INFINITY;
        if (diff == 0)
            return;
        m_report.identical = false;
        if (diff > m_report.maxAbsDiff) {
            m_report.maxAbsDiff = diff;
            m_report.where = where;
        }
    }

    /// A difference that is not a number (another item in a list, a missing key).
    void differ(const std::string& where)
    {
        if (m_report.where.empty())
            m_report.where = where;
        m_report.identical = false;
    }

    RerunReport& report() { return m_report; }

private:
    RerunReport m_report;
};

std::string labelOf(const std::string& supportSize)
{
    return "K=" + supportSize;
}

} // namespace

Expected<RerunReport> rerunAndCompare(const std::string& dbPath, int64_t runId, const LearnerFactory& factory,
                                      ProgressSink& sink)
{
    auto store = Store::open(dbPath);
    if (!store)
        return store.error();
    RunStore runs(store->db());
    const auto record = runs.getRun(runId);
    const std::string name = "run " + std::to_string(runId);
    if (!record)
        return badInput("no run with id " + std::to_string(runId) + " (see `fsr runs`)");
    if (record->summary.status != runstatus::kFinished)
        return badInput(name + " cannot be re-run: it is " + record->summary.status
                        + ", so there is nothing to "
                          "compare with");
    if (const std::string problem = runDatasetProblem(record->summary); !problem.empty())
        return badInput(name + " cannot be re-run: " + problem);
    auto config = parseExperimentConfig(record->config);
    if (!config)
        return badInput(name + ": stored config: " + config.error().message);
    config->device = record->summary.device; // the device it ran on, not "auto"
    auto data = store->loadDataset(config->dataset);
    if (!data)
        return badInput(name + ": " + data.error().message);

    // A scratch database with the dataset alone: the original is only read.
    const auto scratchDir = std::filesystem::temp_directory_path()
        / ("fsr-rerun-" + std::to_string(runId) + "-" + std::to_string(::getpid()));
    std::error_code ignored;
    std::filesystem::remove_all(scratchDir, ignored);
    if (!std::filesystem::create_directories(scratchDir, ignored) && ignored)
        return badInput("cannot create a scratch folder in " + scratchDir.parent_path().string() + ": "
                        + ignored.message());
    struct Cleanup {
        std::filesystem::path dir;
        ~Cleanup()
        {
            std::error_code e;
            std::filesystem::remove_all(dir, e);
        }
    } cleanup {scratchDir};
    const std::string scratchPath = (scratchDir / "rerun.sqlite").string();
    {
        auto scratch = Store::open(scratchPath);
        if (!scratch)
            return scratch.error();
        if (auto saved = scratch->saveDataset(*data, "rerun", "run " + std::to_string(runId)); !saved)
            return saved.error();
    }
    ExperimentRunner runner(scratchPath, *config, factory);
    auto result = runner.run(sink);
    if (!result) {
        if (result.error().code == ExitCode::BadInput)
            return badInput(name + " cannot be re-run: " + result.error().message);
        return result.error();
    }

    auto scratch = Store::open(scratchPath);
    if (!scratch)
        return scratch.error();
    RunStore again(scratch->db());
    JsonDiff diff;
    std::map<std::pair<std::string, std::string>, double> original;
    for (const RunMetric& metric : runs.metrics(runId))
        original[{metric.supportSize, metric.metric}] = metric.value;
    int metrics = 0;
    for (const RunMetric& metric : again.metrics(result->runId)) {
        const auto found = original.find({metric.supportSize, metric.metric});
        if (found == original.end()) {
            diff.differ(metric.metric + " at " + labelOf(metric.supportSize) + " (not in the original)");
            continue;
        }
        diff.number(found->second, metric.value, metric.metric + " at " + labelOf(metric.supportSize));
        ++metrics;
    }
    if (metrics != static_cast<int>(original.size()))
        diff.differ("the number of metrics (" + std::to_string(original.size()) + " before, " + std::to_string(metrics)
                    + " now)");

    int users = 0;
    const std::string largest = longestSupportLabel(*config);
    for (const UserResult& before : runs.userResults(runId, largest)) {
        if (users >= kRerunUsers)
            break;
        const auto after = again.userResult(result->runId, before.supportSize, before.entity);
        const std::string where = "user " + std::to_string(before.entity) + " at " + labelOf(before.supportSize);
        if (!after) {
            diff.differ(where + " (missing in the re-run)");
            continue;
        }
        try {
            diff.compare(nlohmann::json::parse(before.json), nlohmann::json::parse(after->json), where);
        } catch (const nlohmann::json::exception& error) {
            return badInput(name + ": stored per-user results are damaged: " + error.what());
        }
        ++users;
    }
    RerunReport report = diff.report();
    report.metricsCompared = metrics;
    report.usersCompared = users;
    return report;
}

} // namespace fsr
