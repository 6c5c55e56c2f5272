#include "eval/metricsaccumulator.h"

#include <algorithm>
#include <cmath>

namespace fsr {

MetricsAccumulator::MetricsAccumulator(MetricSettings settings, std::size_t catalogSize)
    : m_settings(std::move(settings))
    , m_catalogSize(catalogSize)
    , m_rankedUsers(m_settings.k.size(), 0)
    , m_rankingSums(m_settings.k.size())
    , m_recommended(m_settings.k.size())
{
}

void MetricsAccumulator::add(const UserMetrics& metrics)
{
    ++m_users;
    m_ratings += metrics.queryCount;
    m_absoluteErrorSum += metrics.absoluteErrorSum;
    m_squaredErrorSum += metrics.squaredErrorSum;
    m_queryNdcgSum += metrics.ndcgQuery;
    m_likedCorrect += metrics.likedCorrect;
    for (std::size_t i = 0; i < m_settings.k.size(); ++i) {
        const auto cut = std::min<std::size_t>(static_cast<std::size_t>(m_settings.k[i]), metrics.top.size());
        m_recommended[i].insert(metrics.top.begin(), metrics.top.begin() + static_cast<std::ptrdiff_t>(cut));
        if (!m_targetPopularity.empty()) {
            for (std::size_t position = 0; position < cut; ++position)
                m_popularitySums[i] += m_targetPopularity[static_cast<std::size_t>(metrics.top[position])];
            m_listedItems[i] += cut;
        }
        if (i >= metrics.ranking.size() || !metrics.ranking[i])
            continue;
        ++m_rankedUsers[i];
        m_rankingSums[i].precision += metrics.ranking[i]->precision;
        m_rankingSums[i].recall += metrics.ranking[i]->recall;
        m_rankingSums[i].ndcg += metrics.ranking[i]->ndcg;
        m_rankingSums[i].hit += metrics.ranking[i]->hit;
        m_rankingSums[i].f1 += metrics.ranking[i]->f1;
        m_rankingSums[i].mrr += metrics.ranking[i]->mrr;
    }
}

void MetricsAccumulator::setTargetPopularity(std::vector<double> shareOfTrainingUsers)
{
    m_targetPopularity = std::move(shareOfTrainingUsers);
    m_popularitySums.assign(m_settings.k.size(), 0.0);
    m_listedItems.assign(m_settings.k.size(), 0);
}

void MetricsAccumulator::addListChange(const std::vector<int32_t>& before, const std::vector<int32_t>& after)
{
    const std::size_t depth = m_settings.k.empty() ? 0 : static_cast<std::size_t>(m_settings.k.back());
    const std::size_t cut = std::min({depth, before.size(), after.size()});
    if (cut == 0)
        return;
    std::size_t shared = 0;
    double shift = 0;
    for (std::size_t a = 0; a < cut; ++a) {
        // An item that left the list counts as moved to just past its end.
        const auto found = std::find(before.begin(), before.begin() + static_cast<std::ptrdiff_t>(cut), after[a]);
        const std::size_t b = static_cast<std::size_t>(found - before.begin());
        shared += b < cut ? 1 : 0;
        shift += std::fabs(static_cast<double>(b) - static_cast<double>(a));
    }
    m_overlapSum += static_cast<double>(shared) / static_cast<double>(cut);
    m_rankShiftSum += shift / static_cast<double>(cut);
    ++m_changedUsers;
}

MetricValues MetricsAccumulator::summary() const
{
    const auto mean = [](double sum, std::size_t count) { return count ? sum / static_cast<double>(count) : 0.0; };
    MetricValues values = {
        {"mae", mean(m_absoluteErrorSum, m_ratings)},
        {"rmse", std::sqrt(mean(m_squaredErrorSum, m_ratings))},
        {"accuracy", mean(static_cast<double>(m_likedCorrect), m_ratings)},
        {queryNdcgName(m_settings.queryNdcgK), mean(m_queryNdcgSum, m_users)},
    };
    for (std::size_t i = 0; i < m_settings.k.size(); ++i) {
        RankingMetrics average;
        average.precision = mean(m_rankingSums[i].precision, m_rankedUsers[i]);
        average.recall = mean(m_rankingSums[i].recall, m_rankedUsers[i]);
        average.ndcg = mean(m_rankingSums[i].ndcg, m_rankedUsers[i]);
        average.hit = mean(m_rankingSums[i].hit, m_rankedUsers[i]);
        average.f1 = mean(m_rankingSums[i].f1, m_rankedUsers[i]);
        average.mrr = mean(m_rankingSums[i].mrr, m_rankedUsers[i]);
        appendRankingValues(values, m_settings.k[i], average);
        values.emplace_back("coverage@" + std::to_string(m_settings.k[i]),
                            mean(static_cast<double>(m_recommended[i].size()), m_catalogSize));
        if (!m_targetPopularity.empty())
            values.emplace_back("popularity@" + std::to_string(m_settings.k[i]),
                                mean(m_popularitySums[i], m_listedItems[i]));
    }
    if (m_changedUsers) {
        const std::string at = "@" + std::to_string(m_settings.k.empty() ? 0 : m_settings.k.back());
        values.emplace_back("overlap" + at, mean(m_overlapSum, m_changedUsers));
        values.emplace_back("rank_shift" + at, mean(m_rankShiftSum, m_changedUsers));
    }
    return values;
}

} // namespace fsr
