#pragma once

#include "eval/metrics.h"

#include <cstddef>
#include <set>
#include <vector>

namespace fsr {

/// Averages per-user metrics into the numbers of one support size.
/// MAE and RMSE pool every query rating (equal to the mean over users when query sizes are
/// equal, and the usual definition for the warm protocol); ndcg@k_query is the mean over users;
/// ranking metrics are the mean over users with at least one relevant query item; coverage@k is
/// the share of the catalog that appears in someone's top k.
class MetricsAccumulator {
public:
    MetricsAccumulator(MetricSettings settings, std::size_t catalogSize);

    void add(const UserMetrics& metrics);
    /// Per target: the share of training users who rated it; enables "popularity@k", the mean
    /// over recommended items (how mainstream the lists are).
    void setTargetPopularity(std::vector<double> shareOfTrainingUsers);
    /// One user's top list before and after adaptation (best first): "overlap@k" is the share
    /// of the deepest-k list that stayed, "rank_shift@k" how far its items moved on average.
    void addListChange(const std::vector<int32_t>& before, const std::vector<int32_t>& after);
    /// Users added so far.
    std::size_t users() const { return m_users; }
    /// "mae", "rmse", "accuracy", "ndcg@3_query", then per k "precision@k", "recall@k", "ndcg@k",
    /// "hit@k", "f1@k", "mrr@k", "coverage@k" (and "popularity@k"); then "overlap@k" and
    /// "rank_shift@k" at the deepest k when list changes were added.
    MetricValues summary() const;

private:
    MetricSettings m_settings;
    std::size_t m_catalogSize = 0;
    std::size_t m_users = 0;
    std::size_t m_ratings = 0;
    double m_absoluteErrorSum = 0;
    double m_squaredErrorSum = 0;
    double m_queryNdcgSum = 0;
    std::vector<std::size_t> m_rankedUsers;       ///< per k: users with relevant items
    std::vector<RankingMetrics> m_rankingSums;    ///< per k
    std::vector<std::set<int32_t>> m_recommended; ///< per k: items in someone's top k
    std::size_t m_likedCorrect = 0;
    std::vector<double> m_targetPopularity;
    std::vector<double> m_popularitySums;   ///< per k
    std::vector<std::size_t> m_listedItems; ///< per k
    double m_overlapSum = 0;
    double m_rankShiftSum = 0;
    std::size_t m_changedUsers = 0;
};

} // namespace fsr
