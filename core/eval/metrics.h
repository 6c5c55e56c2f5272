#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fsr {

/// Rating-prediction error over pairs of true and predicted ratings (same length, non-empty).
double meanAbsoluteError(const std::vector<float>& truth, const std::vector<float>& predicted);
double rootMeanSquaredError(const std::vector<float>& truth, const std::vector<float>& predicted);

/// Query-set nDCG@k as in MeLU: the query items ranked by prediction, gain 2^r - 1.
/// Ratings are first mapped linearly from [ratingMin, ratingMax] onto 1..5 stars, so the number
/// is the MeLU one on 1-5 data and stays comparable on 0-10 data (where 2^10 would let the top
/// rating swamp every other). Ties in prediction keep the query's order.
double queryNdcg(const std::vector<float>& truth, const std::vector<float>& predicted, int k, float ratingMin,
                 float ratingMax);

/// The `k` best candidates by score, best first; ties go to the smaller item index so rankings
/// are deterministic.
std::vector<int32_t> topK(const std::vector<int32_t>& candidates, const std::vector<float>& scores, int k);

/// Full-catalog ranking quality of one user at one cut-off.
struct RankingMetrics {
    double precision = 0; ///< relevant items in the top k / k
    double recall = 0;    ///< relevant items in the top k / all relevant items
    double ndcg = 0;      ///< binary-relevance nDCG@k
    double hit = 0;       ///< 1 if any relevant item is in the top k
    double f1 = 0;        ///< harmonic mean of precision and recall (0 when both are)
    double mrr = 0;       ///< 1 / position of the first relevant item in the top k, else 0
};

/// Metrics of `ranked` (best first, at least k long unless the catalog is smaller) cut at k.
/// Empty when `relevant` is: such users have nothing to find and are left out of the averages.
std::optional<RankingMetrics> rankingMetrics(const std::vector<int32_t>& ranked, const std::vector<int32_t>& relevant,
                                             int k);

/// 75% of the way up the rating range: 4 on 1-5 stars, 7.5 on 0-10.
double defaultRelevanceThreshold(float ratingMin, float ratingMax);

/// What evaluating one user needs besides predictions.
struct MetricSettings {
    std::vector<int> k = {3, 10};  ///< full-catalog cut-offs
    double relevanceThreshold = 4; ///< query ratings at or above it are relevant
    float ratingMin = 1;
    float ratingMax = 5;
    int queryNdcgK = 3; ///< the k of "ndcg@3_query"
};

/// Everything measured for one user (or, under item-cold-start, one item) at one support size.
struct UserMetrics {
    std::size_t queryCount = 0;
    double absoluteErrorSum = 0;
    double squaredErrorSum = 0;
    double mae = 0;
    double rmse = 0;
    double ndcgQuery = 0;
    std::size_t likedCorrect = 0;  ///< query ratings whose liked / not liked call (at the threshold) was right
    std::vector<int32_t> relevant; ///< query items at or above the threshold
    std::vector<int32_t> top;      ///< the best max(k) candidates, best first
    std::vector<std::optional<RankingMetrics>> ranking; ///< one per settings.k
};

/// Measures one user: `queryTruth`/`queryPredicted` over `queryItems`, and the ranking of
/// `candidates` (every item the user could be recommended) by `candidateScores`.
UserMetrics evaluateUser(const std::vector<int32_t>& queryItems, const std::vector<float>& queryTruth,
                         const std::vector<float>& queryPredicted, const std::vector<int32_t>& candidates,
                         const std::vector<float>& candidateScores, const MetricSettings& settings);

/// A named metric value, in the order results are reported.
using MetricValues = std::vector<std::pair<std::string, double>>;

/// "ndcg@3_query" for k = 3: the name of queryNdcg in results.
std::string queryNdcgName(int k);
/// Appends "precision@k", "recall@k", "ndcg@k" and "hit@k".
void appendRankingValues(MetricValues& values, int k, const RankingMetrics& metrics);

/// The per-user metrics as named values ("mae", "ndcg@3_query", "precision@10", ...); ranking
/// metrics of a user without relevant items are left out.
MetricValues userMetricValues(const UserMetrics& metrics, const MetricSettings& settings);

/// True when larger is better (nDCG, precision, recall, hit, coverage); MAE and RMSE are errors.
bool metricHigherIsBetter(const std::string& metric);

} // namespace fsr
