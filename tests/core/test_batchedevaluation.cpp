// Evaluation scores blocks of entities at once where the learner allows it; these runs check that
// the stored results are the ones scoring each entity in turn gives.

#include "onebyonelearner.h"

#include "data/generator.h"
#include "experiment/learnerfactory.h"
#include "experiment/runner.h"
#include "store/runstore.h"
#include "store/store.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>

using namespace fsr;

namespace {

// Summed metrics may differ in the last float bits: a catalog-wide matrix product adds the dot
// products in another order than the per-entity forward pass does.
constexpr double kTolerance = 1e-5;

Expected<std::unique_ptr<Learner>> oneByOne(const ExperimentConfig& config, const Dataset& data)
{
    auto learner = makeLearner(config, data);
    if (!learner)
        return learner.error();
    return std::unique_ptr<Learner>(std::make_unique<testsupport::OneByOneLearner>(std::move(*learner)));
}

struct StoredRun {
    std::map<std::string, double> metrics;             ///< "size/metric"
    std::map<std::string, nlohmann::json> userResults; ///< "size/entity"
};

StoredRun runAndRead(const std::string& dbPath, const ExperimentConfig& config, const LearnerFactory& factory)
{
    NullProgressSink sink;
    const auto result = ExperimentRunner(dbPath, config, factory).run(sink);
    if (!result)
        qFatal("run failed: %s", result.error().message.c_str());
    auto store = Store::open(dbPath);
    RunStore runs(store->db());
    StoredRun stored;
    for (const RunMetric& metric : runs.metrics(result->runId))
        stored.metrics[metric.supportSize + "/" + metric.metric] = metric.value;
    for (const UserResult& user : runs.userResults(result->runId))
        stored.userResults[user.supportSize + "/" + std::to_string(user.entity)] = nlohmann::json::parse(user.json);
    return stored;
}

} // namespace

class TestBatchedEvaluation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_dbPath = m_dir.filePath("batched.sqlite").toStdString();
        GeneratorConfig generator;
        generator.users = 300;
        generator.items = 120;
        generator.medianRatings = 20;
        generator.minRatings = 5;
        auto data = generateDataset("generated", generator);
        QVERIFY(data.ok());
        auto store = Store::open(m_dbPath);
        QVERIFY(store.ok());
        QVERIFY(store->saveDataset(*data, "generated", "test").ok());
    }

    void sameResultsAsOneByOne_data()
    {
        QTest::addColumn<QString>("config");
        const QString warm = R"("protocol": {"kind": "warm", "test_fraction": 0.2})";
        const QString cold = R"("protocol": {"kind": "user-cold-start", "min_ratings": 8, "max_ratings": 100,
                                 "cold_fraction": 0.3, "query_size": 4, "support_sizes": [1, 3, "all"]})";
        const QString items = R"("protocol": {"kind": "item-cold-start", "min_ratings": 8, "max_ratings": 100,
                                  "cold_fraction": 0.3, "query_size": 4, "support_sizes": [1, 5]})";
        // Blocks throughout, and with the neighbourhood the joint objective may add per entity.
        QTest::newRow("warm, biased-mf, rating") << warm + R"(, "model": {"kind": "biased-mf", "dim": 8},
            "method": {"kind": "none"}, "train": {"epochs": 3, "objective": "rating"})";
        QTest::newRow("warm, biased-mf, joint") << warm + R"(, "model": {"kind": "biased-mf", "dim": 8},
            "method": {"kind": "none"}, "train": {"epochs": 3})";
        // The default catalog pass (forward() over every target), before and after.
        QTest::newRow("cold, neural, none") << cold + R"(, "model": {"kind": "neural", "dim": 8, "hidden": 16},
            "method": {"kind": "none"}, "train": {"epochs": 2})";
        // Only the predictions before adaptation come in blocks.
        QTest::newRow("cold, biased-mf, fine-tune") << cold + R"(, "model": {"kind": "biased-mf", "dim": 8},
            "method": {"kind": "fine-tune", "inner_steps": 2}, "train": {"epochs": 2})";
        QTest::newRow("item cold, biased-mf, none") << items + R"(, "model": {"kind": "biased-mf", "dim": 8},
            "method": {"kind": "none"}, "train": {"epochs": 2})";
    }

    void sameResultsAsOneByOne()
    {
        QFETCH(QString, config);
        const auto parsed = parseExperimentConfig(
            (R"({"dataset": "generated", "seed": 5, "eval": {"k": [3, 10]}, )" + config + "}").toStdString());
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());

        const StoredRun batched = runAndRead(m_dbPath, *parsed, makeLearner);
        const StoredRun single = runAndRead(m_dbPath, *parsed, oneByOne);

        QVERIFY(batched.metrics.count("before/ndcg@10"));
        QCOMPARE(batched.metrics.size(), single.metrics.size());
        for (const auto& [name, value] : single.metrics) {
            QVERIFY2(batched.metrics.count(name), name.c_str());
            QVERIFY2(std::abs(batched.metrics.at(name) - value) <= kTolerance * std::max(1.0, std::abs(value)),
                     (name + ": " + std::to_string(batched.metrics.at(name)) + " vs " + std::to_string(value)).c_str());
        }
        QVERIFY(!single.userResults.empty());
        QCOMPARE(batched.userResults.size(), single.userResults.size());
        for (const auto& [key, user] : single.userResults) {
            const nlohmann::json& other = batched.userResults.at(key);
            // The lists themselves: same items in the same order, before and after.
            for (const char* list : {"top_before", "top_after"}) {
                QCOMPARE(other[list].size(), user[list].size());
                for (std::size_t i = 0; i < user[list].size(); ++i)
                    QVERIFY2(other[list][i][0] == user[list][i][0], (key + " " + list).c_str());
            }
            QCOMPARE(other["support"], user["support"]);
        }
    }

private:
    QTemporaryDir m_dir;
    std::string m_dbPath;
};

QTEST_GUILESS_MAIN(TestBatchedEvaluation)
#include "test_batchedevaluation.moc"
