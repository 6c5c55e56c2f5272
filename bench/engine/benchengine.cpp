// Engine benchmarks (not tests): times the three operations issue 3 sets targets for, on
// synthetic data of MovieLens-1M shape, and prints one "name median_seconds" line each.
//   mf_epoch       one biased-mf training epoch over 1M ratings (batch 1024, Adam, rating objective)
//   joint_epoch    the same epoch with the joint objective (squared error + sampled-softmax ranking)
//   fit_<kind>     fitting item-knn, ease, content and hybrid on 100K ratings (MovieLens-100K shape)
//   maml_epoch     one MAML meta-epoch: 1024 tasks, meta-batch 32, 3 inner steps, scope user
//   adapt_rank     adapting one new user (10 ratings, 3 steps) and scoring 10,000 items
// The Python peers in this folder do the same work; run.sh prints both and their ratios (the
// joint epoch's peer is our own rating epoch).

#include "experiment/learnerfactory.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

using namespace fsr;

namespace {

Dataset syntheticDataset(int users, int items, int64_t ratings, unsigned seed)
{
    std::mt19937 rng(seed);
    Dataset data;
    data.users.resize(static_cast<size_t>(users));
    data.items.resize(static_cast<size_t>(items));
    std::uniform_int_distribution<int> user(0, users - 1), item(0, items - 1), stars(1, 5);
    for (int64_t r = 0; r < ratings; ++r)
        data.addRating(user(rng), item(rng), static_cast<float>(stars(rng)), r);
    data.updateRatingRange();
    return data;
}

double seconds(std::chrono::steady_clock::time_point from)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - from).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

ExperimentConfig configFor(const std::string& method)
{
    ExperimentConfig c;
    c.protocol.kind = "user-cold-start";
    c.device = "cpu";
    c.model.kind = "biased-mf";
    c.model.dim = 32;
    c.method.kind = method;
    c.method.innerSteps = 3;
    c.method.metaBatch = 32;
    c.train.epochs = 1;
    c.train.batchSize = 1024;
    c.train.objective = "rating"; // what the Python peers compute
    return c;
}

/// The median seconds of `repeats` trainings of fresh learners; negative when one fails.
double medianTrainingSeconds(const ExperimentConfig& config, const Dataset& data, const Split& split, int repeats)
{
    NullProgressSink sink;
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        auto learner = makeLearner(config, data);
        const auto t0 = std::chrono::steady_clock::now();
        if (!learner || !(*learner)->train(split, sink))
            return -1.0;
        times.push_back(seconds(t0));
    }
    return median(times);
}

/// A split whose training rows are all of `data`'s ratings.
Split trainingOnAll(const Dataset& data, const char* kind, int supportSize)
{
    Split split;
    split.kind = kind;
    split.supportSizes = {supportSize};
    for (int32_t r = 0; r < static_cast<int32_t>(data.ratingCount()); ++r)
        split.trainRatings.push_back(r);
    return split;
}

/// Prints "name median_seconds"; false when the training failed (negative time).
bool report(const std::string& name, double seconds)
{
    if (seconds < 0)
        return false;
    std::printf("%s %.4f\n", name.c_str(), seconds);
    std::fflush(stdout);
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    // Optional second argument: run only the benchmarks whose name starts with it (profiling).
    const std::string only = argc > 2 ? argv[2] : "";
    auto wanted = [&](const std::string& name) { return name.compare(0, only.size(), only) == 0; };
    NullProgressSink sink;

    for (const char* objective : {"rating", "joint"}) {
        const std::string name = std::string(objective) == "rating" ? "mf_epoch" : "joint_epoch";
        if (!wanted(name))
            continue;
        const auto data = syntheticDataset(6040, 3706, 1000000, 1);
        auto config = configFor("fine-tune");
        config.train.objective = objective;
        // The epoch alone: choosing a neighbourhood after training is not part of it.
        config.model.extra["neighbourhood"] = std::string("none");
        if (!report(name, medianTrainingSeconds(config, data, trainingOnAll(data, "warm", kSupportAll), repeats)))
            return 4;
    }
    for (const char* kind : {"item-knn", "ease", "content", "hybrid"}) {
        if (!wanted("fit") && !wanted(std::string("fit_") + kind))
            continue;
        const auto data = syntheticDataset(943, 1682, 100000, 4);
        auto config = configFor("none");
        config.model.kind = kind;
        const auto split = trainingOnAll(data, "user-cold-start", 10);
        if (!report(std::string("fit_") + kind, medianTrainingSeconds(config, data, split, repeats)))
            return 4;
    }
    if (wanted("maml_epoch")) {
        // 1024 meta-training users with 20 ratings each (support 10, query 10).
        const auto data = syntheticDataset(6040, 3706, 1000000, 2);
        std::vector<std::vector<int32_t>> rowsOf(data.userCount());
        for (int32_t r = 0; r < static_cast<int32_t>(data.ratingCount()); ++r)
            rowsOf[static_cast<size_t>(data.ratingUser[static_cast<size_t>(r)])].push_back(r);
        Split split;
        split.kind = "user-cold-start";
        split.supportSizes = {10};
        for (int u = 0; u < 1024; ++u) {
            Task task;
            task.entity = u;
            task.support.assign(rowsOf[static_cast<size_t>(u)].begin(), rowsOf[static_cast<size_t>(u)].begin() + 10);
            task.query.assign(rowsOf[static_cast<size_t>(u)].begin() + 10, rowsOf[static_cast<size_t>(u)].begin() + 20);
            split.trainTasks.push_back(task);
            split.trainRatings.insert(split.trainRatings.end(), task.support.begin(), task.support.end());
            split.trainRatings.insert(split.trainRatings.end(), task.query.begin(), task.query.end());
        }
        if (!report("maml_epoch", medianTrainingSeconds(configFor("maml"), data, split, repeats)))
            return 4;
    }
    for (const char* kind : {"biased-mf", "neural", "attention"}) {
        if (!wanted("adapt_rank") && !wanted(std::string("adapt_rank_") + kind))
            continue;
        const auto data = syntheticDataset(2000, 10000, 200000, 3);
        Split split;
        split.kind = "user-cold-start";
        split.supportSizes = {10};
        for (int32_t r = 0; r < static_cast<int32_t>(data.ratingCount()); ++r)
            if (data.ratingUser[static_cast<size_t>(r)] != 0)
                split.trainRatings.push_back(r);
        auto config = configFor(std::string(kind) == "attention" ? "none" : "fine-tune");
        config.model.kind = kind;
        config.train.objective = "joint"; // the default: adapting computes the ranking loss too
        auto learner = makeLearner(config, data);
        if (!(*learner)->train(split, sink))
            return 4;
        std::vector<int32_t> support, items(10000);
        for (int32_t r = 0; r < static_cast<int32_t>(data.ratingCount()) && support.size() < 10; ++r)
            if (data.ratingUser[static_cast<size_t>(r)] == 0)
                support.push_back(r);
        for (int i = 0; i < 10000; ++i)
            items[static_cast<size_t>(i)] = i;
        std::vector<double> times;
        for (int i = 0; i < 5 + 20 * repeats; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            const auto result = (*learner)->predict(support, items, true);
            if (i >= 5) // the first calls warm up the allocator
                times.push_back(seconds(t0));
            if (result.scores.size() != items.size())
                return 4;
        }
        std::printf("adapt_rank_%s %.4f\n", kind, median(times));
        times.clear();
        for (int i = 0; i < 5 + 20 * repeats; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            (*learner)->predict(support, items, false);
            if (i >= 5)
                times.push_back(seconds(t0));
        }
        std::printf("rank_only_%s %.4f\n", kind, median(times));
        std::fflush(stdout);
    }
    return 0;
}
