#include "fewshot/protocol.h"

#include <QtTest>

#include <algorithm>
#include <set>

using namespace fsr;

namespace {

/// 60 users with 5..64 ratings each over 80 items; ratings 1..5.
Dataset makeDataset()
{
    Dataset data;
    data.name = "synthetic";
    const int users = 60;
    const int items = 80;
    for (int u = 0; u < users; ++u)
        data.users.push_back({"u" + std::to_string(u), 0, {}, {}, {}});
    for (int i = 0; i < items; ++i)
        data.items.push_back({"i" + std::to_string(i), "Item " + std::to_string(i), 0, {}});
    for (int u = 0; u < users; ++u) {
        const int count = 5 + u;
        for (int n = 0; n < count; ++n) {
            const int item = (u * 7 + n * 13) % items; // distinct for n < 80 because 13 is coprime to 80
            data.addRating(u, item, static_cast<float>(1 + (u + n) % 5), 1000 + n);
        }
    }
    data.updateRatingRange();
    return data;
}

ProtocolConfig coldStart(const char* kind)
{
    ProtocolConfig config;
    config.kind = kind;
    config.minRatings = 13;
    config.maxRatings = 40;
    config.coldFraction = 0.25;
    config.querySize = 10;
    config.supportSizes = {1, 3, kSupportAll};
    return config;
}

bool sameTasks(const std::vector<Task>& a, const std::vector<Task>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].entity != b[i].entity || a[i].support != b[i].support || a[i].query != b[i].query)
            return false;
    return true;
}

} // namespace

class TestProtocol : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void userColdStartHoldsOutUsers()
    {
        const Dataset data = makeDataset();
        const ProtocolConfig config = coldStart("user-cold-start");
        const auto split = makeSplit(data, config, 7);
        QVERIFY2(split.ok(), split.ok() ? "" : split.error().message.c_str());

        // Users 8..35 have 13..40 ratings: 28 eligible, a quarter new.
        QCOMPARE(split->testTasks.size(), static_cast<std::size_t>(7));
        QCOMPARE(split->trainTasks.size(), static_cast<std::size_t>(21));
        QCOMPARE(split->supportSizes, config.supportSizes);
        QCOMPARE(split->isTestEntity.size(), data.userCount());

        std::set<int32_t> testUsers;
        for (const Task& task : split->testTasks) {
            QVERIFY(split->isTestEntity[task.entity]);
            testUsers.insert(task.entity);
            const int count = 5 + task.entity;
            QVERIFY(count >= 13 && count <= 40);
            QCOMPARE(task.query.size(), static_cast<std::size_t>(10));
            QCOMPARE(task.support.size(), static_cast<std::size_t>(count - 10));
            std::set<int32_t> rows(task.support.begin(), task.support.end());
            for (int32_t row : task.query)
                QVERIFY2(rows.insert(row).second, "support and query overlap");
            QCOMPARE(rows.size(), static_cast<std::size_t>(count)); // every rating of the user is used once
            for (int32_t row : rows)
                QCOMPARE(data.ratingUser[row], task.entity);
        }
        QCOMPARE(std::count(split->isTestEntity.begin(), split->isTestEntity.end(), 1), 7L);
        for (const Task& task : split->trainTasks) {
            QVERIFY(!testUsers.count(task.entity));
            QCOMPARE(task.query.size(), static_cast<std::size_t>(10));
        }
        // Training sees every rating of every other user, including the filtered-out ones.
        std::size_t expected = 0;
        for (std::size_t row = 0; row < data.ratingCount(); ++row)
            expected += testUsers.count(data.ratingUser[row]) ? 0 : 1;
        QCOMPARE(split->trainRatings.size(), expected);
        for (int32_t row : split->trainRatings)
            QVERIFY(!testUsers.count(data.ratingUser[row]));
    }

    void itemColdStartHoldsOutItems()
    {
        const Dataset data = makeDataset();
        ProtocolConfig config = coldStart("item-cold-start");
        config.minRatings = 20;
        config.maxRatings = 1000;
        const auto split = makeSplit(data, config, 3);
        QVERIFY2(split.ok(), split.ok() ? "" : split.error().message.c_str());
        QVERIFY(!split->testTasks.empty());
        QCOMPARE(split->isTestEntity.size(), data.itemCount());
        for (const Task& task : split->testTasks) {
            QCOMPARE(task.query.size(), static_cast<std::size_t>(10));
            for (int32_t row : task.support)
                QCOMPARE(data.ratingItem[row], task.entity);
            for (int32_t row : task.query)
                QCOMPARE(data.ratingItem[row], task.entity);
        }
        for (int32_t row : split->trainRatings)
            QVERIFY(!split->isTestEntity[data.ratingItem[row]]);
    }

    void sameSeedSameSplitOtherSeedOther_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("user") << "user-cold-start";
        QTest::newRow("item") << "item-cold-start";
        QTest::newRow("warm") << "warm";
    }

    void sameSeedSameSplitOtherSeedOther()
    {
        QFETCH(QString, kind);
        const Dataset data = makeDataset();
        ProtocolConfig config = coldStart("");
        config.kind = kind.toStdString();
        config.maxRatings = 1000;
        const auto a = makeSplit(data, config, 42);
        const auto b = makeSplit(data, config, 42);
        const auto c = makeSplit(data, config, 43);
        QVERIFY(a.ok() && b.ok() && c.ok());
        QVERIFY(sameTasks(a->testTasks, b->testTasks));
        QVERIFY(sameTasks(a->trainTasks, b->trainTasks));
        QCOMPARE(a->trainRatings, b->trainRatings);
        QVERIFY(!sameTasks(a->testTasks, c->testTasks));
    }

    void supportSizesDoNotChangeTheTasks()
    {
        // The sweep is paired: other support sizes give the very same ordered supports, so a
        // support of K is the first K rows whatever else is evaluated.
        const Dataset data = makeDataset();
        ProtocolConfig config = coldStart("user-cold-start");
        const auto a = makeSplit(data, config, 5);
        config.supportSizes = {2, 5};
        const auto b = makeSplit(data, config, 5);
        QVERIFY(a.ok() && b.ok());
        QVERIFY(sameTasks(a->testTasks, b->testTasks));
        QCOMPARE(b->supportSizes, (std::vector<int> {2, 5}));
    }

    void warmHoldsOutRatings()
    {
        const Dataset data = makeDataset();
        ProtocolConfig config;
        config.kind = "warm";
        config.testFraction = 0.2;
        const auto split = makeSplit(data, config, 9);
        QVERIFY(split.ok());
        QCOMPARE(split->supportSizes, (std::vector<int> {kSupportAll}));
        const std::size_t testCount = data.ratingCount() - split->trainRatings.size();
        QCOMPARE(testCount, static_cast<std::size_t>(std::llround(0.2 * data.ratingCount())));

        const std::set<int32_t> train(split->trainRatings.begin(), split->trainRatings.end());
        std::size_t queried = 0;
        for (const Task& task : split->testTasks) {
            QVERIFY(!task.query.empty());
            queried += task.query.size();
            for (int32_t row : task.query) {
                QVERIFY(!train.count(row));
                QCOMPARE(data.ratingUser[row], task.entity);
            }
            // The support is every training rating of the user.
            std::size_t userTrain = 0;
            for (int32_t row : split->trainRatings)
                userTrain += data.ratingUser[row] == task.entity ? 1 : 0;
            QCOMPARE(task.support.size(), userTrain);
            for (int32_t row : task.support)
                QVERIFY(train.count(row) && data.ratingUser[row] == task.entity);
        }
        QCOMPARE(queried, testCount);
    }

    void noEligibleUserIsAClearError()
    {
        const Dataset data = makeDataset();
        ProtocolConfig config = coldStart("user-cold-start");
        config.minRatings = 100;
        config.maxRatings = 200;
        const auto split = makeSplit(data, config, 1);
        QVERIFY(!split.ok());
        QCOMPARE(split.error().code, ExitCode::BadInput);
        QCOMPARE(split.error().message, std::string("protocol: no user has between 100 and 200 ratings"));
    }

    void emptyDatasetIsAnError()
    {
        Dataset data;
        data.name = "empty";
        const auto split = makeSplit(data, coldStart("warm"), 1);
        QVERIFY(!split.ok());
        QVERIFY(split.error().message.find("no ratings") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestProtocol)
#include "test_protocol.moc"
