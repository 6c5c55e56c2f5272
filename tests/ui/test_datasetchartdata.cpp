#include "models/datasetchartdata.h"

#include <QtTest>

using namespace fsr;
using namespace fsr::ui;

using UserActivity = QList<QPair<qint64, qint64>>; // ratings a user has -> users with that many

class TestDatasetChartData : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void ratingsPerUserDoublingBuckets_data()
    {
        QTest::addColumn<UserActivity>("perUser");
        QTest::addColumn<QStringList>("categories");
        QTest::addColumn<QList<double>>("values");
        QTest::newRow("single user with one rating") << UserActivity {{1, 1}} << QStringList {"1"} << QList<double> {1};
        QTest::newRow("buckets double") << UserActivity {{1, 10}, {2, 5}, {3, 2}, {4, 1}, {7, 3}, {9, 1}}
                                        << QStringList {"1", "2", "3\u20134", "5\u20138", "9\u201316"}
                                        << QList<double> {10, 5, 3, 3, 1};
        QTest::newRow("empty buckets in the tail stay as zero bars")
            << UserActivity {{1, 4}, {40, 1}}
            << QStringList {"1", "2", "3\u20134", "5\u20138", "9\u201316", "17\u201332", "33\u201364"}
            << QList<double> {4, 0, 0, 0, 0, 0, 1};
    }

    void ratingsPerUserDoublingBuckets()
    {
        QFETCH(UserActivity, perUser);
        QFETCH(QStringList, categories);
        QFETCH(QList<double>, values);
        DatasetStats stats;
        for (const auto& [ratings, users] : perUser)
            stats.ratingsPerUser[ratings] = users;
        const BarChartData chart = ratingsPerUserChart(stats);
        QCOMPARE(chart.categories, categories);
        QCOMPARE(chart.values, values);
        QVERIFY(chart.logScale);
        QVERIFY(!chart.categoryTitle.isEmpty());
        QVERIFY(!chart.valueTitle.isEmpty());
    }

    void ratingValuesOneBarPerStar()
    {
        DatasetStats stats;
        stats.ratingHistogram = {{0.5, 2}, {1.0, 3}, {4.5, 7}};
        const BarChartData chart = ratingValueChart(stats);
        QCOMPARE(chart.categories, (QStringList {"0.5", "1", "4.5"}));
        QCOMPARE(chart.values, (QList<double> {2, 3, 7}));
    }

    void fineRatingScalesAreBinned()
    {
        DatasetStats stats;
        for (int value = 0; value <= 100; ++value)
            stats.ratingHistogram[value] = 1;
        const BarChartData chart = ratingValueChart(stats);
        QCOMPARE(chart.values.size(), kMaxRatingBars - 1);
        QCOMPARE(chart.categories.size(), chart.values.size());
        double total = 0;
        for (double value : chart.values)
            total += value;
        QCOMPARE(total, 101.0); // every rating lands in a bin, the maximum included
    }

    void topGenresAreCappedAndSkipUnused()
    {
        DatasetStats stats;
        for (int genre = 0; genre < 20; ++genre)
            stats.genreCounts.emplace_back("g" + std::to_string(genre), 100 - genre);
        stats.genreCounts.emplace_back("unused", 0);
        BarChartData chart = topGenresChart(stats, 5);
        QCOMPARE(chart.categories, (QStringList {"g0", "g1", "g2", "g3", "g4"}));
        QVERIFY(chart.horizontal);

        DatasetStats sparse;
        sparse.genreCounts = {{"Drama", 3}, {"Unused", 0}};
        chart = topGenresChart(sparse);
        QCOMPARE(chart.categories, QStringList {"Drama"});
    }

    void emptyStatsGiveEmptyCharts()
    {
        const DatasetStats stats;
        QVERIFY(ratingValueChart(stats).isEmpty());
        QVERIFY(ratingsPerUserChart(stats).isEmpty());
        QVERIFY(topGenresChart(stats).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestDatasetChartData)
#include "test_datasetchartdata.moc"
