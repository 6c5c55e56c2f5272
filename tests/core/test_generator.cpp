#include "data/generator.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

using namespace fsr;

Q_DECLARE_METATYPE(fsr::GeneratorConfig)

namespace {

GeneratorConfig smallConfig(unsigned long long seed)
{
    GeneratorConfig config;
    config.users = 600;
    config.items = 300;
    config.clusters = 4;
    config.seed = seed;
    return config;
}

/// The planted cluster of each user, from the "cluster N" label the generator writes.
std::vector<int> clusterOf(const Dataset& data)
{
    std::vector<int> clusters;
    for (const UserInfo& user : data.users) {
        const std::string prefix = "cluster ";
        if (user.occupation.rfind(prefix, 0) != 0)
            return {};
        clusters.push_back(std::stoi(user.occupation.substr(prefix.size())));
    }
    return clusters;
}

bool sameData(const Dataset& a, const Dataset& b)
{
    if (a.genres != b.genres || a.users.size() != b.users.size() || a.items.size() != b.items.size())
        return false;
    for (std::size_t u = 0; u < a.users.size(); ++u)
        if (a.users[u].externalId != b.users[u].externalId || a.users[u].occupation != b.users[u].occupation)
            return false;
    for (std::size_t i = 0; i < a.items.size(); ++i)
        if (a.items[i].externalId != b.items[i].externalId || a.items[i].title != b.items[i].title
            || a.items[i].year != b.items[i].year || a.items[i].genres != b.items[i].genres)
            return false;
    return a.ratingUser == b.ratingUser && a.ratingItem == b.ratingItem && a.ratingValue == b.ratingValue
        && a.ratingTime == b.ratingTime;
}

} // namespace

class TestGenerator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sameSeedSameData()
    {
        auto a = generateDataset("a", smallConfig(7));
        auto b = generateDataset("a", smallConfig(7));
        QVERIFY2(a.ok(), a.error().message.c_str());
        QVERIFY2(b.ok(), b.error().message.c_str());
        QVERIFY(a->ratingCount() > 0);
        QVERIFY(sameData(*a, *b));
    }

    void differentSeedDifferentData()
    {
        auto a = generateDataset("a", smallConfig(7));
        auto b = generateDataset("a", smallConfig(8));
        QVERIFY(a.ok() && b.ok());
        QVERIFY(!sameData(*a, *b));
        QVERIFY(a->ratingItem != b->ratingItem);
        QVERIFY(a->ratingValue != b->ratingValue);
    }

    void wellFormed()
    {
        const GeneratorConfig config = smallConfig(3);
        auto data = generateDataset("w", config);
        QVERIFY(data.ok());
        QCOMPARE(data->name, std::string("w"));
        QCOMPARE(static_cast<int>(data->userCount()), config.users);
        QCOMPARE(static_cast<int>(data->itemCount()), config.items);
        QCOMPARE(static_cast<int>(data->genres.size()), config.genres);
        std::set<std::pair<int32_t, int32_t>> pairs;
        std::vector<int> perUser(data->userCount(), 0);
        for (std::size_t r = 0; r < data->ratingCount(); ++r) {
            const int32_t user = data->ratingUser[r];
            const int32_t item = data->ratingItem[r];
            QVERIFY(user >= 0 && user < config.users);
            QVERIFY(item >= 0 && item < config.items);
            // 1-5 whole stars, each (user, item) at most once.
            const float value = data->ratingValue[r];
            QVERIFY(value >= 1.0f && value <= 5.0f && value == std::round(value));
            QVERIFY2(pairs.insert({user, item}).second, "a (user, item) pair was rated twice");
            ++perUser[static_cast<std::size_t>(user)];
        }
        QVERIFY(*std::min_element(perUser.begin(), perUser.end()) >= config.minRatings);
        QVERIFY(std::is_sorted(data->ratingTime.begin(), data->ratingTime.end()));
        QCOMPARE(data->ratingMin, *std::min_element(data->ratingValue.begin(), data->ratingValue.end()));
        QCOMPARE(data->ratingMax, *std::max_element(data->ratingValue.begin(), data->ratingValue.end()));
        // Items carry 1-3 valid genres and a title.
        for (const ItemInfo& item : data->items) {
            QVERIFY(!item.genres.empty() && item.genres.size() <= 3);
            for (int g : item.genres)
                QVERIFY(g >= 0 && g < config.genres);
            QVERIFY(!item.title.empty());
        }
        std::set<std::string> ids;
        for (const UserInfo& user : data->users)
            QVERIFY(ids.insert(user.externalId).second);
    }

    void longTailedActivity()
    {
        GeneratorConfig config;
        config.seed = 11;
        auto data = generateDataset("tail", config);
        QVERIFY(data.ok());
        std::vector<int> perUser(data->userCount(), 0);
        for (int32_t user : data->ratingUser)
            ++perUser[static_cast<std::size_t>(user)];
        std::sort(perUser.begin(), perUser.end());
        const int median = perUser[perUser.size() / 2];
        const int max = perUser.back();
        const double mean = static_cast<double>(data->ratingCount()) / static_cast<double>(perUser.size());
        // Many users with few ratings, a few with many: median well below the maximum and the mean.
        QVERIFY2(median * 4 <= max, qPrintable(QStringLiteral("median %1, max %2").arg(median).arg(max)));
        QVERIFY2(median < mean, qPrintable(QStringLiteral("median %1, mean %2").arg(median).arg(mean)));
        // ...around the configured median.
        QVERIFY(median >= config.medianRatings / 2 && median <= config.medianRatings * 2);
        const auto few
            = std::count_if(perUser.begin(), perUser.end(), [&](int n) { return n <= config.medianRatings; });
        QVERIFY(few >= static_cast<long>(perUser.size() / 3));
    }

    void clustersArePlantedAndLearnable()
    {
        const GeneratorConfig config = smallConfig(5);
        auto data = generateDataset("clusters", config);
        QVERIFY(data.ok());
        const std::vector<int> cluster = clusterOf(*data);
        QCOMPARE(cluster.size(), data->userCount());
        std::set<int> seen(cluster.begin(), cluster.end());
        QCOMPARE(static_cast<int>(seen.size()), config.clusters);
        QCOMPARE(*seen.begin(), 1);
        QCOMPARE(*seen.rbegin(), config.clusters);

        // Users of one cluster agree on shared items more than users of different clusters.
        std::vector<std::vector<std::size_t>> byItem(data->itemCount());
        for (std::size_t r = 0; r < data->ratingCount(); ++r)
            byItem[static_cast<std::size_t>(data->ratingItem[r])].push_back(r);
        double sameSum = 0, otherSum = 0;
        int64_t sameCount = 0, otherCount = 0;
        for (const auto& raters : byItem)
            for (std::size_t x = 0; x < raters.size(); ++x)
                for (std::size_t y = x + 1; y < raters.size(); ++y) {
                    const double gap = std::abs(data->ratingValue[raters[x]] - data->ratingValue[raters[y]]);
                    if (cluster[static_cast<std::size_t>(data->ratingUser[raters[x]])]
                        == cluster[static_cast<std::size_t>(data->ratingUser[raters[y]])]) {
                        sameSum += gap;
                        ++sameCount;
                    } else {
                        otherSum += gap;
                        ++otherCount;
                    }
                }
        QVERIFY(sameCount > 100 && otherCount > 100);
        const double sameGap = sameSum / sameCount;
        const double otherGap = otherSum / otherCount;
        QVERIFY2(sameGap + 0.25 < otherGap, qPrintable(QStringLiteral("same %1, other %2").arg(sameGap).arg(otherGap)));

        // A predictor that knows the cluster (leave-one-out cluster-item mean) beats the item mean.
        std::map<std::pair<int, int32_t>, std::pair<double, int>> clusterItem;
        std::vector<std::pair<double, int>> itemOnly(data->itemCount());
        for (std::size_t r = 0; r < data->ratingCount(); ++r) {
            auto& ci = clusterItem[{cluster[static_cast<std::size_t>(data->ratingUser[r])], data->ratingItem[r]}];
            ci.first += data->ratingValue[r];
            ++ci.second;
            auto& io = itemOnly[static_cast<std::size_t>(data->ratingItem[r])];
            io.first += data->ratingValue[r];
            ++io.second;
        }
        double clusterError = 0, itemError = 0;
        int64_t predicted = 0;
        for (std::size_t r = 0; r < data->ratingCount(); ++r) {
            const auto& ci = clusterItem[{cluster[static_cast<std::size_t>(data->ratingUser[r])], data->ratingItem[r]}];
            const auto& io = itemOnly[static_cast<std::size_t>(data->ratingItem[r])];
            if (ci.second < 3)
                continue; // too few others in the cluster to say anything
            const double value = data->ratingValue[r];
            const double byCluster = (ci.first - value) / (ci.second - 1);
            const double byItem = (io.first - value) / (io.second - 1);
            clusterError += (byCluster - value) * (byCluster - value);
            itemError += (byItem - value) * (byItem - value);
            ++predicted;
        }
        QVERIFY(predicted > 1000);
        const double clusterRmse = std::sqrt(clusterError / predicted);
        const double itemRmse = std::sqrt(itemError / predicted);
        QVERIFY2(clusterRmse < 0.85 * itemRmse,
                 qPrintable(QStringLiteral("cluster %1, item %2").arg(clusterRmse).arg(itemRmse)));
    }

    void tinyEdges()
    {
        GeneratorConfig config;
        config.users = 1;
        config.items = 2;
        config.clusters = 1;
        config.genres = 1;
        config.minRatings = 2;
        auto data = generateDataset("tiny", config);
        QVERIFY2(data.ok(), data.error().message.c_str());
        QCOMPARE(data->userCount(), static_cast<std::size_t>(1));
        QCOMPARE(data->ratingCount(), static_cast<std::size_t>(2)); // minRatings == items: everything rated once
    }

    void badConfig_data()
    {
        QTest::addColumn<GeneratorConfig>("config");
        QTest::addColumn<QString>("names");
        const auto with = [](auto change) {
            GeneratorConfig config;
            change(config);
            return config;
        };
        QTest::newRow("no users") << with([](GeneratorConfig& c) { c.users = 0; }) << "users";
        QTest::newRow("negative users") << with([](GeneratorConfig& c) { c.users = -5; }) << "users";
        QTest::newRow("one item") << with([](GeneratorConfig& c) { c.items = 1; }) << "items";
        QTest::newRow("no clusters") << with([](GeneratorConfig& c) { c.clusters = 0; }) << "clusters";
        QTest::newRow("no genres") << with([](GeneratorConfig& c) { c.genres = 0; }) << "genres";
        QTest::newRow("too many genres") << with([](GeneratorConfig& c) { c.genres = 100; }) << "genres";
        QTest::newRow("min above items") << with([](GeneratorConfig& c) {
            c.items = 10;
            c.minRatings = 11;
        }) << "min-ratings";
        QTest::newRow("min zero") << with([](GeneratorConfig& c) { c.minRatings = 0; }) << "min-ratings";
        QTest::newRow("median zero") << with([](GeneratorConfig& c) { c.medianRatings = 0; }) << "median";
        QTest::newRow("median NaN") << with([](GeneratorConfig& c) {
            c.medianRatings = std::numeric_limits<double>::quiet_NaN();
        }) << "median";
        QTest::newRow("median inf") << with([](GeneratorConfig& c) {
            c.medianRatings = std::numeric_limits<double>::infinity();
        }) << "median";
        QTest::newRow("negative noise") << with([](GeneratorConfig& c) { c.noise = -0.1; }) << "noise";
        QTest::newRow("NaN noise") << with([](GeneratorConfig& c) {
            c.noise = std::numeric_limits<double>::quiet_NaN();
        }) << "noise";
    }

    void badConfig()
    {
        QFETCH(GeneratorConfig, config);
        QFETCH(QString, names);
        auto data = generateDataset("bad", config);
        QVERIFY2(!data.ok(), "a bad config generated data");
        QCOMPARE(data.error().code, ExitCode::BadInput);
        QVERIFY2(QString::fromStdString(data.error().message).contains(names), data.error().message.c_str());
    }

    void emptyNameIsAnError()
    {
        auto data = generateDataset("", smallConfig(1));
        QVERIFY(!data.ok());
        QCOMPARE(data.error().code, ExitCode::BadInput);
    }
};

QTEST_APPLESS_MAIN(TestGenerator)
#include "test_generator.moc"
