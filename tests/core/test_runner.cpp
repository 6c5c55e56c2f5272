#include "experiment/runner.h"
#include "store/runstore.h"
#include "store/store.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>

using namespace fsr;

namespace {

/// A small deterministic learner: item biases from training, and a shrunk user offset folded
/// in from the support when adapting. `train.lr > 100` makes training diverge and
/// `method.inner_lr > 100` makes adapted predictions NaN, to exercise the failure paths.
class FakeLearner : public Learner {
public:
    FakeLearner(const ExperimentConfig& config, const Dataset& data) : m_config(config), m_data(data) { }

    Status train(const Split& split, ProgressSink& sink) override
    {
        double sum = 0;
        for (int32_t row : split.trainRatings)
            sum += m_data.ratingValue[row];
        m_mean = static_cast<float>(sum / static_cast<double>(split.trainRatings.size()));
        std::vector<double> itemSum(m_data.itemCount(), 0);
        std::vector<int> itemCount(m_data.itemCount(), 0);
        for (int32_t row : split.trainRatings) {
            itemSum[m_data.ratingItem[row]] += m_data.ratingValue[row] - m_mean;
            ++itemCount[m_data.ratingItem[row]];
        }
        m_itemBias.assign(m_data.itemCount(), 0.0f);
        for (std::size_t i = 0; i < m_itemBias.size(); ++i)
            m_itemBias[i] = static_cast<float>(itemSum[i] / (itemCount[i] + 2.0));

        double loss = 1.0;
        for (int epoch = 0; epoch < m_config.train.epochs; ++epoch) {
            if (sink.cancelled())
                return cancelledError();
            loss = m_config.train.lr > 100 ? loss * 1e300 : loss * 0.9;
            if (!std::isfinite(loss))
                return Error {"loss is inf at epoch " + std::to_string(epoch + 1) + ": lower train.lr",
                              ExitCode::RunFailed};
            sink.onCurvePoint("train", epoch, loss);
            sink.onProgress(static_cast<double>(epoch + 1) / m_config.train.epochs, "training");
        }
        return Status::success();
    }

    Adaptation predict(const std::vector<int32_t>& supportRows, const std::vector<int32_t>& items, bool adapt) override
    {
        ++predictCalls;
        Adaptation result;
        float offset = 0;
        if (adapt) {
            double sum = 0;
            for (int32_t row : supportRows)
                sum += m_data.ratingValue[row] - m_mean - m_itemBias[m_data.ratingItem[row]];
            offset = static_cast<float>(sum / (static_cast<double>(supportRows.size()) + 1.0));
            result.innerLoss = {1.0f, 0.5f};
        }
        for (int32_t item : items) {
            float score = std::clamp(m_mean + m_itemBias[item] + offset, m_data.ratingMin, m_data.ratingMax);
            if (adapt && m_config.method.innerLr > 100)
                score = std::nanf("");
            result.scores.push_back(score);
        }
        return result;
    }

    std::vector<char> serialize() const override
    {
        std::vector<char> blob(sizeof(float));
        std::memcpy(blob.data(), &m_mean, sizeof(float));
        return blob;
    }
    Status deserialize(const std::vector<char>& blob) override
    {
        if (blob.size() != sizeof(float))
            return badInput("bad blob");
        std::memcpy(&m_mean, blob.data(), sizeof(float));
        return {};
    }
    std::string device() const override { return "cpu"; }
    std::string describe() const override { return "fake"; }

    static inline int predictCalls = 0;

private:
    ExperimentConfig m_config;
    const Dataset& m_data;
    float m_mean = 0;
    std::vector<float> m_itemBias;
};

Expected<std::unique_ptr<Learner>> fakeFactory(const ExperimentConfig& config, const Dataset& data)
{
    return std::unique_ptr<Learner>(std::make_unique<FakeLearner>(config, data));
}

/// 50 users with 14..63 ratings on 1..5 stars: a user's taste offset plus an item effect.
Dataset makeDataset()
{
    Dataset data;
    data.name = "synthetic";
    const int items = 70;
    for (int u = 0; u < 50; ++u)
        data.users.push_back({"u" + std::to_string(u), 0, {}, {}, {}});
    for (int i = 0; i < items; ++i)
        data.items.push_back({"i" + std::to_string(i), "Item " + std::to_string(i), 0, {}});
    for (int u = 0; u < 50; ++u) {
        for (int n = 0; n < 14 + u; ++n) {
            const int item = (u * 11 + n * 3) % items; // 3 is coprime to 70: distinct items
            const float rating = std::clamp(std::round(3.0f + (u % 3 - 1) + (item % 5 - 2) * 0.5f), 1.0f, 5.0f);
            data.addRating(u, item, rating, 1000 + n);
        }
    }
    data.updateRatingRange();
    return data;
}

ExperimentConfig makeConfig()
{
    const auto config = parseExperimentConfig(R"({"dataset": "synthetic", "seed": 3,
        "protocol": {"kind": "user-cold-start", "min_ratings": 14, "max_ratings": 100, "cold_fraction": 0.2,
                     "query_size": 5, "support_sizes": [1, 3, "all"]},
        "model": {"kind": "biased-mf"}, "method": {"kind": "fine-tune"}, "train": {"epochs": 4},
        "eval": {"k": [5]}})");
    return *config;
}

class CancelAfter : public NullProgressSink {
public:
    explicit CancelAfter(int polls) : m_polls(polls) { }
    bool cancelled() const override { return --m_polls < 0; }

private:
    mutable int m_polls;
};

double metric(const RunResult& result, std::size_t size, const std::string& name)
{
    for (const auto& [key, value] : result.results.at(size).metrics)
        if (key == name)
            return value;
    return std::nan("");
}

} // namespace

class TestRunner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_dbPath = m_dir.filePath("runs.sqlite").toStdString();
        auto store = Store::open(m_dbPath);
        QVERIFY(store.ok());
        QVERIFY(store->saveDataset(makeDataset(), "test", "test_runner").ok());
    }

    void runIsEvaluatedAndStored()
    {
        FakeLearner::predictCalls = 0;
        ExperimentRunner runner(m_dbPath, makeConfig(), fakeFactory);
        runner.setRunName("first");
        NullProgressSink sink;
        const auto result = runner.run(sink);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        QVERIFY(result->runId > 0);
        QCOMPARE(result->runId, runner.runId());

        // 50 users have 14..63 ratings; 10 are new.
        QCOMPARE(result->results.size(), static_cast<std::size_t>(3));
        QCOMPARE(result->results[0].supportSize, std::string("1"));
        QCOMPARE(result->results[2].supportSize, std::string("all"));
        for (const auto& size : result->results)
            QCOMPARE(size.users, static_cast<std::size_t>(10));
        // One zero-shot prediction and one per distinct support size per user.
        QCOMPARE(FakeLearner::predictCalls, 10 * 4);
        for (const char* name :
             {"mae", "rmse", "ndcg@3_query", "precision@5", "recall@5", "ndcg@5", "hit@5", "coverage@5"})
            QVERIFY2(std::isfinite(metric(*result, 0, name)), name);
        // The fake folds the support in, so the whole support beats a single rating.
        QVERIFY(metric(*result, 2, "mae") < metric(*result, 0, "mae"));

        auto store = Store::open(m_dbPath);
        QVERIFY(store.ok());
        RunStore runs(store->db());
        const auto record = runs.getRun(result->runId);
        QVERIFY(record.has_value());
        QCOMPARE(record->summary.status, std::string(runstatus::kFinished));
        QCOMPARE(record->summary.name, std::string("first"));
        QCOMPARE(record->summary.model, std::string("biased-mf"));
        QCOMPARE(record->summary.device, std::string("cpu"));
        QCOMPARE(record->resultJson, runResultToJson(*result));
        // The stored config has every default and the resolved relevance threshold (4 on 1..5).
        const auto storedConfig = parseExperimentConfig(record->config);
        QVERIFY(storedConfig.ok());
        QCOMPARE(storedConfig->eval.relevanceThreshold, 4.0);

        const auto curves = runs.curves(result->runId);
        QCOMPARE(std::count_if(curves.begin(), curves.end(), [](const CurvePoint& p) { return p.series == "train"; }),
                 4L);
        QVERIFY(std::any_of(curves.begin(), curves.end(), [](const CurvePoint& p) { return p.series == "adapt/all"; }));

        const auto metrics = runs.metrics(result->runId);
        QVERIFY(std::any_of(metrics.begin(), metrics.end(), [&](const RunMetric& m) {
            return m.supportSize == "3" && m.metric == "mae" && m.value == metric(*result, 1, "mae");
        }));
        QVERIFY(std::any_of(metrics.begin(), metrics.end(),
                            [](const RunMetric& m) { return m.supportSize == "before" && m.metric == "mae"; }));

        QCOMPARE(runs.userResults(result->runId).size(), static_cast<std::size_t>(30));
        const auto perSize = runs.userResults(result->runId, "3");
        QCOMPARE(perSize.size(), static_cast<std::size_t>(10));
        const auto detail = nlohmann::json::parse(perSize.front().json);
        QCOMPARE(detail.at("support").size(), static_cast<std::size_t>(3));
        QCOMPARE(detail.at("query").size(), static_cast<std::size_t>(5));
        QCOMPARE(detail.at("top_after").size(), static_cast<std::size_t>(5));
        QCOMPARE(detail.at("top_before").size(), static_cast<std::size_t>(5));
        QVERIFY(detail.at("metrics").contains("mae"));
        QVERIFY(runs.userResult(result->runId, "all", perSize.front().entity).has_value());
        QCOMPARE(runs.modelBlob(result->runId).size(), sizeof(float));

        const auto parsed = runResultFromJson(record->resultJson);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->results.size(), static_cast<std::size_t>(3));
        QCOMPARE(parsed->results[1].supportSize, std::string("3"));
        QCOMPARE(nlohmann::json::parse(record->resultJson).at("results").at(0).at("support_size"), nlohmann::json(1));
    }

    void everyProtocolRuns_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QStringList>("labels");
        QTest::newRow("item-cold-start") << "item-cold-start" << QStringList {"1", "3", "all"};
        QTest::newRow("warm") << "warm" << QStringList {"warm"};
    }

    void everyProtocolRuns()
    {
        QFETCH(QString, kind);
        QFETCH(QStringList, labels);
        ExperimentConfig config = makeConfig();
        config.protocol.kind = kind.toStdString();
        ExperimentRunner runner(m_dbPath, config, fakeFactory);
        NullProgressSink sink;
        const auto result = runner.run(sink);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        QCOMPARE(static_cast<int>(result->results.size()), labels.size());
        for (int i = 0; i < labels.size(); ++i) {
            QCOMPARE(QString::fromStdString(result->results[i].supportSize), labels[i]);
            QVERIFY(result->results[i].users > 0);
            QVERIFY(std::isfinite(metric(*result, i, "mae")));
        }
        auto store = Store::open(m_dbPath);
        QVERIFY(store.ok());
        const auto rows = RunStore(store->db()).userResults(result->runId, labels.first().toStdString());
        QCOMPARE(rows.size(), result->results.front().users);
        // Under item-cold-start the entities are items and the query targets are users.
        const auto detail = nlohmann::json::parse(rows.front().json);
        const std::size_t targets = kind == "item-cold-start" ? 50 : 70;
        for (const auto& entry : detail.at("query"))
            QVERIFY(entry.at(0).get<std::size_t>() < targets);
    }

    void sameSeedSameMetrics()
    {
        NullProgressSink sink;
        ExperimentConfig config = makeConfig();
        const auto a = ExperimentRunner(m_dbPath, config, fakeFactory).run(sink);
        const auto b = ExperimentRunner(m_dbPath, config, fakeFactory).run(sink);
        config.seed = 4;
        const auto c = ExperimentRunner(m_dbPath, config, fakeFactory).run(sink);
        QVERIFY(a.ok() && b.ok() && c.ok());
        QVERIFY(a->runId != b->runId);
        for (std::size_t s = 0; s < a->results.size(); ++s)
            QCOMPARE(a->results[s].metrics, b->results[s].metrics);
        QVERIFY(a->results[0].metrics != c->results[0].metrics);
    }

    void divergingTrainingFailsTheRun()
    {
        ExperimentConfig config = makeConfig();
        config.train.lr = 1000;
        ExperimentRunner runner(m_dbPath, config, fakeFactory);
        NullProgressSink sink;
        const auto result = runner.run(sink);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ExitCode::RunFailed);
        QVERIFY(runner.runId() > 0);
        expectStored(runner.runId(), runstatus::kFailed, "lower train.lr");
    }

    void nanPredictionsFailTheRun()
    {
        ExperimentConfig config = makeConfig();
        config.method.innerLr = 1000;
        ExperimentRunner runner(m_dbPath, config, fakeFactory);
        NullProgressSink sink;
        const auto result = runner.run(sink);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ExitCode::RunFailed);
        QVERIFY2(result.error().message.find("not finite") != std::string::npos, result.error().message.c_str());
        expectStored(runner.runId(), runstatus::kFailed, "inner_lr");
    }

    void cancellationIsStored_data()
    {
        QTest::addColumn<int>("polls");
        QTest::newRow("during training") << 2;
        QTest::newRow("during evaluation") << 8;
    }

    void cancellationIsStored()
    {
        QFETCH(int, polls);
        ExperimentRunner runner(m_dbPath, makeConfig(), fakeFactory);
        CancelAfter sink(polls);
        const auto result = runner.run(sink);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ExitCode::Cancelled);
        expectStored(runner.runId(), runstatus::kCancelled, "cancelled");
    }

    void badInputStoresNothing_data()
    {
        QTest::addColumn<QString>("dataset");
        QTest::addColumn<int>("minRatings");
        QTest::newRow("unknown dataset") << "nope" << 14;
        QTest::newRow("nobody eligible") << "synthetic" << 90;
    }

    void badInputStoresNothing()
    {
        QFETCH(QString, dataset);
        QFETCH(int, minRatings);
        ExperimentConfig config = makeConfig();
        config.dataset = dataset.toStdString();
        config.protocol.minRatings = minRatings;
        config.protocol.maxRatings = 100;
        const std::size_t before = runCount();
        ExperimentRunner runner(m_dbPath, config, fakeFactory);
        NullProgressSink sink;
        const auto result = runner.run(sink);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ExitCode::BadInput);
        QCOMPARE(runner.runId(), static_cast<int64_t>(0));
        QCOMPARE(runCount(), before);
    }

    void runStoreHousekeeping()
    {
        auto store = Store::open(m_dbPath);
        QVERIFY(store.ok());
        RunStore runs(store->db());
        const int64_t id = runs.createRun({"synthetic", 0, ""}, "global-mean", "none", "{}", 1, "old");
        runs.appendCurvePoints(id, {{"train", 0, 1.5}, {"train", 1, 1.25}});
        QCOMPARE(runs.getRun(id)->summary.status, std::string(runstatus::kRunning)); // this process is alive

        // A run whose process is gone shows as interrupted, not as running forever.
        auto orphan = store->db().prepare("UPDATE runs SET pid = 999999999 WHERE id = ?");
        orphan.bind(1, id);
        orphan.exec();
        const auto list = runs.listRuns();
        QCOMPARE(list.front().id, id); // newest first
        QCOMPARE(list.front().status, std::string(runstatus::kInterrupted));

        QVERIFY(runs.rename(id, "renamed").ok());
        QCOMPARE(runs.getRun(id)->summary.name, std::string("renamed"));
        QVERIFY(runs.deleteRun(id).ok());
        QVERIFY(!runs.getRun(id).has_value());
        QVERIFY(runs.curves(id).empty());
        QVERIFY(!runs.deleteRun(id).ok());
        QVERIFY(!runs.rename(id, "x").ok());
    }

private:
    void expectStored(int64_t runId, const char* status, const char* messagePart)
    {
        auto store = Store::open(m_dbPath);
        QVERIFY(store.ok());
        const auto record = RunStore(store->db()).getRun(runId);
        QVERIFY(record.has_value());
        QCOMPARE(record->summary.status, std::string(status));
        QVERIFY2(record->summary.message.find(messagePart) != std::string::npos, record->summary.message.c_str());
    }

    std::size_t runCount()
    {
        auto store = Store::open(m_dbPath);
        return store.ok() ? RunStore(store->db()).listRuns().size() : 0;
    }

    QTemporaryDir m_dir;
    std::string m_dbPath;
};

QTEST_GUILESS_MAIN(TestRunner)
#include "test_runner.moc"
