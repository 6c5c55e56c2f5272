#include "experiment/runner.h"

#include "adapt/dataparallel.h"
#include "common/parallel.h"
#include "eval/metricsaccumulator.h"
#include "fewshot/protocol.h"
#include "fewshot/taskbuilding.h"
#include "store/runstore.h"
#include "store/store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>

namespace fsr {

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

/// Share of the progress bar given to training; evaluation takes the rest.
constexpr double kTrainShare = 0.85;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Four decimals are plenty for display and keep the per-user JSON small.
double rounded(double value)
{
    return std::round(value * 1e4) / 1e4;
}

bool allFinite(const std::vector<float>& values)
{
    // It reads every score of every test entity: blocks of a fixed length without an early exit,
    // which the compiler vectorises.
    constexpr std::size_t kBlock = 64;
    const std::size_t count = values.size();
    int infinite = 0;
    std::size_t i = 0;
    for (; i + kBlock <= count; i += kBlock)
        for (std::size_t j = i; j < i + kBlock; ++j)
            infinite |= !std::isfinite(values[j]) ? 1 : 0;
    for (; i < count; ++i)
        infinite |= !std::isfinite(values[i]) ? 1 : 0;
    return infinite == 0;
}

/// Passes progress on to the caller's sink and stores curve points with the run, in batches so
/// a fast training loop does not wait on the disk. Run id 0 (a data-parallel rank other than 0)
/// stores nothing.
class RecordingSink : public ProgressSink {
public:
    RecordingSink(ProgressSink& target, RunStore& runs, int64_t runId)
        : m_target(target)
        , m_runs(runs)
        , m_runId(runId)
        , m_lastFlush(Clock::now())
    {
    }

    void onCurvePoint(const std::string& series, int step, double value) override
    {
        m_pending.push_back({series, step, value});
        m_target.onCurvePoint(series, step, value);
        if (m_pending.size() >= 512 || secondsSince(m_lastFlush) > 1.0)
            flush();
    }
    /// `fraction` of the current phase, mapped into its share of the whole run.
    void onProgress(double fraction, const std::string& phase) override
    {
        m_target.onProgress(m_offset + m_scale * std::clamp(fraction, 0.0, 1.0), phase);
    }
    void onMessage(const std::string& text) override { m_target.onMessage(text); }
    bool cancelled() const override { return m_target.cancelled(); }

    void setPhaseShare(double offset, double scale)
    {
        m_offset = offset;
        m_scale = scale;
    }
    void flush()
    {
        if (m_runId > 0)
            m_runs.appendCurvePoints(m_runId, m_pending);
        m_pending.clear();
        m_lastFlush = Clock::now();
    }

private:
    ProgressSink& m_target;
    RunStore& m_runs;
    int64_t m_runId;
    std::vector<CurvePoint> m_pending;
    Clock::time_point m_lastFlush;
    double m_offset = 0;
    double m_scale = kTrainShare;
};

/// A top-N list as [target, score] pairs.
json topJson(const std::vector<int32_t>& top, const PreparedTask& prepared, const std::vector<float>& scores)
{
    json list = json::array();
    for (int32_t target : top) {
        const auto at = static_cast<std::size_t>(prepared.indexOf(target));
        list.push_back({target, rounded(scores[at])});
    }
    return list;
}

json metricsJson(const UserMetrics& metrics, const MetricSettings& settings)
{
    json values = json::object();
    for (const auto& [name, value] : userMetricValues(metrics, settings))
        values[name] = rounded(value);
    return values;
}

/// Accumulated inner-loop losses of one support size, averaged per step for the curves.
struct InnerLossTrace {
    std::vector<double> sums;
    std::vector<std::size_t> counts;

    void add(const std::vector<float>& losses)
    {
        if (sums.size() < losses.size()) {
            sums.resize(losses.size(), 0.0);
            counts.resize(losses.size(), 0);
        }
        for (std::size_t step = 0; step < losses.size(); ++step) {
            if (!std::isfinite(losses[step]))
                continue;
            sums[step] += losses[step];
            ++counts[step];
        }
    }
};

/// What the summary and the stored results need of one evaluated task: the measurements
/// before adaptation and at each support size, the inner losses and the inspector entries.
/// Ranks of a data-parallel run send these to rank 0.
struct MeasuredTask {
    std::size_t index = 0; ///< in the split's testTasks
    UserMetrics zeroShot;
    std::vector<UserMetrics> metrics;          ///< per support size
    std::vector<std::vector<float>> innerLoss; ///< per support size
    std::vector<std::string> json;             ///< per support size
};

json rankingJson(const std::optional<RankingMetrics>& r)
{
    return r ? json {r->precision, r->recall, r->ndcg, r->hit, r->f1, r->mrr} : json();
}

std::optional<RankingMetrics> rankingFromJson(const json& j)
{
    if (j.is_null())
        return std::nullopt;
    return RankingMetrics {j[0], j[1], j[2], j[3], j[4], j[5]};
}

// Doubles and floats go through CBOR unchanged, so rank 0 sums exactly what the ranks measured.
json userMetricsJson(const UserMetrics& m)
{
    json ranking = json::array();
    for (const auto& r : m.ranking)
        ranking.push_back(rankingJson(r));
    return {m.queryCount, m.absoluteErrorSum, m.squaredErrorSum, m.mae, m.rmse,
            m.ndcgQuery,  m.likedCorrect,     m.relevant,        m.top, ranking};
}

UserMetrics userMetricsFromJson(const json& j)
{
    UserMetrics m;
    m.queryCount = j[0];
    m.absoluteErrorSum = j[1];
    m.squaredErrorSum = j[2];
    m.mae = j[3];
    m.rmse = j[4];
    m.ndcgQuery = j[5];
    m.likedCorrect = j[6];
    m.relevant = j[7].get<std::vector<int32_t>>();
    m.top = j[8].get<std::vector<int32_t>>();
    for (const json& r : j[9])
        m.ranking.push_back(rankingFromJson(r));
    return m;
}

std::string measuredTasksToBytes(const std::vector<MeasuredTask>& tasks)
{
    json all = json::array();
    for (const MeasuredTask& task : tasks) {
        json metrics = json::array();
        for (const UserMetrics& m : task.metrics)
            metrics.push_back(userMetricsJson(m));
        all.push_back({task.index, userMetricsJson(task.zeroShot), metrics, task.innerLoss, task.json});
    }
    const std::vector<std::uint8_t> bytes = json::to_cbor(all);
    return {bytes.begin(), bytes.end()};
}

std::vector<MeasuredTask> measuredTasksFromBytes(const std::string& bytes)
{
    std::vector<MeasuredTask> tasks;
    for (const json& entry : json::from_cbor(bytes)) {
        MeasuredTask task;
        task.index = entry[0];
        task.zeroShot = userMetricsFromJson(entry[1]);
        for (const json& m : entry[2])
            task.metrics.push_back(userMetricsFromJson(m));
        task.innerLoss = entry[3].get<std::vector<std::vector<float>>>();
        task.json = entry[4].get<std::vector<std::string>>();
        tasks.push_back(std::move(task));
    }
    return tasks;
}

/// What the ranks of a data-parallel run compare to know they hold the same data: its size and
/// a hash of every rating (FNV-1a over the columns).
std::string datasetFingerprint(const Dataset& data)
{
    std::uint64_t hash = 14695981039346656037ULL;
    auto mix = [&](const void* bytes, std::size_t size) {
        const auto* at = static_cast<const unsigned char*>(bytes);
        for (std::size_t i = 0; i < size; ++i)
            hash = (hash ^ at[i]) * 1099511628211ULL;
    };
    mix(data.ratingUser.data(), data.ratingUser.size() * sizeof(data.ratingUser[0]));
    mix(data.ratingItem.data(), data.ratingItem.size() * sizeof(data.ratingItem[0]));
    mix(data.ratingValue.data(), data.ratingValue.size() * sizeof(data.ratingValue[0]));
    return std::to_string(data.ratingCount()) + " ratings, " + std::to_string(data.userCount()) + " users, "
        + std::to_string(data.itemCount()) + " items, hash " + std::to_string(hash);
}

/// One run from loaded dataset to stored results; lives for one ExperimentRunner::run call.
class RunExecution {
public:
    /// `parallel` (optional): this rank evaluates its share of the test tasks; rank 0 gathers
    /// the others' and stores the run (the others have run id 0 and store nothing).
    RunExecution(Store& store, const ExperimentConfig& config, Learner& learner, const Dataset& data,
                 const Split& split, int64_t runId, ProgressSink& sink, DataParallel* parallel)
        : m_config(config)
        , m_learner(learner)
        , m_data(data)
        , m_split(split)
        , m_runId(runId)
        , m_runs(store.db())
        , m_sink(sink, m_runs, runId)
        , m_byItem(split.byItem)
        , m_parallel(parallel)
    {
        m_settings.k = config.eval.k;
        m_settings.relevanceThreshold = config.eval.relevanceThreshold;
        m_settings.ratingMin = data.ratingMin;
        m_settings.ratingMax = data.ratingMax;
    }

    Expected<RunResult> execute()
    {
        try {
            if (Status trained = train(); !trained)
                return end(trained.error());
            auto result = evaluate();
            if (!result)
                return end(result.error());
            return result;
        } catch (const DistributedError& e) {
            return end({e.what(), e.code()});
        } catch (const std::exception& e) {
            return end({std::string("internal error: ") + e.what(), ExitCode::RunFailed});
        }
    }

private:
    Status train()
    {
        m_sink.onMessage("training " + m_config.model.kind + " with " + m_config.method.kind + " on "
                         + std::to_string(m_split.trainRatings.size()) + " ratings");
        const auto start = Clock::now();
        Status status = Status::success();
        try {
            status = m_learner.train(m_split, m_sink);
        } catch (const DistributedError&) {
            m_trainSeconds = secondsSince(start); // stored with the failed run
            throw;
        }
        m_trainSeconds = secondsSince(start);
        m_sink.flush();
        if (status && m_sink.cancelled())
            return cancelledError();
        return status;
    }

    Expected<RunResult> evaluate()
    {
        const auto start = Clock::now();
        m_sink.setPhaseShare(kTrainShare, 1.0 - kTrainShare);
        m_sink.onProgress(0.0, "evaluating");

        const std::size_t catalogSize = m_byItem ? m_data.userCount() : m_data.itemCount();
        const std::vector<int>& sizes = m_split.supportSizes;
        std::vector<MetricsAccumulator> after(sizes.size(), MetricsAccumulator(m_settings, catalogSize));
        MetricsAccumulator before(m_settings, catalogSize);
        const std::vector<double> popularity = targetPopularity();
        before.setTargetPopularity(popularity);
        for (MetricsAccumulator& accumulator : after)
            accumulator.setTargetPopularity(popularity);
        std::vector<InnerLossTrace> traces(sizes.size());
        RunOutputs outputs;
        // Added in task order, so sums (and the stored results) depend neither on threads nor on ranks.
        auto add = [&](MeasuredTask& task) {
            before.add(task.zeroShot);
            for (std::size_t s = 0; s < sizes.size(); ++s) {
                after[s].add(task.metrics[s]);
                after[s].addListChange(task.zeroShot.top, task.metrics[s].top);
                traces[s].add(task.innerLoss[s]);
                outputs.userResults.push_back(
                    {label(sizes[s]), m_split.testTasks[task.index].entity, std::move(task.json[s])});
            }
        };

        // A data-parallel rank evaluates a contiguous share; rank 0's comes first in task order.
        const auto [firstTask, endTask] = m_parallel
            ? m_parallel->range(m_split.testTasks.size())
            : std::pair<std::size_t, std::size_t> {0, m_split.testTasks.size()};
        std::vector<MeasuredTask> measuredHere;
        const std::size_t block = tasksPerBlock(catalogSize);
        for (std::size_t first = firstTask; first < endTask; first += block) {
            if (m_sink.cancelled())
                return cancelledError();
            auto evaluated = evaluateBlock(first, std::min(endTask, first + block));
            if (!evaluated)
                return evaluated.error();
            for (TaskEvaluation& task : *evaluated) {
                MeasuredTask kept = measured(std::move(task));
                if (m_runId > 0)
                    add(kept);
                else
                    measuredHere.push_back(std::move(kept));
            }
            m_sink.onProgress(static_cast<double>(first + evaluated->size() - firstTask)
                                  / static_cast<double>(std::max<std::size_t>(1, endTask - firstTask)),
                              "evaluating");
        }
        if (m_parallel) {
            m_sink.onMessage("rank " + std::to_string(m_parallel->rank()) + ": evaluated "
                             + std::to_string(endTask - firstTask) + " of " + std::to_string(m_split.testTasks.size())
                             + " test tasks");
            const auto parts = m_parallel->allGather(measuredTasksToBytes(measuredHere), "evaluation");
            if (m_runId == 0)
                return RunResult {};
            for (std::size_t r = 1; r < parts.size(); ++r)
                for (MeasuredTask& task : measuredTasksFromBytes(parts[r]))
                    add(task);
        }

        RunResult result;
        result.runId = m_runId;
        result.dataset = m_config.dataset;
        result.model = m_config.model.kind;
        result.method = m_config.method.kind;
        result.device = m_learner.device();
        result.seed = m_config.seed;
        result.notes = m_learner.describe();
        for (std::size_t s = 0; s < sizes.size(); ++s) {
            result.results.push_back({label(sizes[s]), after[s].users(), after[s].summary()});
            const InnerLossTrace& trace = traces[s];
            for (std::size_t step = 0; step < trace.sums.size(); ++step)
                if (trace.counts[step])
                    m_sink.onCurvePoint("adapt/" + label(sizes[s]), static_cast<int>(step),
                                        trace.sums[step] / static_cast<double>(trace.counts[step]));
        }
        m_sink.flush();
        result.trainSeconds = m_trainSeconds;
        result.evalSeconds = secondsSince(start);

        for (const SupportSizeResult& size : result.results) {
            outputs.metrics.push_back({size.supportSize, "users", static_cast<double>(size.users)});
            for (const auto& [name, value] : size.metrics)
                outputs.metrics.push_back({size.supportSize, name, value});
        }
        // The zero-shot numbers do not depend on the support size: stored once, for comparison.
        for (const auto& [name, value] : before.summary())
            outputs.metrics.push_back({"before", name, value});
        outputs.device = result.device;
        outputs.trainSeconds = result.trainSeconds;
        outputs.evalSeconds = result.evalSeconds;
        outputs.resultJson = runResultToJson(result);
        outputs.modelBlob = m_learner.serialize();
        m_runs.finishRun(m_runId, outputs);
        m_sink.onProgress(1.0, "finished");
        return result;
    }

    /// One test task's predictions and measurements at every support size.
    struct TaskEvaluation {
        std::size_t index = 0; ///< in m_split.testTasks
        PreparedTask prepared;
        Adaptation zeroShot;
        UserMetrics zeroShotMetrics;
        std::vector<Adaptation> adaptations;   ///< one per distinct support prefix
        std::vector<std::size_t> adaptationAt; ///< per support size: its entry in adaptations, or kSameAsBefore
        std::vector<std::ptrdiff_t> lengths;   ///< per support size: the prefix length used
        std::vector<UserMetrics> metrics;      ///< per support size
        std::vector<std::string> json;         ///< per support size: userJson()
        Status valid = Status::success();

        /// adaptationAt's entry where adapting changes nothing: the prediction is zeroShot.
        static constexpr std::size_t kSameAsBefore = static_cast<std::size_t>(-1);
        const Adaptation& adaptation(std::size_t size) const
        {
            return adaptationAt[size] == kSameAsBefore ? zeroShot : adaptations[adaptationAt[size]];
        }
    };

    /// Tasks evaluated together when the learner scores them together: up to 512, with their
    /// predictions over the catalog (scores and ranking, before and at each support size) kept
    /// near 256 MB. One at a time when it adapts to each in turn, which takes long enough that
    /// progress and cancelling go task by task.
    std::size_t tasksPerBlock(std::size_t catalogSize) const
    {
        if (!m_learner.predictsManyTogether())
            return 1;
        constexpr std::size_t kBlockFloats = std::size_t(1) << 26;
        const std::size_t perTask = std::max<std::size_t>(1, catalogSize * 2 * (m_split.supportSizes.size() + 1));
        return std::clamp<std::size_t>(kBlockFloats / perTask, 1, 512);
    }

    /// Predicts for tasks [first, last) through the learner's predictMany() (before adaptation,
    /// then per support size), then measures each task on the machine's threads.
    Expected<std::vector<TaskEvaluation>> evaluateBlock(std::size_t first, std::size_t last)
    {
        const std::vector<int>& sizes = m_split.supportSizes;
        std::vector<TaskEvaluation> tasks(last - first);
        parallelFor(tasks.size(), [&](std::size_t i) {
            tasks[i].index = first + i;
            tasks[i].prepared = prepareTask(m_data, m_split.testTasks[first + i], m_byItem);
        });
        auto prefix = [&](const TaskEvaluation& task, std::ptrdiff_t length) {
            const Task& source = m_split.testTasks[task.index];
            return std::vector<int32_t>(source.support.begin(), source.support.begin() + length);
        };
        std::vector<std::vector<int32_t>> supports;
        std::vector<const std::vector<int32_t>*> targets;
        for (TaskEvaluation& task : tasks) {
            supports.push_back(prefix(task, zeroShotLength(task)));
            targets.push_back(&task.prepared.targets);
        }
        std::vector<Adaptation> zeroShots = m_learner.predictMany(supports, targets, false);
        for (std::size_t i = 0; i < tasks.size(); ++i)
            tasks[i].zeroShot = std::move(zeroShots[i]);

        // Where adapting changes nothing (warm runs without a method, say) the catalog is scored
        // once: the scoring is most of the evaluation.
        const bool sameAsBefore = m_learner.adaptingChangesNothing();

        for (std::size_t s = 0; s < sizes.size(); ++s) {
            // A support size beyond what the entity has uses all of it: same prefix, same result.
            std::vector<TaskEvaluation*> changed;
            supports.clear();
            targets.clear();
            for (TaskEvaluation& task : tasks) {
                const std::ptrdiff_t length = prefixLength(m_split.testTasks[task.index], sizes[s]);
                task.lengths.push_back(length);
                if (s > 0 && task.lengths[s - 1] == length) {
                    task.adaptationAt.push_back(task.adaptationAt.back());
                    continue;
                }
                if (sameAsBefore && (length > 0) == (zeroShotLength(task) > 0)) {
                    task.adaptationAt.push_back(TaskEvaluation::kSameAsBefore);
                    continue;
                }
                changed.push_back(&task);
                supports.push_back(prefix(task, length));
                targets.push_back(&task.prepared.targets);
            }
            std::vector<Adaptation> adapted = m_learner.predictMany(supports, targets, true);
            for (std::size_t i = 0; i < changed.size(); ++i) {
                changed[i]->adaptationAt.push_back(changed[i]->adaptations.size());
                changed[i]->adaptations.push_back(std::move(adapted[i]));
            }
        }

        parallelFor(tasks.size(), [&](std::size_t i) { measureTask(tasks[i]); });
        for (const TaskEvaluation& task : tasks)
            if (!task.valid)
                return task.valid.error();
        return tasks;
    }

    /// What of an evaluated task the summary and the stored results keep.
    MeasuredTask measured(TaskEvaluation&& task) const
    {
        MeasuredTask out;
        out.index = task.index;
        out.zeroShot = std::move(task.zeroShotMetrics);
        out.metrics = std::move(task.metrics);
        out.json = std::move(task.json);
        for (std::size_t s = 0; s < task.adaptationAt.size(); ++s)
            out.innerLoss.push_back(task.adaptation(s).innerLoss);
        return out;
    }

    /// Checks and measures one task's predictions and writes its inspector entries.
    void measureTask(TaskEvaluation& task) const
    {
        const Task& source = m_split.testTasks[task.index];
        const std::vector<int>& sizes = m_split.supportSizes;
        task.valid = checkScores(task.zeroShot, task.prepared, source, "before adaptation");
        auto isNew = [&](std::size_t s) {
            return task.adaptationAt[s] != TaskEvaluation::kSameAsBefore
                && (s == 0 || task.adaptationAt[s] != task.adaptationAt[s - 1]);
        };
        for (std::size_t s = 0; s < sizes.size() && task.valid; ++s)
            if (isNew(s))
                task.valid
                    = checkScores(task.adaptation(s), task.prepared, source, "at support size " + label(sizes[s]));
        if (!task.valid)
            return;
        task.zeroShotMetrics = measure(task.prepared, task.zeroShot);
        for (std::size_t s = 0; s < sizes.size(); ++s) {
            const Adaptation& adapted = task.adaptation(s);
            if (isNew(s))
                task.metrics.push_back(measure(task.prepared, adapted));
            else if (task.adaptationAt[s] == TaskEvaluation::kSameAsBefore)
                task.metrics.push_back(task.zeroShotMetrics);
            else // the same prefix as the size before
                task.metrics.push_back(task.metrics.back());
            task.json.push_back(userJson(source, static_cast<std::size_t>(task.lengths[s]), task.prepared,
                                         task.zeroShot, task.zeroShotMetrics, adapted, task.metrics.back()));
        }
    }

    /// Per target: the share of training entities that rated it.
    std::vector<double> targetPopularity() const
    {
        const auto& targetOf = m_byItem ? m_data.ratingUser : m_data.ratingItem;
        const auto& entityOf = m_byItem ? m_data.ratingItem : m_data.ratingUser;
        std::vector<double> counts(m_byItem ? m_data.userCount() : m_data.itemCount(), 0.0);
        std::vector<char> seen(m_byItem ? m_data.itemCount() : m_data.userCount(), 0);
        double entities = 0;
        for (int32_t row : m_split.trainRatings) {
            const auto r = static_cast<std::size_t>(row);
            counts[static_cast<std::size_t>(targetOf[r])] += 1;
            char& known = seen[static_cast<std::size_t>(entityOf[r])];
            entities += known ? 0 : 1;
            known = 1;
        }
        for (double& count : counts)
            count = entities > 0 ? count / entities : 0.0;
        return counts;
    }

    /// Before adaptation the support is not used; the smallest prefix is passed so that learners
    /// that need a non-empty context still get one.
    std::ptrdiff_t zeroShotLength(const TaskEvaluation& task) const
    {
        return prefixLength(m_split.testTasks[task.index], m_split.supportSizes.front());
    }

    std::ptrdiff_t prefixLength(const Task& task, int size) const
    {
        const auto available = static_cast<std::ptrdiff_t>(task.support.size());
        return size == kSupportAll ? available : std::min<std::ptrdiff_t>(size, available);
    }

    std::string label(int size) const { return m_split.warm ? kWarmSupportLabel : supportSizeLabel(size); }

    Status checkScores(const Adaptation& adaptation, const PreparedTask& prepared, const Task& task,
                       const std::string& when) const
    {
        const std::string who = std::string(m_byItem ? "item " : "user ") + externalId(task.entity);
        if (adaptation.scores.size() != prepared.targets.size())
            return Error {"internal error: the learner returned " + std::to_string(adaptation.scores.size())
                              + " scores for " + std::to_string(prepared.targets.size()) + " targets",
                          ExitCode::RunFailed};
        if (!allFinite(adaptation.scores))
            return Error {"predictions for " + who + " are not finite " + when
                              + ": adaptation diverged; try a lower method.inner_lr",
                          ExitCode::RunFailed};
        return Status::success();
    }

    UserMetrics measure(const PreparedTask& prepared, const Adaptation& adaptation) const
    {
        const auto queryCount = static_cast<std::ptrdiff_t>(prepared.truth.size());
        const std::vector<int32_t> queryTargets(prepared.targets.begin(), prepared.targets.begin() + queryCount);
        const std::vector<float>& scores = adaptation.scores;
        const std::vector<float> queryScores(scores.begin(), scores.begin() + queryCount);
        // Rating metrics read the predicted ratings; the top-N list reads the ranking score.
        const std::vector<float>& ranking = adaptation.ranking.empty() ? scores : adaptation.ranking;
        return evaluateUser(queryTargets, prepared.truth, queryScores, prepared.targets, ranking, m_settings);
    }

    const std::string& externalId(int32_t entity) const
    {
        const auto index = static_cast<std::size_t>(entity);
        return m_byItem ? m_data.items[index].externalId : m_data.users[index].externalId;
    }

    /// The inspector's view of one entity at one support size. Targets are dense indices
    /// (items, or users under item-cold-start) of the run's dataset.
    std::string userJson(const Task& task, std::size_t supportLength, const PreparedTask& prepared,
                         const Adaptation& zeroShot, const UserMetrics& zeroShotMetrics, const Adaptation& adapted,
                         const UserMetrics& metrics) const
    {
        const auto& targetOf = m_byItem ? m_data.ratingUser : m_data.ratingItem;
        json support = json::array();
        for (std::size_t i = 0; i < supportLength; ++i) {
            const auto row = static_cast<std::size_t>(task.support[i]);
            support.push_back({targetOf[row], m_data.ratingValue[row]});
        }
        json query = json::array();
        for (std::size_t i = 0; i < prepared.truth.size(); ++i)
            query.push_back(
                {prepared.targets[i], prepared.truth[i], rounded(zeroShot.scores[i]), rounded(adapted.scores[i])});
        json innerLoss = json::array();
        for (float loss : adapted.innerLoss)
            innerLoss.push_back(std::isfinite(loss) ? json(rounded(loss)) : json());
        const json entry = {{"entity", task.entity},
                            {"external_id", externalId(task.entity)},
                            {"support", support},
                            {"query", query},
                            {"top_before", topJson(zeroShotMetrics.top, prepared, zeroShot.scores)},
                            {"top_after", topJson(metrics.top, prepared, adapted.scores)},
                            {"inner_loss", innerLoss},
                            {"metrics_before", metricsJson(zeroShotMetrics, m_settings)},
                            {"metrics", metricsJson(metrics, m_settings)}};
        return entry.dump(-1, ' ', false, json::error_handler_t::replace);
    }

    /// Stores how the run ended and hands the error back.
    Error end(const Error& error)
    {
        if (m_runId == 0)
            return error;
        try {
            m_sink.flush();
            const char* status = error.code == ExitCode::Cancelled ? runstatus::kCancelled : runstatus::kFailed;
            m_runs.endRun(m_runId, status, error.message, m_trainSeconds, 0);
        } catch (const std::exception&) {
            // The database itself is failing; the error we already have is the one to report.
        }
        return error;
    }

    const ExperimentConfig& m_config;
    Learner& m_learner;
    const Dataset& m_data;
    const Split& m_split;
    int64_t m_runId;
    RunStore m_runs;
    RecordingSink m_sink;
    bool m_byItem;
    MetricSettings m_settings;
    DataParallel* m_parallel;
    double m_trainSeconds = 0;
};

} // namespace

ExperimentRunner::ExperimentRunner(std::string dbPath, ExperimentConfig config, LearnerFactory factory)
    : m_dbPath(std::move(dbPath))
    , m_config(std::move(config))
    , m_factory(std::move(factory))
{
}

Expected<RunResult> ExperimentRunner::run(ProgressSink& sink)
{
    m_runId = 0;
    try {
        std::unique_ptr<DataParallel> parallel;
        if (m_distributed) {
            sink.onProgress(0.0, "meeting the other ranks");
            auto joined = DataParallel::join(*m_distributed);
            if (!joined)
                return joined.error();
            parallel = std::move(*joined);
        }
        // In a data-parallel run rank 0 alone writes the database.
        const bool storesRun = !parallel || parallel->rank() == 0;
        sink.onProgress(0.0, "loading");
        auto store = Store::open(m_dbPath);
        if (!store)
            return store.error();
        // Refused before minutes of training that could not be stored.
        if (Status writable = store->writable("a run, which stores its model and results there,");
            storesRun && !writable)
            return writable.error();
        DatasetSummary source;
        auto data = store->loadDataset(m_config.dataset, &source);
        if (!data)
            return data.error();
        if (parallel) {
            if (Status same = parallel->agree("config", experimentConfigToJson(m_config)); !same)
                return same.error();
            if (Status same = parallel->agree("dataset", datasetFingerprint(*data)); !same)
                return same.error();
        }
        if (m_config.eval.relevanceThreshold < 0)
            m_config.eval.relevanceThreshold = defaultRelevanceThreshold(data->ratingMin, data->ratingMax);

        auto split = makeSplit(*data, m_config.protocol, m_config.seed);
        if (!split)
            return split.error();
        sink.onMessage(std::to_string(split->testTasks.size()) + " test " + (split->byItem ? "items" : "users") + ", "
                       + std::to_string(split->trainTasks.size()) + " training tasks");
        auto learner = m_factory(m_config, *data);
        if (!learner)
            return learner.error();
        (*learner)->setDataParallel(parallel.get());
        if (sink.cancelled())
            return cancelledError();

        RunStore runs(store->db());
        if (storesRun)
            m_runId = runs.createRun({source.name, source.id, source.importId}, m_config.model.kind,
                                     m_config.method.kind, experimentConfigToJson(m_config), m_config.seed, m_runName);
        RunExecution execution(*store, m_config, **learner, *data, *split, m_runId, sink, parallel.get());
        return execution.execute();
    } catch (const DistributedError& e) {
        return Error {e.what(), e.code()};
    } catch (const std::exception& e) {
        // Before the run row exists (or while creating it): nothing to mark.
        return Error {std::string("internal error: ") + e.what(), ExitCode::RunFailed};
    }
}

} // namespace fsr
