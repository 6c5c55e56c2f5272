// Base models: shapes hold, gradients reach every parameter, per-task (batched) parameters agree
// with shared ones, MAML's second-order gradient matches finite differences, baselines and
// learners behave (fold-in, serialisation, same seed => same predictions, refusals).

#include "adapt/batchbuilder.h"
#include "adapt/innerloop.h"
#include "adapt/objective.h"
#include "adapt/optimizer.h"
#include "core/clusterdata.h"
#include "experiment/learnerfactory.h"
#include "models/modelfactory.h"
#include "models/ratingview.h"

#include <QtTest>

#include <random>

using namespace fsr;

namespace {

ModelShape shapeOf(const RatingView& view, int dim, bool table)
{
    ModelShape shape;
    shape.entities = view.entityCount();
    shape.targets = view.targetCount();
    shape.dim = dim;
    shape.hidden = 16;
    shape.layers = 2;
    shape.heads = 2;
    shape.entityTable = table;
    shape.entityFeatures = view.entityFeatures();
    shape.targetFeatures = view.targetFeatures();
    return shape;
}

/// Three tasks of different lengths, each predicting its own rows with itself as context.
Batch threeTasks(const Dataset& data, const BatchBuilder& builder, bool context)
{
    std::vector<std::vector<int32_t>> rows(3);
    for (int32_t r = 0; r < static_cast<int32_t>(data.ratingCount()); ++r) {
        const int u = data.ratingUser[static_cast<size_t>(r)];
        if (u < 3 && static_cast<int>(rows[static_cast<size_t>(u)].size()) < 4 + 2 * u)
            rows[static_cast<size_t>(u)].push_back(r);
    }
    return builder.tasks(rows, rows, context, false);
}

ExperimentConfig smallConfig(const std::string& model, const std::string& method)
{
    ExperimentConfig c;
    c.protocol.kind = "user-cold-start";
    c.dataset = "clusters";
    c.device = "cpu";
    c.model.kind = model;
    c.model.dim = 8;
    c.model.hidden = 16;
    c.method.kind = method;
    c.train.epochs = 3;
    c.train.batchSize = 256;
    c.train.lr = 0.01;
    return c;
}

} // namespace

class TestModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(1); }

    void shapesAndGradients_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("itemCold");
        for (const char* kind : {"biased-mf", "neural", "attention"}) {
            QTest::newRow((std::string(kind) + "/user").c_str()) << QString(kind) << false;
            QTest::newRow((std::string(kind) + "/item").c_str()) << QString(kind) << true;
        }
    }
    void shapesAndGradients()
    {
        QFETCH(QString, kind);
        QFETCH(bool, itemCold);
        const auto data = testdata::clusterDataset(30, 40, 12);
        RatingView view(data, itemCold);
        view.fitNormalisation({0, 1, 2, 3});
        auto model = makeModel(kind.toStdString(), shapeOf(view, 8, false), torch::kCPU);
        QVERIFY(model);
        std::mt19937_64 rng(1);
        auto params = model->init(rng);
        QCOMPARE(params.numel(), model->parameterCount());
        BatchBuilder builder(view, torch::kCPU);
        const auto batch = threeTasks(data, builder, model->usesContext());
        AttentionTrace trace;
        auto prediction = model->forward(params, batch, &trace);
        QCOMPARE(prediction.dim(), static_cast<int64_t>(2));
        QCOMPARE(prediction.size(0), static_cast<int64_t>(3));
        QCOMPARE(prediction.size(1), batch.targets.size(1));
        QVERIFY(torch::isfinite(prediction).all().item<bool>());
        if (model->usesContext()) {
            QCOMPARE(static_cast<int>(trace.layers.size()), 2);
            QCOMPARE(trace.layers[0].sizes().vec(),
                     (std::vector<int64_t> {3, 2, batch.targets.size(1), batch.ctxTargets.size(1)}));
            // A support row never attends to its own rating (leave-one-out), padding never.
            auto w = trace.layers[0];
            QCOMPARE(w[0][0][0][0].item<float>(), 0.0f);
            QCOMPARE(w[0][0][1][1].item<float>(), 0.0f);
            QVERIFY(w[0][0][0][1].item<float>() > 0.0f);
        } else {
            QVERIFY(trace.layers.empty());
        }
        // The joint objective against random targets (rating residual and ranking softmax) gives
        // every parameter a gradient.
        Objective(TrainConfig {}).terms(*model, params, batch).loss.sum().backward();
        for (size_t i = 0; i < params.size(); ++i) {
            const auto& g = params.at(i).grad();
            QVERIFY2(g.defined(), params.name(i).c_str());
            if (params.name(i) == "head.out.bias" || params.name(i) == "head.mu" || params.name(i) == "user.bias")
                QVERIFY2(g.abs().sum().item<float>() > 0, params.name(i).c_str());
            else if (params.name(i).rfind("feat.", 0) != 0) // features of untouched rows may be all padding
                QVERIFY2(g.abs().sum().item<float>() > 0, params.name(i).c_str());
        }
    }

    void perTaskParametersMatchShared_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("scope");
        for (const char* kind : {"biased-mf", "neural", "attention"})
            for (const char* scope : {"user", "head", "all"})
                QTest::newRow((std::string(kind) + "/" + scope).c_str()) << QString(kind) << QString(scope);
    }
    void perTaskParametersMatchShared()
    {
        QFETCH(QString, kind);
        QFETCH(QString, scope);
        const auto data = testdata::clusterDataset(30, 40, 12);
        RatingView view(data, false);
        auto model = makeModel(kind.toStdString(), shapeOf(view, 8, false), torch::kCPU);
        std::mt19937_64 rng(2);
        auto params = model->init(rng);
        BatchBuilder builder(view, torch::kCPU);
        const auto batch = threeTasks(data, builder, model->usesContext());
        InnerLoop inner(*model, Objective(TrainConfig {}), params, 0.1, 1, scope.toStdString());
        QVERIFY(!inner.scope().empty());
        auto fast = inner.expand(params, 3, false);
        torch::NoGradGuard noGrad;
        auto shared = model->forward(params, batch);
        auto batched = model->forward(fast, batch);
        QVERIFY(torch::allclose(shared, batched, 1e-5, 1e-5));
    }

    void sparseGradientsMatchDense()
    {
        // Pretraining batches ask for sparse table gradients; they must equal the dense ones.
        const auto data = testdata::clusterDataset(30, 40, 12);
        RatingView view(data, false);
        BatchBuilder builder(view, torch::kCPU);
        for (const char* kind : {"biased-mf", "neural"}) {
            auto model = makeModel(kind, shapeOf(view, 8, true), torch::kCPU);
            std::mt19937_64 rng(5);
            auto sparseParams = model->init(rng);
            auto denseParams = sparseParams.cloned();
            auto batch = builder.rows({0, 1, 2, 3, 4, 5, 13, 14, 15, 0}, true);
            QVERIFY(batch.sparseGrad);
            const Objective joint(TrainConfig {}); // the ranking part reads the tables too
            joint.terms(*model, sparseParams, batch).loss.sum().backward();
            batch.sparseGrad = false;
            joint.terms(*model, denseParams, batch).loss.sum().backward();
            bool sawSparse = false;
            for (size_t i = 0; i < sparseParams.size(); ++i) {
                auto a = sparseParams.at(i).grad(), b = denseParams.at(i).grad();
                sawSparse = sawSparse || a.is_sparse();
                QVERIFY2(torch::allclose(a.is_sparse() ? a.to_dense() : a, b, 1e-6, 1e-6),
                         sparseParams.name(i).c_str());
            }
            QVERIFY(sawSparse);
        }
    }

    void sampledSoftmaxMatchesLogSoftmax()
    {
        // Pretraining's sampled softmax writes its gradient out by hand; it must equal autograd's
        // through a log_softmax over [positive, negatives], loss and every parameter's gradient.
        const auto data = testdata::clusterDataset(30, 40, 12);
        RatingView view(data, false);
        BatchBuilder builder(view, torch::kCPU);
        std::vector<int32_t> rows;
        for (int32_t r = 0; r < static_cast<int32_t>(data.ratingCount()); ++r)
            rows.push_back(r);
        const NegativeSampler sampler(view, rows, torch::kCPU);
        TrainConfig ranking;
        ranking.objective = "ranking";
        for (const char* kind : {"biased-mf", "neural"}) {
            auto model = makeModel(kind, shapeOf(view, 8, true), torch::kCPU);
            std::mt19937_64 rng(3);
            auto params = model->init(rng);
            auto reference = params.cloned();
            const auto negatives = sampler.draw(16, rng);
            const auto batch = builder.rows({0, 1, 2, 3, 4, 5, 13, 14, 15, 0}, true);
            const auto terms = Objective(ranking).terms(*model, params, batch, {}, {}, &negatives);
            terms.loss.sum().backward();

            torch::Tensor positive;
            const auto logits = model->rankingLogits(reference, batch, negatives.ids, &positive); // [1, N, U]
            const auto both = torch::cat({positive.unsqueeze(-1), logits - negatives.logExpected}, -1);
            const auto expected = -torch::log_softmax(both, -1).select(-1, 0).sum();
            expected.backward();
            QVERIFY(torch::allclose(terms.rankingLoss.sum(), expected, 1e-5, 1e-5));
            for (size_t i = 0; i < params.size(); ++i) {
                auto a = params.at(i).grad(), b = reference.at(i).grad();
                if (!b.defined())
                    continue;
                QVERIFY2(a.defined(), params.name(i).c_str());
                QVERIFY2(torch::allclose(a.is_sparse() ? a.to_dense() : a, b.is_sparse() ? b.to_dense() : b, 1e-5, 1e-6),
                         params.name(i).c_str());
            }
        }
    }

    void adamMatchesTorchAdam()
    {
        // Our fused Adam (four values at a time plus a scalar tail) against torch::optim::Adam:
        // widths that are and are not multiples of four, with and without weight decay. With
        // sparse gradients only the touched rows move, and each moves exactly as dense Adam would
        // when every step touches it.
        for (double decay : {0.0, 0.01}) {
            for (int64_t width : {1, 3, 4, 7, 32}) {
                torch::manual_seed(11);
                const auto start = torch::randn({6, width});
                auto ours = start.clone().requires_grad_(true);
                auto theirs = start.clone().requires_grad_(true);
                TrainConfig config;
                config.lr = 0.01;
                config.weightDecay = decay;
                Optimizer optimizer(config, {ours});
                torch::optim::Adam reference({theirs}, torch::optim::AdamOptions(0.01).weight_decay(decay));
                for (int step = 0; step < 5; ++step) {
                    const auto grad = torch::randn({6, width});
                    optimizer.zeroGrad();
                    ours.mutable_grad() = grad.clone();
                    optimizer.step();
                    reference.zero_grad();
                    theirs.mutable_grad() = grad.clone();
                    reference.step();
                    QVERIFY2(torch::allclose(ours, theirs, 1e-5, 1e-6),
                             qPrintable(QStringLiteral("width %1, decay %2, step %3").arg(width).arg(decay).arg(step)));
                }

                // Sparse: rows 1 and 4 get the same gradients as above; the others stay put.
                torch::manual_seed(11);
                torch::randn({6, width}); // the draw of `start`: the gradients below are those of the dense run
                auto lazy = start.clone().requires_grad_(true);
                Optimizer sparseOptimizer(config, {lazy});
                const auto rows = torch::tensor({4, 1}, torch::kLong);
                for (int step = 0; step < 5; ++step) {
                    const auto grad = torch::randn({6, width});
                    sparseOptimizer.zeroGrad();
                    lazy.mutable_grad()
                        = torch::sparse_coo_tensor(rows.unsqueeze(0), grad.index_select(0, rows), {6, width});
                    sparseOptimizer.step();
                }
                QVERIFY2(torch::allclose(lazy.index_select(0, rows), theirs.index_select(0, rows), 1e-5, 1e-6),
                         qPrintable(QStringLiteral("sparse, width %1, decay %2").arg(width).arg(decay)));
                for (int64_t untouched : {0, 2, 3, 5})
                    QVERIFY(torch::equal(lazy[untouched], start[untouched]));
            }
        }
    }

    void mamlGradientMatchesFiniteDifferences()
    {
        // No catalog features: every tensor is a parameter, so the whole model runs in double.
        Dataset data = testdata::clusterDataset(12, 10, 6);
        for (auto& item : data.items) {
            item.genres.clear();
            item.title.clear();
            item.year = 0;
        }
        RatingView view(data, false);
        view.fitNormalisation({0, 1, 2, 3, 4, 5});
        auto model = makeModel("biased-mf", shapeOf(view, 3, false), torch::kCPU);
        std::mt19937_64 rng(4);
        ParamList params;
        {
            auto init = model->init(rng);
            for (size_t i = 0; i < init.size(); ++i)
                params.add(init.name(i),
                           (init.at(i).detach().to(torch::kDouble)
                            + 0.3 * torch::randn_like(init.at(i).to(torch::kDouble)))
                               .set_requires_grad(true));
        }
        BatchBuilder builder(view, torch::kCPU);
        std::vector<std::vector<int32_t>> support(2), query(2);
        for (int32_t r = 0; r < static_cast<int32_t>(data.ratingCount()); ++r) {
            const int u = data.ratingUser[static_cast<size_t>(r)];
            if (u < 2)
                (support[static_cast<size_t>(u)].size() < 3 ? support[static_cast<size_t>(u)]
                                                            : query[static_cast<size_t>(u)])
                    .push_back(r);
        }
        const auto supportBatch = builder.tasks(support, support, false, false);
        const auto queryBatch = builder.tasks(query, support, false, false);
        // The joint objective: the gradient goes through the ranking softmax of the inner steps too.
        const Objective objective(TrainConfig {});
        QVERIFY(objective.ranks());
        const InnerLoop inner(*model, objective, params, 0.5, 2, "user");
        auto metaLoss = [&](const ParamList& p, bool graph) {
            auto adapted = inner.run(p, supportBatch, graph, false);
            const auto terms
                = objective.terms(*model, adapted.params, queryBatch, supportBatch.targets, supportBatch.mask);
            return Objective::perTask(terms).mean();
        };
        // Analytic: through the inner steps (second order).
        auto loss = metaLoss(params, true);
        auto grads = torch::autograd::grad({loss}, params.tensors());
        // Numeric: central differences on a few coordinates of the start vector and an item embedding.
        const double eps = 1e-6;
        for (const char* name : {"user.vec", "user.bias", "item.emb", "head.mu", "rank.bias"}) {
            const int index = params.indexOf(name);
            auto flat = params.at(static_cast<size_t>(index)).view({-1});
            for (int64_t j = 0; j < std::min<int64_t>(3, flat.numel()); ++j) {
                double numeric;
                {
                    torch::NoGradGuard noGrad;
                    const double original = flat[j].item<double>();
                    flat[j].fill_(original + eps);
                }
                const double up = metaLoss(params, false).item<double>();
                {
                    torch::NoGradGuard noGrad;
                    flat[j].fill_(flat[j].item<double>() - 2 * eps);
                }
                const double down = metaLoss(params, false).item<double>();
                {
                    torch::NoGradGuard noGrad;
                    flat[j].fill_(flat[j].item<double>() + eps);
                }
                numeric = (up - down) / (2 * eps);
                const double analytic = grads[static_cast<size_t>(index)].view({-1})[j].item<double>();
                QVERIFY2(std::abs(numeric - analytic) <= 1e-5 + 1e-4 * std::abs(numeric),
                         (std::string(name) + ": analytic " + std::to_string(analytic) + " numeric "
                          + std::to_string(numeric))
                             .c_str());
            }
        }
        // First order differs: the check above is not passing by accident.
        auto fo = inner.run(params, supportBatch, false, false);
        QVERIFY(!torch::allclose(fo.params["user.vec"].sum(0), params["user.vec"]));
    }

    void baselines_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char* kind : {"global-mean", "item-mean", "bias-foldin", "popularity", "user-knn"})
            QTest::newRow(kind) << QString(kind);
    }
    void baselines()
    {
        QFETCH(QString, kind);
        const auto data = testdata::clusterDataset();
        const auto split = testdata::clusterSplit(data);
        auto config = smallConfig(kind.toStdString(), "none");
        auto learner = makeLearner(config, data);
        QVERIFY(learner);
        NullProgressSink sink;
        QVERIFY((*learner)->train(split, sink).ok());
        double before = 0, after = 0;
        int n = 0;
        for (const auto& task : split.testTasks) {
            std::vector<int32_t> items;
            for (int32_t r : task.query)
                items.push_back(data.ratingItem[static_cast<size_t>(r)]);
            auto a = (*learner)->predict(task.support, items, true).scores;
            auto b = (*learner)->predict(task.support, items, false).scores;
            QCOMPARE(a.size(), items.size());
            for (size_t i = 0; i < items.size(); ++i) {
                QVERIFY(a[i] >= data.ratingMin && a[i] <= data.ratingMax);
                after += std::abs(a[i] - data.ratingValue[static_cast<size_t>(task.query[i])]);
                before += std::abs(b[i] - data.ratingValue[static_cast<size_t>(task.query[i])]);
                ++n;
            }
        }
        if (kind == "bias-foldin" || kind == "user-knn")
            QVERIFY2(after < before - 0.02 * n,
                     (std::to_string(after / n) + " vs " + std::to_string(before / n)).c_str());
        else
            QCOMPARE(after, before);
        // A stored baseline predicts the same after reloading.
        auto blob = (*learner)->serialize();
        auto reloaded = makeLearner(config, data);
        QVERIFY((*reloaded)->deserialize(blob).ok());
        const auto& task = split.testTasks.front();
        QCOMPARE((*reloaded)->predict(task.support, {0, 1, 2}, true).scores,
                 (*learner)->predict(task.support, {0, 1, 2}, true).scores);
    }

    void sameSeedSamePredictions_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("method");
        QTest::newRow("biased-mf/fine-tune") << "biased-mf"
                                             << "fine-tune";
        QTest::newRow("neural/maml") << "neural"
                                     << "maml";
        QTest::newRow("attention/none") << "attention"
                                        << "none";
    }
    void sameSeedSamePredictions()
    {
        QFETCH(QString, kind);
        QFETCH(QString, method);
        const auto data = testdata::clusterDataset(120, 60, 20);
        const auto split = testdata::clusterSplit(data);
        auto run = [&](unsigned long long seed) {
            auto config = smallConfig(kind.toStdString(), method.toStdString());
            config.seed = seed;
            config.train.epochs = 2;
            auto learner = makeLearner(config, data);
            NullProgressSink sink;
            if (!(*learner)->train(split, sink).ok())
                return std::vector<float> {};
            const auto& task = split.testTasks.front();
            auto scores = (*learner)->predict(task.support, {0, 1, 2, 3, 4, 5, 6, 7}, true).scores;
            // Serialised and reloaded: the same again.
            auto again = makeLearner(config, data);
            if (!(*again)->deserialize((*learner)->serialize()).ok())
                return std::vector<float> {};
            auto reloaded = (*again)->predict(task.support, {0, 1, 2, 3, 4, 5, 6, 7}, true).scores;
            return reloaded == scores ? scores : std::vector<float> {};
        };
        const auto a = run(7), b = run(7), c = run(8);
        QCOMPARE(a.size(), static_cast<size_t>(8));
        QCOMPARE(a, b);
        QVERIFY(a != c);
    }

    void refusals()
    {
        const auto data = testdata::clusterDataset(20, 20, 5);
        auto config = smallConfig("biased-mf", "fine-tune");
        config.model.kind = "transformer-xl";
        QCOMPARE(makeLearner(config, data).error().code, ExitCode::BadInput);
        config = smallConfig("biased-mf", "bogus");
        QCOMPARE(makeLearner(config, data).error().code, ExitCode::BadInput);
        config = smallConfig("attention", "none");
        config.model.heads = 3; // does not divide dim 8
        QVERIFY(makeLearner(config, data).error().message.find("model.heads") != std::string::npos);
        if (!torch::cuda::is_available()) {
            config = smallConfig("biased-mf", "none");
            config.device = "cuda";
            QCOMPARE(makeLearner(config, data).error().code, ExitCode::BadInput);
        }
        config = smallConfig("biased-mf", "none");
        config.device = "auto";
        QCOMPARE(QString::fromStdString((*makeLearner(config, data))->device()),
                 torch::cuda::is_available() ? QString("cuda") : QString("cpu"));

        // A catalog of a million items at dim 4096 cannot be trained in memory: refused up front.
        Dataset huge;
        huge.items.resize(1000000);
        huge.users.resize(2);
        huge.addRating(0, 0, 1.0f, 0);
        huge.addRating(1, 999999, 5.0f, 0);
        huge.updateRatingRange();
        config = smallConfig("biased-mf", "fine-tune");
        config.model.dim = 4096;
        auto refused = makeLearner(config, huge);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ExitCode::BadInput);
        QVERIFY(refused.error().message.find("model.dim") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestModels)
#include "test_models.moc"
