// Adaptation methods: each improves over no adaptation on planted taste clusters, records its
// inner-loop losses, honours cancellation, stops on divergence, and works under item-cold-start.

#include "core/clusterdata.h"
#include "experiment/learnerfactory.h"

#include <QtTest>

#include <map>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <set>

using namespace fsr;

namespace {

ExperimentConfig configFor(const std::string& model, const std::string& method)
{
    ExperimentConfig c;
    c.protocol.kind = "user-cold-start";
    c.dataset = "clusters";
    c.device = "cpu";
    c.model.kind = model;
    c.model.dim = 8;
    c.model.hidden = 16;
    c.method.kind = method;
    c.method.innerLr = 0.1;
    c.method.innerSteps = 5;
    c.train.epochs = 8;
    c.train.batchSize = 256;
    c.train.lr = 0.02;
    return c;
}

struct Outcome {
    double mae = 0.0;
    std::vector<float> innerLoss; // of the first test task
};

/// MAE on the query of every test task, after adapting to (or, for "none", reading) the support.
Outcome evaluate(Learner& learner, const Dataset& data, const Split& split, bool itemCold = false)
{
    Outcome out;
    int n = 0;
    for (const auto& task : split.testTasks) {
        std::vector<int32_t> targets;
        for (int32_t r : task.query)
            targets.push_back(itemCold ? data.ratingUser[static_cast<size_t>(r)]
                                       : data.ratingItem[static_cast<size_t>(r)]);
        const auto result = learner.predict(task.support, targets, true);
        if (out.innerLoss.empty())
            out.innerLoss = result.innerLoss;
        for (size_t i = 0; i < targets.size(); ++i, ++n)
            out.mae += std::abs(result.scores[i] - data.ratingValue[static_cast<size_t>(task.query[i])]);
    }
    out.mae /= std::max(n, 1);
    return out;
}

class CancelAfter : public NullProgressSink {
public:
    explicit CancelAfter(int polls) : m_polls(polls) { }
    bool cancelled() const override { return --m_polls < 0; }

private:
    mutable int m_polls;
};

class RecordingSink : public NullProgressSink {
public:
    void onCurvePoint(const std::string& series, int step, double value) override
    {
        seenSeries.insert(series);
        points[series].emplace_back(step, value);
    }
    std::map<std::string, std::vector<std::pair<int, double>>> points;
    void onProgress(double fraction, const std::string& phase) override
    {
        last = fraction;
        phases.insert(phase);
    }
    std::set<std::string> seenSeries, phases;
    double last = 0.0;
};

/// Clusters that differ in what they choose, not only in how they rate it: a user of cluster c
/// rates mostly items of block c (items i with i % clusters == c), and likes them.
Dataset plantedChoices(int users = 200, int items = 80, int perUser = 20, int clusters = 4)
{
    std::mt19937 rng(11);
    Dataset data;
    data.name = "clusters";
    data.items.resize(static_cast<size_t>(items));
    data.users.resize(static_cast<size_t>(users));
    for (int i = 0; i < items; ++i)
        data.items[static_cast<size_t>(i)].title = "Item " + std::to_string(i);
    std::uniform_int_distribution<int> anyItem(0, items - 1), inBlock(0, items / clusters - 1);
    std::bernoulli_distribution ownBlock(0.85);
    for (int u = 0; u < users; ++u) {
        std::set<int> chosen;
        while (static_cast<int>(chosen.size()) < perUser)
            chosen.insert(ownBlock(rng) ? inBlock(rng) * clusters + u % clusters : anyItem(rng));
        int64_t time = 0;
        for (int i : chosen)
            data.addRating(u, i, i % clusters == u % clusters ? 5.0f : 2.0f, 1000 * u + time++);
    }
    data.updateRatingRange();
    return data;
}

/// Share of the top 10 of all items outside the support that are of the user's own block.
double ownBlockShare(Learner& learner, const Dataset& data, const Task& task, bool adapt, int clusters = 4)
{
    std::set<int32_t> seen;
    for (int32_t r : task.support)
        seen.insert(data.ratingItem[static_cast<size_t>(r)]);
    std::vector<int32_t> candidates;
    for (int32_t i = 0; i < static_cast<int32_t>(data.itemCount()); ++i)
        if (!seen.count(i))
            candidates.push_back(i);
    const auto result = learner.predict(task.support, candidates, adapt);
    const auto& score = result.ranking.empty() ? result.scores : result.ranking;
    std::vector<size_t> order(candidates.size());
    std::iota(order.begin(), order.end(), static_cast<size_t>(0));
    std::partial_sort(order.begin(), order.begin() + 10, order.end(),
                      [&](size_t a, size_t b) { return score[a] > score[b]; });
    const int user = data.ratingUser[static_cast<size_t>(task.support.front())];
    int own = 0;
    for (size_t n = 0; n < 10; ++n)
        own += candidates[order[n]] % clusters == user % clusters;
    return own / 10.0;
}

} // namespace

class TestAdapt : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rankingObjectivePutsTheUsersClusterFirst_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("method");
        QTest::newRow("biased-mf + fine-tune") << "biased-mf"
                                               << "fine-tune";
        QTest::newRow("biased-mf + maml") << "biased-mf"
                                          << "maml";
        QTest::newRow("attention in context") << "attention"
                                              << "none";
    }
    void rankingObjectivePutsTheUsersClusterFirst()
    {
        QFETCH(QString, model);
        QFETCH(QString, method);
        const auto data = plantedChoices();
        const auto split = testdata::clusterSplit(data, 5);
        auto config = configFor(model.toStdString(), method.toStdString());
        config.train.objective = "ranking";
        config.method.innerLr = 1.0;
        auto train = [&] {
            auto learner = makeLearner(config, data);
            NullProgressSink sink;
            const bool trained = learner && (*learner)->train(split, sink).ok();
            return trained ? std::move(*learner) : nullptr;
        };
        auto learner = train();
        QVERIFY(learner);
        double before = 0.0, after = 0.0;
        for (const auto& task : split.testTasks) {
            before += ownBlockShare(*learner, data, task, false);
            after += ownBlockShare(*learner, data, task, true);
        }
        before /= static_cast<double>(split.testTasks.size());
        after /= static_cast<double>(split.testTasks.size());
        // Before adaptation every user gets the same (popularity) list: about a quarter is theirs.
        QVERIFY2(before < 0.5, qPrintable(QString("own-cluster share before adaptation %1").arg(before)));
        QVERIFY2(after > 0.8,
                 qPrintable(QString("own-cluster share after adaptation %1 (before %2)").arg(after).arg(before)));

        // Same seed, same numbers.
        auto again = train();
        QVERIFY(again);
        const auto& task = split.testTasks.front();
        QCOMPARE(again->predict(task.support, {0, 1, 2, 3}, true).ranking,
                 learner->predict(task.support, {0, 1, 2, 3}, true).ranking);
    }

    void patienceStopsAndTheBestEpochIsKeptAndMarked()
    {
        const auto data = testdata::clusterDataset();
        const auto split = testdata::clusterSplit(data);
        auto config = configFor("biased-mf", "fine-tune");
        config.train.epochs = 60;
        config.train.lr = 0.05; // overfits soon: validation turns up well before 60 epochs
        config.train.patience = 2;
        auto learner = makeLearner(config, data);
        QVERIFY(learner);
        RecordingSink sink;
        QVERIFY((*learner)->train(split, sink).ok());
        const auto& validation = sink.points["validation"];
        QVERIFY(!validation.empty());
        QVERIFY2(validation.size() < 60, "patience did not stop training");
        QCOMPARE(sink.points["best"].size(), static_cast<std::size_t>(1));
        const auto [bestEpoch, bestLoss] = sink.points["best"].front();
        double lowest = validation.front().second;
        for (const auto& [epoch, loss] : validation)
            lowest = std::min(lowest, loss);
        QCOMPARE(bestLoss, lowest);
        // Stopped exactly `patience` epochs after the best one.
        QCOMPARE(validation.back().first, bestEpoch + 2);
    }

    void initTestCase()
    {
        m_data = testdata::clusterDataset();
        m_split = testdata::clusterSplit(m_data);
    }

    void methodsBeatNoAdaptation_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("method");
        for (const char* method : {"fine-tune", "maml", "fomaml", "reptile", "distill", "online"})
            QTest::newRow((std::string("biased-mf/") + method).c_str()) << "biased-mf" << method;
        QTest::newRow("neural/fine-tune") << "neural"
                                          << "fine-tune";
        QTest::newRow("neural/maml") << "neural"
                                     << "maml";
        QTest::newRow("attention/fine-tune") << "attention"
                                             << "fine-tune";
    }
    void methodsBeatNoAdaptation()
    {
        QFETCH(QString, model);
        QFETCH(QString, method);
        // The reference: the same model trained the same way but never shown the support.
        auto noneConfig = configFor(model.toStdString(), "none");
        if (model == "attention")
            noneConfig.train.epochs = 40;
        auto none = makeLearner(noneConfig, m_data);
        NullProgressSink sink;
        QVERIFY((*none)->train(m_split, sink).ok());
        double noneMae = 0;
        int n = 0;
        for (const auto& task : m_split.testTasks)
            for (size_t i = 0; i < task.query.size(); ++i, ++n) {
                const auto s
                    = (*none)
                          ->predict(task.support, {m_data.ratingItem[static_cast<size_t>(task.query[i])]}, false)
                          .scores[0];
                noneMae += std::abs(s - m_data.ratingValue[static_cast<size_t>(task.query[i])]);
            }
        noneMae /= n;

        auto config = configFor(model.toStdString(), method.toStdString());
        if (model == "attention") // learning to read a context takes more episodes than fitting biases
            config.train.epochs = 40;
        auto learner = makeLearner(config, m_data);
        QVERIFY(learner);
        RecordingSink recording;
        const auto status = (*learner)->train(m_split, recording);
        QVERIFY2(status.ok(), status.error().message.c_str());
        QCOMPARE(recording.last, 1.0);
        QVERIFY(recording.seenSeries.count("validation"));
        const auto outcome = evaluate(**learner, m_data, m_split);
        QVERIFY2(outcome.mae < noneMae - 0.05,
                 (method.toStdString() + " MAE " + std::to_string(outcome.mae) + " vs none " + std::to_string(noneMae))
                     .c_str());
        // Inner-loop trace: one value before adapting and one per step (online: per rating).
        const size_t expected = method == "online" ? m_split.testTasks.front().support.size() + 1
                                                   : static_cast<size_t>(config.method.innerSteps) + 1;
        QCOMPARE(outcome.innerLoss.size(), expected);
        QVERIFY(outcome.innerLoss.back() < outcome.innerLoss.front());
        if (method == "maml" || method == "fomaml" || method == "reptile") {
            QVERIFY(recording.seenSeries.count("outer"));
            QVERIFY(recording.seenSeries.count("inner/step0"));
            QVERIFY(recording.phases.count("meta-training"));
        }
        if (method == "distill") {
            const auto text = (*learner)->describe();
            QVERIFY2(text.find("teacher") != std::string::npos && text.find("student") != std::string::npos,
                     text.c_str());
        }
    }

    void attentionReadsTheSupport()
    {
        // Zero-shot attention personalises in context: with the support it beats itself without.
        auto config = configFor("attention", "none");
        config.train.epochs = 40;
        auto learner = makeLearner(config, m_data);
        NullProgressSink sink;
        QVERIFY((*learner)->train(m_split, sink).ok());
        double with = 0, without = 0;
        for (const auto& task : m_split.testTasks) {
            std::vector<int32_t> targets;
            for (int32_t r : task.query)
                targets.push_back(m_data.ratingItem[static_cast<size_t>(r)]);
            const auto a = (*learner)->predict(task.support, targets, true);
            const auto b = (*learner)->predict(task.support, targets, false);
            QCOMPARE(static_cast<int>(a.attention.weights.size()), 1);
            QCOMPARE(static_cast<int>(a.attention.weights[0].size()), 2);       // heads
            QCOMPARE(a.attention.weights[0][0].size(), targets.size());         // one row per prediction
            QCOMPARE(a.attention.weights[0][0][0].size(), task.support.size()); // one weight per support rating
            QVERIFY(b.attention.weights.empty());
            for (size_t i = 0; i < targets.size(); ++i) {
                with += std::abs(a.scores[i] - m_data.ratingValue[static_cast<size_t>(task.query[i])]);
                without += std::abs(b.scores[i] - m_data.ratingValue[static_cast<size_t>(task.query[i])]);
            }
        }
        QVERIFY2(with < without * 0.95, (std::to_string(with) + " vs " + std::to_string(without)).c_str());
    }

    void itemColdStart()
    {
        // New items: every fifth item is held out; its support is its first ratings by users.
        Split split;
        split.kind = "item-cold-start";
        split.supportSizes = {5, kSupportAll};
        std::vector<std::vector<int32_t>> rowsOf(m_data.itemCount());
        for (size_t r = 0; r < m_data.ratingCount(); ++r)
            rowsOf[static_cast<size_t>(m_data.ratingItem[r])].push_back(static_cast<int32_t>(r));
        for (size_t i = 0; i < m_data.itemCount(); ++i) {
            Task task;
            task.entity = static_cast<int32_t>(i);
            task.query.assign(rowsOf[i].end() - 10, rowsOf[i].end());
            task.support.assign(rowsOf[i].begin(), rowsOf[i].end() - 10);
            if (i % 5 == 0)
                split.testTasks.push_back(task);
            else {
                split.trainRatings.insert(split.trainRatings.end(), rowsOf[i].begin(), rowsOf[i].end());
                split.trainTasks.push_back(task);
            }
        }
        for (const char* method : {"fine-tune", "maml"}) {
            auto config = configFor("biased-mf", method);
            config.protocol.kind = "item-cold-start";
            auto learner = makeLearner(config, m_data);
            NullProgressSink sink;
            QVERIFY((*learner)->train(split, sink).ok());
            const auto adapted = evaluate(**learner, m_data, split, true);
            // Before adaptation the new item is only its features (here: its genre and year),
            // which already carry the cluster structure; adapting on its ratings must help further.
            double before = 0;
            int n = 0;
            for (const auto& task : split.testTasks)
                for (int32_t r : task.query) {
                    before += std::abs(
                        (*learner)->predict(task.support, {m_data.ratingUser[static_cast<size_t>(r)]}, false).scores[0]
                        - m_data.ratingValue[static_cast<size_t>(r)]);
                    ++n;
                }
            QVERIFY2(adapted.mae < before / n,
                     (std::string(method) + ": " + std::to_string(adapted.mae) + " vs " + std::to_string(before / n))
                         .c_str());
        }
    }

    void cancellation()
    {
        for (const char* method : {"fine-tune", "maml"}) {
            auto learner = makeLearner(configFor("biased-mf", method), m_data);
            CancelAfter sink(3);
            const auto status = (*learner)->train(m_split, sink);
            QVERIFY(!status.ok());
            QCOMPARE(status.error().code, ExitCode::Cancelled);
        }
    }

    void divergenceStops()
    {
        for (const char* method : {"fine-tune", "maml"}) {
            auto config = configFor("neural", method);
            config.train.lr = 1e12;
            config.train.optimizer = "sgd";
            auto learner = makeLearner(config, m_data);
            NullProgressSink sink;
            const auto status = (*learner)->train(m_split, sink);
            QVERIFY(!status.ok());
            QCOMPARE(status.error().code, ExitCode::RunFailed);
            QVERIFY2(status.error().message.find("lower the learning rate") != std::string::npos,
                     status.error().message.c_str());
            QVERIFY2(status.error().message.find("epoch") != std::string::npos, status.error().message.c_str());
        }
    }

private:
    Dataset m_data;
    Split m_split;
};

QTEST_APPLESS_MAIN(TestAdapt)
#include "test_adapt.moc"
