#include "experiment/activitybreakdown.h"
#include "experiment/pairedruns.h"
#include "experiment/runner.h"
#include "offsetlearner.h"
#include "store/runstore.h"
#include "store/store.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace fsr;

using testsupport::offsetBy;
using testsupport::offsetConfig;

/// The compare page's per-user views of stored runs: two runs paired user by user, and a run's
/// metric broken down by how active its users are.
class TestRunComparison : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath("runs.sqlite").toStdString();
        auto store = Store::open(m_path);
        QVERIFY(store.ok());
        QVERIFY(store->saveDataset(testsupport::makeDataset(), "test", "test_runcomparison").ok());
        m_plain = run(offsetConfig(3), offsetBy(0.0f));
        m_shifted = run(offsetConfig(3), offsetBy(0.6f));
        m_otherSeed = run(offsetConfig(4), offsetBy(0.0f));
        QVERIFY(m_plain > 0 && m_shifted > 0 && m_otherSeed > 0);
    }

    void pairsTheUsersBothRunsEvaluated()
    {
        auto store = Store::open(m_path);
        const auto paired = pairRuns(*store, m_plain, m_shifted, "all", "mae");
        QVERIFY2(paired.ok(), paired.ok() ? "" : paired.error().message.c_str());
        QCOMPARE(paired->users.size(), std::size_t {6}); // 20% of the 30 users
        QVERIFY(!paired->higherIsBetter);
        QCOMPARE(paired->test.pairs, 6);
        // Each value is the user's stored metric of that run.
        RunStore runs(store->db());
        for (std::size_t i = 0; i < paired->users.size(); ++i) {
            const auto stored = runs.userResult(m_shifted, "all", paired->users[i]);
            QVERIFY(stored.has_value());
            QCOMPARE(paired->second[i], nlohmann::json::parse(stored->json).at("metrics").at("mae").get<double>());
            QCOMPARE(paired->externalIds[i], "u" + std::to_string(paired->users[i]));
        }
        QCOMPARE(paired->test.firstBetter + paired->test.secondBetter + paired->test.ties, 6);

        const auto same = pairRuns(*store, m_plain, m_plain, "1", "ndcg@5");
        QVERIFY(same.ok());
        QCOMPARE(same->test.ties, same->test.pairs);
        QCOMPARE(same->test.wilcoxonP, 1.0);
    }

    void runsOnAnotherSplitAreRefused()
    {
        auto store = Store::open(m_path);
        const auto refused = pairRuns(*store, m_plain, m_otherSeed, "all", "mae");
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ExitCode::BadInput);
        QVERIFY2(QString::fromStdString(refused.error().message).contains("seeds differ"),
                 refused.error().message.c_str());
        const auto noMetric = pairRuns(*store, m_plain, m_shifted, "all", "no-such-metric");
        QVERIFY(!noMetric.ok());
        QVERIFY(QString::fromStdString(noMetric.error().message).contains("share no user"));
        QVERIFY(!pairRuns(*store, m_plain, 999, "all", "mae").ok());
    }

    void activityBucketsTheTestUsersByTheirRatings()
    {
        auto store = Store::open(m_path);
        const auto buckets = activityBreakdown(*store, m_plain, "all", "mae");
        QVERIFY2(buckets.ok(), buckets.ok() ? "" : buckets.error().message.c_str());
        // Every user of the small dataset has 15 ratings: one bucket, 11-20, with the six test users.
        QCOMPARE(buckets->size(), std::size_t {1});
        QCOMPARE(buckets->front().label(), std::string("11-20"));
        QCOMPARE(buckets->front().users, 6);
        const auto paired = pairRuns(*store, m_plain, m_shifted, "all", "mae");
        double sum = 0;
        for (double value : paired->first)
            sum += value;
        QVERIFY(std::abs(buckets->front().mean - sum / 6) < 1e-9);

        QCOMPARE(activityEdges().front(), 1);
        ActivityBucket open;
        open.minRatings = 201;
        QCOMPARE(open.label(), std::string("201+"));
        QVERIFY(!activityBreakdown(*store, 999, "all", "mae").ok());
    }

private:
    int64_t run(const std::string& json, const LearnerFactory& factory)
    {
        return testsupport::runExperiment(m_path, json, factory);
    }

    QTemporaryDir m_dir;
    std::string m_path;
    int64_t m_plain = 0, m_shifted = 0, m_otherSeed = 0;
};

QTEST_GUILESS_MAIN(TestRunComparison)
#include "test_runcomparison.moc"
