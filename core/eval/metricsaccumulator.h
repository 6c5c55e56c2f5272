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
    /// Users added so far.
    std::size_t users() const { return m_users; }
    /// "mae", "rmse", "ndcg@3_query", then per k "precision@k", "recall@k", "ndcg@k", "hit@k",
    /// "coverage@k".
    MetricValues summary() const;

private:
    MetricSettings m_settings;
    std::size_t m_catalogSize = 0;
    std::size_t m_users = 0;
    std::size_t m_ratings = 0;
    double m_absoluteErrorSum = 0;
    double m_squaredErrorSum = 0;
    double m_queryNdcgSum = 0;
    std::vector<std::size_t> m_rankedUsers;   ///< per k: users with relevant items
    std::vector<RankingMetrics> m_rankingSums; ///< per k
    std::vector<std::set<int32_t>> m_recommended; ///< per k: items in someone's top k
};

} // namespace fsr
