#include "eval/metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_set>

namespace fsr {

namespace {

double discount(std::size_t position)
{
    return 1.0 / std::log2(static_cast<double>(position) + 2.0);
}

} // namespace

double meanAbsoluteError(const std::vector<float>& truth, const std::vector<float>& predicted)
{
    double sum = 0;
    for (std::size_t i = 0; i < truth.size(); ++i)
        sum += std::fabs(static_cast<double>(truth[i]) - predicted[i]);
    return truth.empty() ? 0.0 : sum / static_cast<double>(truth.size());
}

double rootMeanSquaredError(const std::vector<float>& truth, const std::vector<float>& predicted)
{
    double sum = 0;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        const double error = static_cast<double>(truth[i]) - predicted[i];
        sum += error * error;
    }
    return truth.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(truth.size()));
}

double queryNdcg(const std::vector<float>& truth, const std::vector<float>& predicted, int k, float ratingMin,
                 float ratingMax)
{
    const double range = static_cast<double>(ratingMax) - ratingMin;
    const auto gain = [&](float rating) {
        const double stars = range > 0 ? 1.0 + 4.0 * (rating - ratingMin) / range : 1.0;
        return std::pow(2.0, stars) - 1.0;
    };
    std::vector<std::size_t> order(truth.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return predicted[a] > predicted[b]; });
    std::vector<float> ideal = truth;
    std::sort(ideal.begin(), ideal.end(), std::greater<>());

    const std::size_t cut = std::min<std::size_t>(static_cast<std::size_t>(std::max(k, 0)), truth.size());
    double dcg = 0;
    double idcg = 0;
    for (std::size_t position = 0; position < cut; ++position) {
        dcg += gain(truth[order[position]]) * discount(position);
        idcg += gain(ideal[position]) * discount(position);
    }
    return idcg > 0 ? dcg / idcg : 0.0;
}

std::vector<int32_t> topK(const std::vector<int32_t>& candidates, const std::vector<float>& scores, int k)
{
    const std::size_t cut = std::min<std::size_t>(static_cast<std::size_t>(std::max(k, 0)), candidates.size());
    if (cut == 0)
        return {};
    const auto better = [&](std::size_t a, std::size_t b) {
        if (scores[a] != scores[b])
            return scores[a] > scores[b];
        return candidates[a] < candidates[b];
    };
    // One pass keeping the best `cut` in order: almost every candidate of a whole catalog loses
    // to the current last one at the first comparison, which a partial sort of the catalog's
    // indices would not get away with (it was most of the time an evaluation took).
    // Once the list is full, blocks of candidates that all score below the last kept one are
    // skipped in one vectorised comparison.
    std::vector<std::size_t> best;
    best.reserve(cut + 1);
    float lastKept = 0;
    constexpr std::size_t kBlock = 64;
    const std::size_t count = candidates.size();
    for (std::size_t i = 0; i < count;) {
        if (best.size() == cut && i + kBlock <= count) {
            int contenders = 0;
            for (std::size_t j = i; j < i + kBlock; ++j)
                contenders |= scores[j] < lastKept ? 0 : 1;
            if (contenders == 0) {
                i += kBlock;
                continue;
            }
        }
        const std::size_t end = std::min(count, i + kBlock);
        for (; i < end; ++i) {
            if (best.size() == cut && (scores[i] < lastKept || !better(i, best.back())))
                continue;
            best.insert(std::upper_bound(best.begin(), best.end(), i, better), i);
            if (best.size() > cut)
                best.pop_back();
            lastKept = scores[best.back()];
        }
    }
    std::vector<int32_t> top(cut);
    for (std::size_t i = 0; i < cut; ++i)
        top[i] = candidates[best[i]];
    return top;
}

std::optional<RankingMetrics> rankingMetrics(const std::vector<int32_t>& ranked, const std::vector<int32_t>& relevant,
                                             int k)
{
    if (relevant.empty() || k <= 0)
        return std::nullopt;
    const std::unordered_set<int32_t> relevantSet(relevant.begin(), relevant.end());
    const std::size_t cut = std::min<std::size_t>(static_cast<std::size_t>(k), ranked.size());
    std::size_t hits = 0;
    double dcg = 0;
    for (std::size_t position = 0; position < cut; ++position) {
        if (relevantSet.count(ranked[position])) {
            ++hits;
            dcg += discount(position);
        }
    }
    double idcg = 0;
    for (std::size_t position = 0; position < std::min<std::size_t>(static_cast<std::size_t>(k), relevantSet.size());
         ++position)
        idcg += discount(position);

    RankingMetrics metrics;
    metrics.precision = static_cast<double>(hits) / k;
    metrics.recall = static_cast<double>(hits) / static_cast<double>(relevantSet.size());
    metrics.ndcg = dcg / idcg;
    metrics.hit = hits > 0 ? 1.0 : 0.0;
    const double both = metrics.precision + metrics.recall;
    metrics.f1 = both > 0 ? 2.0 * metrics.precision * metrics.recall / both : 0.0;
    for (std::size_t position = 0; position < cut; ++position) {
        if (relevantSet.count(ranked[position])) {
            metrics.mrr = 1.0 / static_cast<double>(position + 1);
            break;
        }
    }
    return metrics;
}

double defaultRelevanceThreshold(float ratingMin, float ratingMax)
{
    return ratingMin + 0.75 * (static_cast<double>(ratingMax) - ratingMin);
}

UserMetrics evaluateUser(const std::vector<int32_t>& queryItems, const std::vector<float>& queryTruth,
                         const std::vector<float>& queryPredicted, const std::vector<int32_t>& candidates,
                         const std::vector<float>& candidateScores, const MetricSettings& settings)
{
    UserMetrics metrics;
    metrics.queryCount = queryTruth.size();
    for (std::size_t i = 0; i < queryTruth.size(); ++i) {
        const double error = static_cast<double>(queryTruth[i]) - queryPredicted[i];
        metrics.absoluteErrorSum += std::fabs(error);
        metrics.squaredErrorSum += error * error;
    }
    metrics.mae = meanAbsoluteError(queryTruth, queryPredicted);
    metrics.rmse = rootMeanSquaredError(queryTruth, queryPredicted);
    metrics.ndcgQuery
        = queryNdcg(queryTruth, queryPredicted, settings.queryNdcgK, settings.ratingMin, settings.ratingMax);

    for (std::size_t i = 0; i < queryItems.size(); ++i) {
        const bool liked = queryTruth[i] >= settings.relevanceThreshold;
        if (liked)
            metrics.relevant.push_back(queryItems[i]);
        if (liked == (queryPredicted[i] >= settings.relevanceThreshold))
            ++metrics.likedCorrect;
    }
    const int deepest = settings.k.empty() ? 0 : *std::max_element(settings.k.begin(), settings.k.end());
    metrics.top = topK(candidates, candidateScores, deepest);
    for (int k : settings.k)
        metrics.ranking.push_back(rankingMetrics(metrics.top, metrics.relevant, k));
    return metrics;
}

std::string queryNdcgName(int k)
{
    return "ndcg@" + std::to_string(k) + "_query";
}

void appendRankingValues(MetricValues& values, int k, const RankingMetrics& metrics)
{
    const std::string at = "@" + std::to_string(k);
    values.emplace_back("precision" + at, metrics.precision);
    values.emplace_back("recall" + at, metrics.recall);
    values.emplace_back("ndcg" + at, metrics.ndcg);
    values.emplace_back("hit" + at, metrics.hit);
    values.emplace_back("f1" + at, metrics.f1);
    values.emplace_back("mrr" + at, metrics.mrr);
}

MetricValues userMetricValues(const UserMetrics& metrics, const MetricSettings& settings)
{
    const double accuracy = metrics.queryCount
        ? static_cast<double>(metrics.likedCorrect) / static_cast<double>(metrics.queryCount)
        : 0.0;
    MetricValues values = {{"mae", metrics.mae},
                           {"rmse", metrics.rmse},
                           {"accuracy", accuracy},
                           {queryNdcgName(settings.queryNdcgK), metrics.ndcgQuery}};
    for (std::size_t i = 0; i < settings.k.size() && i < metrics.ranking.size(); ++i) {
        if (metrics.ranking[i])
            appendRankingValues(values, settings.k[i], *metrics.ranking[i]);
    }
    return values;
}

bool metricHigherIsBetter(const std::string& metric)
{
    return metric != "mae" && metric != "rmse";
}

} // namespace fsr
