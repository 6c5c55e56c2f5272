#include "eval/pairedtest.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace fsr;

/// The paired tests against values worked out by hand (and as scipy.stats reports them).
class TestPairedTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void allDifferencesOneWay()
    {
        // first - second = 1..10: every user better under the first method.
        std::vector<double> first, second;
        for (int i = 1; i <= 10; ++i) {
            first.push_back(0.5 + i);
            second.push_back(0.5);
        }
        const PairedTest test = pairedTest(first, second, true);
        QCOMPARE(test.pairs, 10);
        QCOMPARE(test.firstBetter, 10);
        QCOMPARE(test.secondBetter, 0);
        QCOMPARE(test.wilcoxonStatistic, 55.0);
        QVERIFY(test.wilcoxonExact);
        QVERIFY(std::abs(test.wilcoxonP - 2.0 / 1024) < 1e-12); // only the all-positive subset, both tails
        QVERIFY(std::abs(test.signP - 2.0 / 1024) < 1e-12);
        QCOMPARE(test.medianDifference, 5.5);
        QVERIFY(test.effectSize > 0.8);

        // Errors the other way round: lower is better, so the same numbers favour the second method.
        const PairedTest errors = pairedTest(first, second, false);
        QCOMPARE(errors.secondBetter, 10);
        QCOMPARE(errors.wilcoxonStatistic, 0.0);
        QVERIFY(std::abs(errors.wilcoxonP - test.wilcoxonP) < 1e-12);
        QVERIFY(errors.effectSize < -0.8);
    }

    void matchesScipy()
    {
        // Computed once with scipy 1.10.1 (Debian's python3-scipy):
        //   scipy.stats.wilcoxon(first, second, method="exact")  -> statistic 29, pvalue 0.0031528472900390625
        //   scipy.stats.binomtest(14, 20, 0.5).pvalue            -> 0.11531829833984375
        const std::vector<double> first = {0.61, 0.42, 0.88, 0.34, 0.72, 0.55, 0.93, 0.27, 0.64, 0.49,
                                           0.81, 0.38, 0.71, 0.52, 0.67, 0.46, 0.8,  0.34, 0.62, 0.92};
        const std::vector<double> second = {0.50, 0.47, 0.71, 0.30, 0.80, 0.41, 0.77, 0.33, 0.52, 0.40,
                                            0.62, 0.45, 0.58, 0.49, 0.69, 0.36, 0.60, 0.35, 0.47, 0.74};
        const PairedTest exact = pairedTest(first, second, true);
        QVERIFY(exact.wilcoxonExact);
        QCOMPARE(exact.firstBetter, 14);
        QCOMPARE(std::min(exact.wilcoxonStatistic, 210.0 - exact.wilcoxonStatistic), 29.0); // scipy reports min(W+, W-)
        QVERIFY(std::abs(exact.wilcoxonP - 0.0031528472900390625) < 1e-12);
        QVERIFY(std::abs(exact.signP - 0.11531829833984375) < 1e-12);

        // 60 pairs, the normal approximation with the continuity correction:
        //   d_i = (i even ? i : -i) * (i % 3 ? 1 : 1.25), i = 1..60
        //   scipy.stats.wilcoxon(d, method="approx", correction=True) -> statistic 900, pvalue 0.9149926751975315
        //   scipy.stats.binomtest(30, 60, 0.5).pvalue                 -> 1.0
        std::vector<double> many, zeros(60, 0.0);
        for (int i = 1; i <= 60; ++i)
            many.push_back((i % 2 == 0 ? i : -i) * (i % 3 ? 1.0 : 1.25));
        const PairedTest approx = pairedTest(many, zeros, true);
        QVERIFY(!approx.wilcoxonExact);
        QCOMPARE(std::min(approx.wilcoxonStatistic, 1830.0 - approx.wilcoxonStatistic), 900.0);
        QVERIFY(std::abs(approx.wilcoxonP - 0.9149926751975315) < 1e-9);
        QVERIFY(std::abs(approx.signP - 1.0) < 1e-12);
    }

    void manyPairsUseTheNormalApproximation()
    {
        // 60 differences 1..60, the odd ones negative: no clear winner.
        std::vector<double> first, second;
        for (int i = 1; i <= 60; ++i) {
            first.push_back(i % 2 ? -i : i);
            second.push_back(0);
        }
        const PairedTest test = pairedTest(first, second, true);
        QVERIFY(!test.wilcoxonExact);
        QCOMPARE(test.wilcoxonStatistic, 930.0); // 2 + 4 + ... + 60
        // mean 915, sd sqrt(60 * 61 * 121 / 24) = 135.83; z = (15 - 0.5) / 135.83
        QVERIFY(std::abs(test.wilcoxonP - std::erfc(14.5 / std::sqrt(60.0 * 61 * 121 / 24) / std::sqrt(2.0))) < 1e-9);
        QVERIFY(test.wilcoxonP > 0.9);
        QVERIFY(std::abs(test.signP - 1.0) < 1e-12); // 30 against 30
    }

    void tiesAndMissingValuesAreLeftOut()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const PairedTest test = pairedTest({1, 2, 3, nan, 5, 5}, {1, 1, 1, 4, nan, 4}, true);
        QCOMPARE(test.pairs, 4);
        QCOMPARE(test.ties, 1);
        QCOMPARE(test.firstBetter, 3);
        // |d| = 1, 2, 1: the two 1s share rank 1.5, so the distribution is approximated.
        QCOMPARE(test.wilcoxonStatistic, 6.0);
        QVERIFY(!test.wilcoxonExact);
        QVERIFY(std::abs(test.signP - 0.25) < 1e-12);

        const PairedTest same = pairedTest({1, 2}, {1, 2}, true);
        QCOMPARE(same.ties, 2);
        QCOMPARE(same.wilcoxonP, 1.0);
        QCOMPARE(same.signP, 1.0);
    }
};

QTEST_GUILESS_MAIN(TestPairedTest)
#include "test_pairedtest.moc"
