#pragma once

// Shared by the rerun and paired-runs tests: a learner whose every prediction is known, and a
// small dataset for it.

#include "experiment/runner.h"
#include "spec/learner.h"

#include <cstring>

namespace fsr::testsupport {

/// Predicts the training mean plus `offset`; each learner built by a drifting factory gets a
/// larger offset, so a re-run of its runs differs by a known amount.
class OffsetLearner : public Learner {
public:
    OffsetLearner(const Dataset& data, float offset) : m_data(data), m_offset(offset) { }

    Status train(const Split& split, ProgressSink&) override
    {
        double sum = 0;
        for (int32_t row : split.trainRatings)
            sum += m_data.ratingValue[static_cast<std::size_t>(row)];
        m_mean = static_cast<float>(sum / static_cast<double>(split.trainRatings.size())) + m_offset;
        return Status::success();
    }
    Adaptation predict(const std::vector<int32_t>&, const std::vector<int32_t>& items, bool) override
    {
        Adaptation result;
        for (int32_t item : items) // the item index breaks ties, so the lists are defined
            result.scores.push_back(m_mean - 0.001f * static_cast<float>(item % 7));
        return result;
    }
    std::vector<char> serialize() const override
    {
        std::vector<char> blob(sizeof(float));
        std::memcpy(blob.data(), &m_mean, sizeof(float));
        return blob;
    }
    Status deserialize(const std::vector<char>& blob) override
    {
        std::memcpy(&m_mean, blob.data(), sizeof(float));
        return {};
    }
    std::string device() const override { return "cpu"; }
    std::string describe() const override { return "offset"; }

private:
    const Dataset& m_data;
    float m_offset;
    float m_mean = 0;
};

inline Dataset makeDataset()
{
    Dataset data;
    data.name = "synthetic";
    for (int u = 0; u < 30; ++u)
        data.users.push_back({"u" + std::to_string(u), 0, {}, {}, {}});
    for (int i = 0; i < 40; ++i)
        data.items.push_back({"i" + std::to_string(i), "Item " + std::to_string(i), 0, {}});
    for (int u = 0; u < 30; ++u)
        for (int n = 0; n < 15; ++n)
            data.addRating(u, (u * 7 + n * 3) % 40, static_cast<float>(1 + (u + n) % 5), 1000 + n);
    data.updateRatingRange();
    return data;
}

/// A factory of OffsetLearners that all add `offset`.
inline LearnerFactory offsetBy(float offset)
{
    return [offset](const ExperimentConfig&, const Dataset& data) -> Expected<std::unique_ptr<Learner>> {
        return std::unique_ptr<Learner>(std::make_unique<OffsetLearner>(data, offset));
    };
}

/// A user-cold-start config for makeDataset(): 20% of its 30 users held out, support sizes 1 and all.
inline std::string offsetConfig(int seed)
{
    return R"({"dataset": "synthetic", "seed": )" + std::to_string(seed) + R"(, "device": "cpu",
        "protocol": {"kind": "user-cold-start", "min_ratings": 10, "query_size": 5, "support_sizes": [1, "all"]},
        "model": {"kind": "biased-mf"}, "method": {"kind": "none"}, "eval": {"k": [5]}})";
}

/// Runs `configJson` into the database at `path`; the run's id, or 0 when it failed.
inline int64_t runExperiment(const std::string& path, const std::string& configJson, const LearnerFactory& factory)
{
    auto config = parseExperimentConfig(configJson);
    if (!config)
        return 0;
    NullProgressSink sink;
    auto result = ExperimentRunner(path, *config, factory).run(sink);
    return result ? result->runId : 0;
}

} // namespace fsr::testsupport
