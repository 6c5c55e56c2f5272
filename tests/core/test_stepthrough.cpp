#include "data/generator.h"
#include "experiment/learnerfactory.h"
#include "experiment/recommender.h"
#include "experiment/runner.h"
#include "store/store.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace fsr;

namespace {
constexpr int kInnerSteps = 4;
} // namespace

/// Stepping through a stored run's adaptation one inner step at a time, and its embedding map,
/// on a real biased-MF run of planted-cluster data.
class TestStepThrough : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const std::string path = m_dir.filePath("runs.sqlite").toStdString();
        GeneratorConfig generator;
        generator.users = 300;
        generator.items = 120;
        generator.medianRatings = 25;
        generator.minRatings = 13;
        generator.seed = 3;
        auto data = generateDataset("planted", generator);
        QVERIFY(data.ok());
        auto store = Store::open(path);
        QVERIFY(store.ok());
        QVERIFY(store->saveDataset(*data, "generated", "test").ok());
        const auto runOf = [&](const std::string& modelAndMethod) -> int64_t {
            auto config = parseExperimentConfig(R"({"dataset": "planted", "seed": 3, "device": "cpu",
                "protocol": {"kind": "user-cold-start", "support_sizes": [5]}, "train": {"epochs": 3},)"
                                                + modelAndMethod + "}");
            if (!config)
                return 0;
            NullProgressSink sink;
            auto result = ExperimentRunner(path, *config, makeLearner).run(sink);
            return result ? result->runId : 0;
        };
        const int64_t mf = runOf(R"("model": {"kind": "biased-mf", "dim": 8},
            "method": {"kind": "fine-tune", "inner_lr": 0.5, "inner_steps": 4, "scope": "user"})");
        const int64_t knn = runOf(R"("model": {"kind": "item-knn"}, "method": {"kind": "none"})");
        QVERIFY(mf > 0 && knn > 0);
        auto recommender = RunRecommender::open(*store, mf, makeLearner);
        QVERIFY(recommender.ok());
        m_mf = std::move(*recommender);
        auto knnRecommender = RunRecommender::open(*store, knn, makeLearner);
        QVERIFY(knnRecommender.ok());
        m_knn = std::move(*knnRecommender);
        for (const RunUserInfo& user : m_mf->users())
            if (user.testUser && m_user.empty())
                m_user = user.externalId;
        QVERIFY(!m_user.empty());
    }

    void eachStepIsAnAdaptationOfThatManySteps()
    {
        const auto stepped = m_mf->stepThrough(m_user, 5, kInnerSteps, 10);
        QVERIFY2(stepped.ok(), stepped.ok() ? "" : stepped.error().message.c_str());
        QCOMPARE(stepped->supportRows.size(), static_cast<std::size_t>(5));
        QCOMPARE(stepped->supportLoss.size(), static_cast<std::size_t>(kInnerSteps + 1));
        QCOMPARE(stepped->top.size(), static_cast<std::size_t>(kInnerSteps + 1));
        QCOMPARE(stepped->queryError.size(), static_cast<std::size_t>(kInnerSteps + 1));
        QCOMPARE(stepped->points.size(), static_cast<std::size_t>(kInnerSteps + 1));
        // Gradient steps lower the support loss.
        for (std::size_t s = 1; s < stepped->supportLoss.size(); ++s)
            QVERIFY2(stepped->supportLoss[s] < stepped->supportLoss[s - 1], "a step did not lower the support loss");

        // The last step is the run's own adaptation (its inner_steps), the first the starting weights.
        const auto adapted = m_mf->recommend(m_user, 5, 10);
        QVERIFY(adapted.ok());
        for (std::size_t i = 0; i < adapted->after.size(); ++i) {
            QCOMPARE(stepped->top.back()[i].item, adapted->after[i].item);
            QVERIFY(std::abs(stepped->top.back()[i].score - adapted->after[i].score) < 1e-4f);
        }
        QVERIFY(std::abs(adapted->innerLoss.front() - stepped->supportLoss.front()) < 1e-4f);
        // The user's point moves on the map as the vector adapts.
        const auto& first = stepped->points.front();
        const auto& last = stepped->points.back();
        QVERIFY(std::hypot(last[0] - first[0], last[1] - first[1]) > 1e-4f);

        // Same request, same numbers.
        const auto again = m_mf->stepThrough(m_user, 5, kInnerSteps, 10);
        QCOMPARE(again->supportLoss, stepped->supportLoss);
        QCOMPARE(again->points, stepped->points);
    }

    void aNewUserStepsThroughToo()
    {
        const auto stepped = m_mf->stepThroughNewUser({{0, 5.0f}, {1, 1.0f}, {2, 4.0f}}, 3, 5);
        QVERIFY(stepped.ok());
        QCOMPARE(stepped->top.size(), static_cast<std::size_t>(4));
        QVERIFY(stepped->queryError.empty()); // nothing held out
        QVERIFY(stepped->supportLoss.back() < stepped->supportLoss.front());
    }

    void theMapDrawsEveryItemAndTheTrainedUsers()
    {
        const auto map = m_mf->embeddingMap();
        QVERIFY(map.ok());
        QCOMPARE(map->items.size(), m_mf->data().itemCount());
        QVERIFY(!map->users.empty());
        QCOMPARE(map->users.size(), map->userPoints.size());
        for (int32_t user : map->users) // only users the run trained on have a vector of their own
            QVERIFY(!m_mf->storedQuery(user).size());
        QVERIFY(map->explained[0] >= map->explained[1] && map->explained[1] > 0);
        QVERIFY(map->explained[0] + map->explained[1] <= 1.0f + 1e-5f);
    }

    void runsThatTakeNoStepsSaySo()
    {
        const auto stepped = m_knn->stepThrough(m_user, 5, 3, 10);
        QVERIFY(!stepped.ok());
        QVERIFY(QString::fromStdString(stepped.error().message).contains("does not adapt by gradient steps"));
        const auto map = m_knn->embeddingMap();
        QVERIFY(!map.ok());
        QVERIFY(QString::fromStdString(map.error().message).contains("no item embeddings"));
        QVERIFY(!m_mf->stepThrough(m_user, 5, 0, 10).ok());
        QVERIFY(!m_mf->stepThrough(m_user, 5, RunRecommender::kMaxSteps + 1, 10).ok());
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<RunRecommender> m_mf;
    std::unique_ptr<RunRecommender> m_knn;
    std::string m_user;
};

QTEST_GUILESS_MAIN(TestStepThrough)
#include "test_stepthrough.moc"
