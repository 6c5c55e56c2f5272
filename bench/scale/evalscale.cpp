// Scale benchmark (not a test): how long evaluating a warm biased-MF run takes with evaluation in
// blocks (the learner's own predictMany) and as before (testsupport::OneByOneLearner keeps the
// default one-entity-at-a-time predictMany), next to one training epoch of the same run.
//   fsr_bench_scale DB DATASET [REPEATS [EPOCHS]]
// Each round runs both paths through ExperimentRunner, as `fsr run` does, alternating which goes
// first so that load from elsewhere on the machine hits both alike. Prints one "run" line per run
// and a closing "summary" line of medians (run.sh reads that one).

#include "core/onebyonelearner.h" // tests/core: the one-by-one learner the tests compare with

#include "experiment/learnerfactory.h"
#include "experiment/runner.h"
#include "spec/config.h"
#include "spec/progress.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace fsr;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

Expected<std::unique_ptr<Learner>> oneByOne(const ExperimentConfig& config, const Dataset& data)
{
    auto learner = makeLearner(config, data);
    if (!learner)
        return learner.error();
    return std::unique_ptr<Learner>(std::make_unique<testsupport::OneByOneLearner>(std::move(*learner)));
}

/// The largest difference between two runs' metrics (the paths must agree up to float rounding).
double largestDifference(const RunResult& a, const RunResult& b)
{
    double largest = 0;
    for (std::size_t s = 0; s < std::min(a.results.size(), b.results.size()); ++s)
        for (const auto& [name, value] : a.results[s].metrics)
            for (const auto& [otherName, otherValue] : b.results[s].metrics)
                if (otherName == name)
                    largest = std::max(largest, std::abs(value - otherValue));
    return largest;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s DB DATASET [REPEATS [EPOCHS]]\n", argv[0]);
        return 2;
    }
    const std::string db = argv[1], dataset = argv[2];
    const int repeats = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
    const int epochs = argc > 4 ? std::max(1, std::atoi(argv[4])) : 2;

    // The rating objective: no neighbourhood is fitted, so training is the epochs and their
    // validation passes, and evaluation is the model's scoring of every user over the catalog.
    const std::string json = R"({"dataset": ")" + dataset + R"(", "seed": 7, "device": "cpu",
        "protocol": {"kind": "warm", "test_fraction": 0.1},
        "model": {"kind": "biased-mf", "dim": 32},
        "train": {"epochs": )"
        + std::to_string(epochs) + R"(, "objective": "rating"},
        "method": {"kind": "none"}})";
    auto config = parseExperimentConfig(json);
    if (!config) {
        std::fprintf(stderr, "config: %s\n", config.error().message.c_str());
        return 2;
    }

    const LearnerFactory batched = makeLearner;
    std::vector<double> epochSeconds, batchedEval, oneByOneEval;
    double difference = 0;
    NullProgressSink sink;
    for (int round = 0; round < repeats; ++round) {
        RunResult results[2];
        for (int turn = 0; turn < 2; ++turn) {
            const bool old = (round + turn) % 2 == 1;
            auto result = ExperimentRunner(db, *config, old ? LearnerFactory(oneByOne) : batched).run(sink);
            if (!result) {
                std::fprintf(stderr, "run failed: %s\n", result.error().message.c_str());
                return 1;
            }
            std::printf("run %s %-10s round %d train_seconds %.3f eval_seconds %.3f\n", dataset.c_str(),
                        old ? "one-by-one" : "batched", round + 1, result->trainSeconds, result->evalSeconds);
            std::fflush(stdout);
            // Training is the same in both paths: every run gives an epoch time.
            epochSeconds.push_back(result->trainSeconds / epochs);
            (old ? oneByOneEval : batchedEval).push_back(result->evalSeconds);
            results[old ? 1 : 0] = std::move(*result);
        }
        difference = std::max(difference, largestDifference(results[0], results[1]));
    }

    const double epoch = median(epochSeconds), now = median(batchedEval), before = median(oneByOneEval);
    std::printf("summary %s repeats %d epoch_seconds %.3f eval_before %.3f eval_after %.3f before_over_after %.2f "
                "after_over_epoch %.2f metric_diff %.2g\n",
                dataset.c_str(), repeats, epoch, before, now, before / now, now / epoch, difference);
    return 0;
}
