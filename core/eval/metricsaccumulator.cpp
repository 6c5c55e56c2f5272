#include "eval/metricsaccumulator.h"

#include <cmath>

namespace fsr {

MetricsAccumulator::MetricsAccumulator(MetricSettings settings, std::size_t catalogSize)
    : m_settings(std::move(settings)),
      m_catalogSize(catalogSize),
      m_rankedUsers(m_settings.k.size(), 0),
      m_rankingSums(m_settings.k.size()),
      m_recommended(m_settings.k.size())
{
}

void MetricsAccumulator::add(const UserMetrics& metrics)
{
    ++m_users;
    m_ratings += metrics.queryCount;
    m_absoluteErrorSum += metrics.absoluteErrorSum;
    m_squaredErrorSum += metrics.squaredErrorSum;
    m_queryNdcgSum += metrics.ndcgQuery;
    for (std::size_t i = 0; i < m_settings.k.size(); ++i) {
        const auto cut = std::min<std::size_t>(static_cast<std::size_t>(m_settings.k[i]), metrics.top.size());
        m_recommended[i].insert(metrics.top.begin(), metrics.top.begin() + static_cast<std::ptrdiff_t>(cut));
        if (i >= metrics.ranking.size() || !metrics.ranking[i])
            continue;
        ++m_rankedUsers[i];
        m_rankingSums[i].precision += metrics.ranking[i]->precision;
        m_rankingSums[i].recall += metrics.ranking[i]->recall;
        m_rankingSums[i].ndcg += metrics.ranking[i]->ndcg;
        m_rankingSums[i].hit += metrics.ranking[i]->hit;
    }
}

MetricValues MetricsAccumulator::summary() const
{
    const auto mean = [](double sum, std::size_t count) { return count ? sum / static_cast<double>(count) : 0.0; };
    MetricValues values = {
        {"mae", mean(m_absoluteErrorSum, m_ratings)},
        {"rmse", std::sqrt(mean(m_squaredErrorSum, m_ratings))},
        {queryNdcgName(m_settings.queryNdcgK), mean(m_queryNdcgSum, m_users)},
    };
    for (std::size_t i = 0; i < m_settings.k.size(); ++i) {
        RankingMetrics average;
        average.precision = mean(m_rankingSums[i].precision, m_rankedUsers[i]);
        average.recall = mean(m_rankingSums[i].recall, m_rankedUsers[i]);
        average.ndcg = mean(m_rankingSums[i].ndcg, m_rankedUsers[i]);
        average.hit = mean(m_rankingSums[i].hit, m_rankedUsers[i]);
        appendRankingValues(values, m_settings.k[i], average);
        values.emplace_back("coverage@" + std::to_string(m_settings.k[i]),
                            mean(static_cast<double>(m_recommended[i].size()), m_catalogSize));
    }
    return values;
}

} // namespace fsr
