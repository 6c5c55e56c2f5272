#pragma once

#include "common/expected.h"
#include "common/pca.h"
#include "data/dataset.h"
#include "experiment/runner.h"
#include "spec/config.h"
#include "spec/learner.h"

#include <array>
#include <cstdint>
#include <limits>
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

/// What orders a top-N list: the model's ranking score (where it has one apart from its rating
/// predictions, e.g. the ranking objective's), or the predicted rating.
enum class RankBy { Relevance, Rating };

/// A user's top-N before and after adapting a stored model to their support.
struct Recommendation {
    int32_t user = -1;
    bool testUser = false;               ///< held out by the run: the support comes from the run
    std::vector<int32_t> supportRows;    ///< dataset rows, in the order given to the model
    std::vector<RecommendedItem> before; ///< best first
    std::vector<RecommendedItem> after;
    std::vector<float> innerLoss; ///< support loss per inner step
    bool ranksApart = false;      ///< the model has a ranking score apart from its ratings
    /// Attention model only: weights[layer][head][rank in `after`][position in the support].
    AttentionMap attention;
};

/// A rating given by a new user who is not in the dataset (the sandbox's, `fsr recommend --rate`).
struct NewUserRating {
    int32_t item = -1; ///< dense index
    float rating = 0;
};

/// A run's items (and the users it trained, where it keeps a vector for each) on the first two
/// principal axes of the space its ranking score works in.
struct EmbeddingMap {
    std::vector<std::array<float, 2>> items; ///< per item index
    std::vector<int32_t> users;              ///< dense indices of the users drawn
    std::vector<std::array<float, 2>> userPoints;
    std::array<float, 2> explained {}; ///< share of the variance along each axis
};

/// An adaptation taken one inner step at a time (entry 0: the starting weights).
struct SteppedAdaptation {
    std::vector<int32_t> supportRows;
    std::vector<float> supportLoss; ///< the inner loop's loss on the support
    std::vector<float> queryError;  ///< mean absolute error on the query, in stars (empty: no query)
    std::vector<std::vector<RecommendedItem>> top;
    std::vector<std::array<float, 2>> points; ///< the user on the embedding map
};

/// A user of the run's dataset, as a picker lists them.
struct RunUserInfo {
    int32_t user = -1;      ///< dense index
    std::string externalId; ///< the dataset's own id, what recommend() takes
    int ratings = 0;
    bool testUser = false; ///< held out by the run: a cold-start user it never trained on
    int maxSupport = 1;    ///< ratings that can go into the support (the query stays out)
};

/// A held-out rating with the model's predictions for it.
struct QueryRating {
    int32_t row = -1; ///< dataset row
    int32_t item = -1;
    float rating = 0;                                       ///< the user's own rating
    float before = std::numeric_limits<float>::quiet_NaN(); ///< NaN where the model gave no prediction
    float after = std::numeric_limits<float>::quiet_NaN();
};

/// A user's query predicted before and after adapting to a support.
struct QueryPrediction {
    std::vector<QueryRating> ratings;
    /// Attention model only, after adaptation: weights[layer][head][query position][support position].
    AttentionMap attention;
};

/// The stored support size that holds the longest support, whose per-user rows give a test
/// user's support order and query: "warm" under the warm protocol, else the last of the sweep.
std::string longestSupportLabel(const ExperimentConfig& config);

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
    /// time order. The lists follow `rankBy`; a model without a ranking score of its own ranks by
    /// rating either way.
    Expected<Recommendation> recommend(const std::string& externalUserId, int supportSize, int topN,
                                       RankBy rankBy = RankBy::Relevance);

    /// Adapts to a new user who is not in the dataset, from `ratings` in the order given (none:
    /// the model's prior, so `before` and `after` agree). The dataset and the database are left
    /// as they were. The result's support rows name rows that are valid until the next call.
    /// BadInput for an unknown item, an item rated twice or a rating outside the dataset's range.
    Expected<Recommendation> recommendNewUser(const std::vector<NewUserRating>& ratings, int topN,
                                              RankBy rankBy = RankBy::Relevance);

    /// Adapts to the user as recommend() does, but `steps` inner steps, one at a time, keeping
    /// the lists, losses and map point after each. `supportRows` empty: the user's first
    /// `supportSize` ratings as recommend() picks them; else these rows (the sandbox user's).
    /// BadInput for a run that does not adapt by gradient steps, naming its method.
    Expected<SteppedAdaptation> stepThrough(const std::string& externalUserId, int supportSize, int steps, int topN);
    Expected<SteppedAdaptation> stepThroughNewUser(const std::vector<NewUserRating>& ratings, int steps, int topN);

    /// Whether stepThrough() can step this run (its method adapts by gradient steps).
    bool adaptsByGradientSteps() const { return m_learner->adaptsByGradientSteps(); }

    /// The run's embedding map (computed once). BadInput for models without item embeddings.
    Expected<EmbeddingMap> embeddingMap();

    /// Hybrid runs: the weight alpha of the collaborative part as the run stored it; none for
    /// runs whose ranking is not a mix.
    std::optional<double> storedMixWeight() const { return m_storedMix; }
    /// Re-weights the mix for later calls (clamped to [0, 1]); nothing for other runs.
    void setMixWeight(double alpha);

    /// The item with the dataset's own id `externalItemId`, or -1.
    int32_t itemByExternalId(const std::string& externalItemId) const;

    /// The dataset's users that have ratings (the ones recommend() can adapt to), in index order.
    std::vector<RunUserInfo> users() const;

    /// Ratings of the user with dense index `user`.
    int ratingCount(int32_t user) const;
    /// Their dataset rows, earliest first.
    std::vector<int32_t> timeline(int32_t user) const;

    /// The query the run evaluated a test user on (dataset rows, in the run's order); empty for
    /// a user the run trained on.
    std::vector<int32_t> storedQuery(int32_t user) const;

    /// The ratings to judge an adaptation by: a test user's stored query, else the user's
    /// latest ratings outside `supportRows` (at most kMaxWarmQuery, latest first).
    std::vector<int32_t> queryRows(int32_t user, const std::vector<int32_t>& supportRows) const;

    /// Predicts queryRows(user, supportRows) before and after adapting to `supportRows` (as
    /// recommend() returned them).
    QueryPrediction predictQuery(int32_t user, const std::vector<int32_t>& supportRows);

    /// A rating at least this counts as liked: the run's threshold, else the dataset's default.
    double relevanceThreshold() const;

    /// Held-out ratings of a user the run trained on: enough to judge the predictions, few
    /// enough to read.
    static constexpr int kMaxWarmQuery = 20;
    /// Inner steps stepThrough() takes at most: enough to see a loss level off.
    static constexpr int kMaxSteps = 100;

    const Dataset& data() const { return *m_data; }
    const ExperimentConfig& config() const { return m_config; }

private:
    RunRecommender() = default;
    std::vector<int32_t> supportOrder(int32_t user) const;
    /// The lists for `user` adapted to `order` (dataset rows).
    Expected<Recommendation> rank(int32_t user, std::vector<int32_t> order, int topN, RankBy rankBy);
    Expected<SteppedAdaptation> step(int32_t user, std::vector<int32_t> order, int steps, int topN);
    /// `order` for a user by external id, cut to `supportSize`.
    Expected<std::vector<int32_t>> supportFor(const std::string& externalUserId, int supportSize) const;
    /// Appends the new user's rows in place of the previous call's.
    Expected<std::vector<int32_t>> newUserRows(const std::vector<NewUserRating>& ratings);
    /// Items not in `order`, and each item's position among them (-1 for support items).
    void candidatesFor(const std::vector<int32_t>& order, std::vector<int32_t>& candidates,
                       std::vector<int32_t>& position) const;
    /// The best `topN` of `candidates` by `ranking` (empty or RankBy::Rating: by `scores`).
    Expected<std::vector<RecommendedItem>> topList(int32_t user, const std::vector<int32_t>& candidates,
                                                   const std::vector<int32_t>& position,
                                                   const std::vector<float>& scores,
                                                   const std::vector<float>& ranking, int topN, RankBy rankBy) const;

    ExperimentConfig m_config;
    std::unique_ptr<Dataset> m_data; ///< on the heap: the learner keeps a reference
    std::unique_ptr<Learner> m_learner;
    std::vector<std::vector<int32_t>> m_userRows;       ///< per user: rating rows
    std::map<int32_t, std::vector<int32_t>> m_runOrder; ///< test user -> support items in run order
    std::map<int32_t, std::vector<int32_t>> m_runQuery; ///< test user -> query items
    std::map<std::string, int32_t> m_userByExternalId;
    std::map<std::string, int32_t> m_itemByExternalId;
    /// A user without ratings or attributes appended to the dataset before the model is built,
    /// so that a new user's ratings can be rows like any other: they go after the dataset's own
    /// `m_datasetRatings` rows and are replaced on every call.
    int32_t m_newUser = -1;
    std::optional<double> m_storedMix;
    std::optional<PrincipalAxes> m_axes; ///< the embedding map's, once computed
    EmbeddingMap m_map;
    std::size_t m_datasetRatings = 0;
};

} // namespace fsr
