#pragma once

#include "common/expected.h"
#include "data/dataset.h"
#include "spec/config.h"
#include "spec/learner.h"
#include "experiment/runner.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fsr {

class Store;

/// An item in a top-N list.
struct RecommendedItem {
    int32_t item = -1;
    float score = 0;
    std::optional<float> knownRating; ///< the user's own rating when they rated it outside the support
};

/// A user's top-N before and after adapting a stored model to their support.
struct Recommendation {
    int32_t user = -1;
    bool testUser = false;               ///< held out by the run: the support comes from the run
    std::vector<int32_t> supportRows;    ///< dataset rows, in the order given to the model
    std::vector<RecommendedItem> before; ///< best first
    std::vector<RecommendedItem> after;
    std::vector<float> innerLoss;        ///< support loss per inner step
    /// Attention model only: weights[layer][head][rank in `after`][position in the support].
    AttentionMap attention;
};

/// A finished run's model, loaded once, adapting to any user of its dataset on demand
/// (`fsr recommend`, the GUI's user inspector). Under item-cold-start the model adapts to items,
/// not users, so such runs are refused.
class RunRecommender {
public:
    /// Loads the run's config, dataset and stored model. BadInput when the run does not exist,
    /// has no stored model (it failed or is still running) or its dataset was deleted.
    static Expected<std::unique_ptr<RunRecommender>> open(Store& store, int64_t runId, const LearnerFactory& factory);

    /// Adapts to the user with the dataset's own id `externalUserId` on `supportSize` of their
    /// ratings (kSupportAll: all). A user the run held out gets the run's own support order, so
    /// the result matches the run's per-user results; any other user gets their ratings in
    /// time order.
    Expected<Recommendation> recommend(const std::string& externalUserId, int supportSize, int topN);

    const Dataset& data() const { return *m_data; }
    const ExperimentConfig& config() const { return m_config; }

private:
    RunRecommender() = default;
    std::vector<int32_t> supportOrder(int32_t user) const;

    ExperimentConfig m_config;
    std::unique_ptr<Dataset> m_data; ///< on the heap: the learner keeps a reference
    std::unique_ptr<Learner> m_learner;
    std::vector<std::vector<int32_t>> m_userRows;       ///< per user: rating rows
    std::map<int32_t, std::vector<int32_t>> m_runOrder; ///< test user -> support items in run order
    std::map<int32_t, std::vector<int32_t>> m_runQuery; ///< test user -> query items
    std::map<std::string, int32_t> m_userByExternalId;
};

/// The stored support size that holds the longest support: "warm" under the warm protocol,
/// else the last of the sweep (the per-user rows the inspector shows).
std::string longestSupportLabel(const ExperimentConfig& config);

} // namespace fsr
