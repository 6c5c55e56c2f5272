#include "eval/metrics.h"
#include "eval/metricsaccumulator.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

using namespace fsr;

namespace {

double valueOf(const MetricValues& values, const std::string& name)
{
    for (const auto& [key, value] : values)
        if (key == name)
            return value;
    return std::nan("");
}

bool hasValue(const MetricValues& values, const std::string& name)
{
    return !std::isnan(valueOf(values, name));
}

} // namespace

class TestMetrics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void errors()
    {
        const std::vector<float> truth = {4, 2, 5};
        const std::vector<float> predicted = {3, 2, 3};
        QCOMPARE(meanAbsoluteError(truth, predicted), 1.0);
        QVERIFY(qFuzzyCompare(rootMeanSquaredError(truth, predicted), std::sqrt(5.0 / 3.0)));
        QCOMPARE(meanAbsoluteError(truth, truth), 0.0);
    }

    void queryNdcgByHand()
    {
        // Ranked by prediction: ratings 1, 3, 5. Gains 2^r - 1 = 1, 7, 31.
        const std::vector<float> truth = {3, 5, 1};
        const std::vector<float> predicted = {0.5f, 0.2f, 0.9f};
        const double dcg = 1.0 + 7.0 / std::log2(3.0) + 31.0 / 2.0;
        const double idcg = 31.0 + 7.0 / std::log2(3.0) + 1.0 / 2.0;
        QVERIFY(qFuzzyCompare(queryNdcg(truth, predicted, 3, 1, 5), dcg / idcg));
        // At k = 1 only the first place counts: gain 1 against the ideal 31.
        QVERIFY(qFuzzyCompare(queryNdcg(truth, predicted, 1, 1, 5), 1.0 / 31.0));
        // A perfect order is 1 whatever the cut.
        QVERIFY(qFuzzyCompare(queryNdcg(truth, truth, 3, 1, 5), 1.0));
        QVERIFY(qFuzzyCompare(queryNdcg(truth, truth, 10, 1, 5), 1.0));
    }

    void queryNdcgMapsZeroToTenOntoStars()
    {
        // 0, 5, 10 on a 0-10 scale are 1, 3, 5 stars.
        const std::vector<float> predicted = {0.5f, 0.2f, 0.9f};
        QVERIFY(qFuzzyCompare(queryNdcg({5, 10, 0}, predicted, 3, 0, 10), queryNdcg({3, 5, 1}, predicted, 3, 1, 5)));
    }

    void topKBreaksTiesBySmallerItem()
    {
        const std::vector<int32_t> candidates = {5, 3, 9, 1};
        const std::vector<float> scores = {1.0f, 2.0f, 2.0f, 0.5f};
        QCOMPARE(topK(candidates, scores, 3), (std::vector<int32_t> {3, 9, 5}));
        QCOMPARE(topK(candidates, scores, 10), (std::vector<int32_t> {3, 9, 5, 1}));
        QCOMPARE(topK(candidates, scores, 0), std::vector<int32_t> {});
    }

    void topKOfLongListsIsTheSortedPrefix()
    {
        // Long enough that whole blocks of candidates are skipped; few distinct scores so that
        // ties at the cut-off are common.
        std::mt19937 rng(3);
        for (const std::size_t count : {63u, 64u, 65u, 1000u, 5003u}) {
            std::vector<int32_t> candidates(count);
            std::iota(candidates.begin(), candidates.end(), 0);
            std::shuffle(candidates.begin(), candidates.end(), rng);
            std::vector<float> scores(count);
            for (float& score : scores)
                score = static_cast<float>(rng() % 50) / 10.0f;
            std::vector<std::size_t> order(count);
            std::iota(order.begin(), order.end(), 0);
            std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
                return scores[a] != scores[b] ? scores[a] > scores[b] : candidates[a] < candidates[b];
            });
            for (const int k : {1, 10, 100}) {
                std::vector<int32_t> expected;
                for (std::size_t i = 0; i < std::min<std::size_t>(k, count); ++i)
                    expected.push_back(candidates[order[i]]);
                QCOMPARE(topK(candidates, scores, k), expected);
            }
        }
    }

    void rankingByHand()
    {
        const std::vector<int32_t> ranked = {3, 9, 5, 7};
        const std::vector<int32_t> relevant = {9, 7, 8};

        const auto atTwo = rankingMetrics(ranked, relevant, 2);
        QVERIFY(atTwo.has_value());
        QCOMPARE(atTwo->precision, 0.5);
        QVERIFY(qFuzzyCompare(atTwo->recall, 1.0 / 3.0));
        QVERIFY(qFuzzyCompare(atTwo->ndcg, (1.0 / std::log2(3.0)) / (1.0 + 1.0 / std::log2(3.0))));
        QCOMPARE(atTwo->hit, 1.0);

        const auto atFour = rankingMetrics(ranked, relevant, 4);
        QVERIFY(atFour.has_value());
        QCOMPARE(atFour->precision, 0.5);
        QVERIFY(qFuzzyCompare(atFour->recall, 2.0 / 3.0));
        const double dcg = 1.0 / std::log2(3.0) + 1.0 / std::log2(5.0);
        const double idcg = 1.0 + 1.0 / std::log2(3.0) + 0.5;
        QVERIFY(qFuzzyCompare(atFour->ndcg, dcg / idcg));

        const auto miss = rankingMetrics(ranked, {42}, 4);
        QVERIFY(miss.has_value());
        QCOMPARE(miss->hit, 0.0);
        QCOMPARE(miss->ndcg, 0.0);

        QVERIFY(!rankingMetrics(ranked, {}, 4).has_value());
    }

    void relevanceThresholdDefault()
    {
        QCOMPARE(defaultRelevanceThreshold(1, 5), 4.0);
        QCOMPARE(defaultRelevanceThreshold(0, 10), 7.5);
    }

    void userAndAccumulatedMetrics()
    {
        MetricSettings settings;
        settings.k = {1, 2};
        settings.relevanceThreshold = 4;
        settings.queryNdcgK = 3;

        // User A: query items 10 (rated 5) and 11 (rated 2); the catalog ranking puts 10 first.
        const UserMetrics a = evaluateUser({10, 11}, {5, 2}, {4, 3}, {10, 11, 12}, {0.9f, 0.1f, 0.5f}, settings);
        QCOMPARE(a.relevant, (std::vector<int32_t> {10}));
        QCOMPARE(a.top, (std::vector<int32_t> {10, 12}));
        QCOMPARE(a.mae, 1.0);
        QVERIFY(a.ranking[0] && a.ranking[0]->precision == 1.0);
        QVERIFY(a.ranking[1] && a.ranking[1]->precision == 0.5);

        // User B: nothing relevant, so no ranking metrics; three query ratings off by 2.
        const UserMetrics b
            = evaluateUser({20, 21, 22}, {1, 2, 3}, {3, 4, 5}, {20, 21, 22, 23}, {0.1f, 0.2f, 0.3f, 0.4f}, settings);
        QVERIFY(b.relevant.empty());
        QVERIFY(!b.ranking[0] && !b.ranking[1]);
        const MetricValues bValues = userMetricValues(b, settings);
        QVERIFY(hasValue(bValues, "mae"));
        QVERIFY(!hasValue(bValues, "precision@1"));

        MetricsAccumulator total(settings, 30);
        total.add(a);
        total.add(b);
        QCOMPARE(total.users(), static_cast<std::size_t>(2));
        const MetricValues values = total.summary();
        // Pooled over the five query ratings: errors 1, 1, 2, 2, 2.
        QCOMPARE(valueOf(values, "mae"), 8.0 / 5.0);
        QVERIFY(qFuzzyCompare(valueOf(values, "rmse"), std::sqrt(14.0 / 5.0)));
        QVERIFY(qFuzzyCompare(valueOf(values, "ndcg@3_query"), (a.ndcgQuery + b.ndcgQuery) / 2));
        // Ranking metrics average over user A only, who has something relevant.
        QCOMPARE(valueOf(values, "precision@1"), 1.0);
        QCOMPARE(valueOf(values, "hit@2"), 1.0);
        QCOMPARE(valueOf(values, "recall@2"), 1.0);
        // Top-2 lists {10, 12} and {23, 22}: four distinct items of 30.
        QCOMPARE(valueOf(values, "coverage@2"), 4.0 / 30.0);
        QCOMPARE(valueOf(values, "coverage@1"), 2.0 / 30.0);
        QCOMPARE(values.front().first, std::string("mae"));
        // Liked (>= 4) or not, per query rating: A 5/4 right, 2/3 right; B 1/3, 2/4 wrong, 3/5 wrong.
        QCOMPARE(valueOf(values, "accuracy"), 3.0 / 5.0);
    }

    void f1AndReciprocalRank()
    {
        // Relevant 7 and 9; ranked 3, 7, 5, 9: hits at positions 2 and 4.
        const auto at3 = rankingMetrics({3, 7, 5, 9}, {7, 9}, 3);
        QVERIFY(at3);
        QVERIFY(qFuzzyCompare(at3->f1, 2 * (1.0 / 3) * 0.5 / (1.0 / 3 + 0.5)));
        QCOMPARE(at3->mrr, 0.5);
        const auto at1 = rankingMetrics({3, 7, 5, 9}, {7, 9}, 1);
        QCOMPARE(at1->f1, 0.0);
        QCOMPARE(at1->mrr, 0.0);
    }

    void listChangeAndPopularity()
    {
        MetricSettings settings;
        settings.k = {2, 4};
        MetricsAccumulator total(settings, 10);
        total.setTargetPopularity({0.0, 0.5, 0.1, 0.2, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0});
        // Before 1 2 3 4, after 2 1 5 3: three of four stay; shifts |1-0| |0-1| |4-2| |2-3| = 5 over 4.
        total.addListChange({1, 2, 3, 4}, {2, 1, 5, 3});
        const UserMetrics user = evaluateUser({1}, {5}, {5}, {1, 2, 3}, {0.3f, 0.2f, 0.1f}, settings);
        total.add(user);
        const MetricValues values = total.summary();
        QCOMPARE(valueOf(values, "overlap@4"), 0.75);
        QCOMPARE(valueOf(values, "rank_shift@4"), 5.0 / 4.0);
        // Top 2 are items 1 and 2: shares 0.5 and 0.1.
        QVERIFY(qFuzzyCompare(valueOf(values, "popularity@2"), 0.3));
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "test_metrics.moc"
