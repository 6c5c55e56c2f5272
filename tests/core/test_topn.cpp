// Top-N baselines: EASE against a brute-force solution of its constrained least squares, item-knn
// against similarities and scores worked out by hand, and both deterministic, reloadable, blind
// to the support before adaptation, and working with roles swapped (item-cold-start).

#include "adapt/neighbourhoodblend.h"
#include "core/clusterdata.h"
#include "data/generator.h"
#include "eval/metrics.h"
#include "models/biasfoldin.h"
#include "models/content.h"
#include "models/ease.h"
#include "models/hybrid.h"
#include "models/itemknn.h"
#include "models/ratingview.h"

#include <QElapsedTimer>
#include <QtTest>

#include <cmath>
#include <map>
#include <memory>
#include <random>
#include <tuple>

using namespace fsr;

namespace {

struct Rating {
    int user;
    int item;
    float value;
};

Dataset tinyDataset(int users, int items, const std::vector<Rating>& ratings)
{
    Dataset data;
    data.name = "tiny";
    data.users.resize(static_cast<size_t>(users));
    data.items.resize(static_cast<size_t>(items));
    for (const auto& r : ratings)
        data.addRating(r.user, r.item, r.value, 0);
    data.updateRatingRange();
    return data;
}

/// Rows of `data` whose user is (or is not) `user`.
std::vector<int32_t> rowsOf(const Dataset& data, int user, bool equal)
{
    std::vector<int32_t> rows;
    for (size_t r = 0; r < data.ratingCount(); ++r)
        if ((data.ratingUser[r] == user) == equal)
            rows.push_back(static_cast<int32_t>(r));
    return rows;
}

/// Solves A x = b by Gaussian elimination with partial pivoting (A is n x n, row-major).
std::vector<double> solve(std::vector<double> a, std::vector<double> b)
{
    const size_t n = b.size();
    for (size_t c = 0; c < n; ++c) {
        size_t pivot = c;
        for (size_t r = c + 1; r < n; ++r)
            if (std::abs(a[r * n + c]) > std::abs(a[pivot * n + c]))
                pivot = r;
        for (size_t k = 0; k < n; ++k)
            std::swap(a[c * n + k], a[pivot * n + k]);
        std::swap(b[c], b[pivot]);
        for (size_t r = c + 1; r < n; ++r) {
            const double f = a[r * n + c] / a[c * n + c];
            for (size_t k = c; k < n; ++k)
                a[r * n + k] -= f * a[c * n + k];
            b[r] -= f * b[c];
        }
    }
    std::vector<double> x(n);
    for (size_t r = n; r-- > 0;) {
        double s = b[r];
        for (size_t k = r + 1; k < n; ++k)
            s -= a[r * n + k] * x[k];
        x[r] = s / a[r * n + r];
    }
    return x;
}

std::unique_ptr<Baseline> makeTopN(const QString& kind)
{
    if (kind == "ease")
        return std::make_unique<Ease>(50.0);
    if (kind == "hybrid")
        return std::make_unique<Hybrid>(std::make_unique<ItemKnn>(20, 10.0), std::make_unique<ContentBased>(), 0.5);
    return std::make_unique<ItemKnn>(20, 10.0);
}

std::vector<int32_t> allTargets(const RatingView& view)
{
    std::vector<int32_t> out(static_cast<size_t>(view.targetCount()));
    for (size_t t = 0; t < out.size(); ++t)
        out[t] = static_cast<int32_t>(t);
    return out;
}

} // namespace

class TestTopN : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(1); }

    void easeMatchesBruteForce()
    {
        // Five training users over four items, and a sixth (new) user with a support. Values are
        // arbitrary: EASE sees only who rated what.
        const auto data = tinyDataset(6, 4,
                                      {{0, 0, 5},
                                       {0, 1, 3},
                                       {1, 0, 4},
                                       {1, 1, 2},
                                       {1, 2, 5},
                                       {2, 1, 1},
                                       {2, 2, 4},
                                       {3, 2, 3},
                                       {3, 3, 5},
                                       {4, 0, 2},
                                       {4, 3, 4},
                                       {5, 0, 4},
                                       {5, 2, 2}});
        const auto train = rowsOf(data, 5, false), support = rowsOf(data, 5, true);
        RatingView view(data, false);
        view.fitNormalisation(train);
        const double lambda = 0.5;
        Ease ease(lambda);
        ease.fit(view, train);

        // Column j of B: min ||X_j - X_o b||^2 + lambda ||b||^2 over the other columns o (B_jj = 0),
        // i.e. (X_o^T X_o + lambda I) b = X_o^T X_j.
        const int nU = 5, nI = 4;
        double x[nU][nI] = {};
        for (int32_t r : train)
            x[data.ratingUser[static_cast<size_t>(r)]][data.ratingItem[static_cast<size_t>(r)]] = 1.0;
        double b[nI][nI] = {};
        for (int j = 0; j < nI; ++j) {
            std::vector<int> others;
            for (int k = 0; k < nI; ++k)
                if (k != j)
                    others.push_back(k);
            const size_t m = others.size();
            std::vector<double> a(m * m, 0.0), rhs(m, 0.0);
            for (size_t p = 0; p < m; ++p) {
                for (size_t q = 0; q < m; ++q)
                    for (int u = 0; u < nU; ++u)
                        a[p * m + q] += x[u][others[p]] * x[u][others[q]];
                a[p * m + p] += lambda;
                for (int u = 0; u < nU; ++u)
                    rhs[p] += x[u][others[p]] * x[u][j];
            }
            const auto col = solve(a, rhs);
            for (size_t p = 0; p < m; ++p)
                b[others[p]][j] = col[p];
        }

        // A support of one item scores row i of B; the new user's support (items 0 and 2) scores
        // the sum of those rows.
        const auto targets = allTargets(view);
        for (int i = 0; i < nI; ++i) {
            std::vector<int32_t> single;
            for (int32_t r : train)
                if (data.ratingItem[static_cast<size_t>(r)] == i) {
                    single.push_back(r);
                    break;
                }
            const auto scores = ease.rank(view, single, targets, true);
            for (int j = 0; j < nI; ++j)
                QVERIFY2(
                    std::abs(scores[static_cast<size_t>(j)] - b[i][j]) < 1e-5,
                    qPrintable(
                        QString("B[%1][%2]: %3 vs %4").arg(i).arg(j).arg(scores[static_cast<size_t>(j)]).arg(b[i][j])));
        }
        const auto scores = ease.rank(view, support, targets, true);
        for (int j = 0; j < nI; ++j)
            QVERIFY(std::abs(scores[static_cast<size_t>(j)] - (b[0][j] + b[2][j])) < 1e-5);
        // x is binary: rating item 0 twice is the same support.
        auto twice = support;
        twice.push_back(support.front());
        QCOMPARE(ease.rank(view, twice, targets, true), scores);

        // Before adaptation: the number of training ratings of each item.
        const auto before = ease.rank(view, support, targets, false);
        QCOMPARE(before, (std::vector<float> {3, 3, 3, 2}));

        // Keeping one weight per item: row i keeps its entry of largest magnitude, the rest are 0,
        // and a saved and reloaded model scores the same.
        Ease pruned(lambda, 1);
        pruned.fit(view, train);
        TensorBlob blob;
        pruned.save(blob);
        Ease reloaded(lambda, 1);
        QVERIFY(reloaded.load(view, blob));
        for (int i = 0; i < nI; ++i) {
            int strongest = i == 0 ? 1 : 0;
            for (int j = 0; j < nI; ++j)
                if (j != i && std::abs(b[i][j]) > std::abs(b[i][strongest]))
                    strongest = j;
            std::vector<int32_t> single;
            for (int32_t r : train)
                if (data.ratingItem[static_cast<size_t>(r)] == i && single.empty())
                    single.push_back(r);
            const auto scores = pruned.rank(view, single, targets, true);
            QCOMPARE(reloaded.rank(view, single, targets, true), scores);
            for (int j = 0; j < nI; ++j)
                QVERIFY2(std::abs(scores[static_cast<size_t>(j)] - (j == strongest ? b[i][j] : 0.0)) < 1e-5,
                         qPrintable(QString("pruned B[%1][%2]: %3").arg(i).arg(j).arg(scores[static_cast<size_t>(j)])));
        }
    }

    void itemKnnMatchesHandComputation()
    {
        // raters: item 0 {u0, u1, u3}, item 1 {u0, u1, u2}, item 2 {u1, u2}; u4 is new.
        const auto data = tinyDataset(5, 3,
                                      {{0, 0, 5},
                                       {0, 1, 4},
                                       {1, 0, 3},
                                       {1, 1, 2},
                                       {1, 2, 4},
                                       {2, 1, 5},
                                       {2, 2, 1},
                                       {3, 0, 4},
                                       {4, 0, 5},
                                       {4, 1, 4}});
        const auto train = rowsOf(data, 4, false), support = rowsOf(data, 4, true);
        RatingView view(data, false);
        view.fitNormalisation(train);
        QCOMPARE(view.scale(), 1.0f); // ratings 1-5: one unit is one star

        // cosine n_ab / sqrt(n_a n_b), shrunk by n_ab / (n_ab + 1).
        const double s01 = 2 / std::sqrt(9.0) * 2 / 3.0; // co-raters u0, u1
        const double s02 = 1 / std::sqrt(6.0) * 1 / 2.0; // co-rater u1
        const double s12 = 2 / std::sqrt(6.0) * 2 / 3.0; // co-raters u1, u2
        ItemKnn all(2, 1.0);
        all.fit(view, train);
        QVERIFY(std::abs(all.similarity(0, 1) - s01) < 1e-6);
        QVERIFY(std::abs(all.similarity(1, 0) - s01) < 1e-6);
        QVERIFY(std::abs(all.similarity(0, 2) - s02) < 1e-6);
        QVERIFY(std::abs(all.similarity(2, 1) - s12) < 1e-6);
        QCOMPARE(all.similarity(1, 1), 0.0f);

        // One neighbour each: 0 keeps 1, 1 keeps 2 (s12 > s01), 2 keeps 1.
        ItemKnn one(1, 1.0);
        one.fit(view, train);
        QVERIFY(std::abs(one.similarity(0, 1) - s01) < 1e-6);
        QCOMPARE(one.similarity(0, 2), 0.0f);
        QCOMPARE(one.similarity(1, 0), 0.0f);
        QVERIFY(std::abs(one.similarity(1, 2) - s12) < 1e-6);
        QVERIFY(std::abs(one.similarity(2, 1) - s12) < 1e-6);

        // Equally similar at the cut: the lower index stays (u0 reaches item 2 before u1 reaches 1).
        const auto tied = tinyDataset(2, 3, {{0, 0, 4}, {0, 2, 4}, {1, 0, 4}, {1, 1, 4}});
        RatingView tiedView(tied, false);
        ItemKnn tiedKnn(1, 1.0);
        tiedKnn.fit(tiedView, rowsOf(tied, -1, false)); // every row
        QVERIFY(tiedKnn.similarity(0, 1) > 0.0f);
        QCOMPARE(tiedKnn.similarity(0, 2), 0.0f);

        // u4 rates item 0 with 5 and item 1 with 4: mean 4.5, weights 1 + 0.5 and 1 - 0.5.
        const std::vector<int32_t> targets {0, 1, 2};
        auto scores = all.rank(view, support, targets, true);
        QVERIFY(std::abs(scores[2] - (1.5 * s02 + 0.5 * s12)) < 1e-5);
        QVERIFY(std::abs(scores[0] - 0.5 * s01) < 1e-5);
        QVERIFY(std::abs(scores[1] - 1.5 * s01) < 1e-5);

        // Equal ratings: the list follows the summed similarities alone.
        Dataset flat = data;
        flat.ratingValue[static_cast<size_t>(support[1])] = 5;
        RatingView flatView(flat, false);
        flatView.fitNormalisation(train);
        scores = all.rank(flatView, support, targets, true);
        QVERIFY(std::abs(scores[2] - (s02 + s12)) < 1e-5);
        QVERIFY(std::abs(scores[0] - s01) < 1e-5);

        // Rating prediction: the bias fold-in plus the similarity-weighted residuals of the
        // support, over (total similarity + 1).
        BiasFoldin foldin(1.0);
        foldin.fit(view, train);
        const auto base = foldin.predict(view, support, targets, true);
        const auto predicted = all.predict(view, support, targets, true);
        const double r0 = 5 - base[0], r1 = 4 - base[1];
        QVERIFY(std::abs(predicted[2] - (base[2] + (s02 * r0 + s12 * r1) / (s02 + s12 + 1))) < 1e-5);
        QVERIFY(std::abs(predicted[0] - (base[0] + s01 * r1 / (s01 + 1))) < 1e-5);
        QCOMPARE(all.predict(view, support, targets, false), foldin.predict(view, support, targets, false));
    }

    void hybridAtAlphaZeroAndOneIsItsParts()
    {
        const auto data = testdata::clusterDataset();
        const auto split = testdata::clusterSplit(data);
        RatingView view(data, false);
        view.fitNormalisation(split.trainRatings);
        const auto targets = allTargets(view);
        ItemKnn knn(20, 10.0);
        ContentBased content;
        knn.fit(view, split.trainRatings);
        content.fit(view, split.trainRatings);
        auto hybridAt = [&](double alpha) {
            Hybrid hybrid(std::make_unique<ItemKnn>(20, 10.0), std::make_unique<ContentBased>(), alpha);
            hybrid.fit(view, split.trainRatings);
            return hybrid;
        };
        const auto cfOnly = hybridAt(1.0), contentOnly = hybridAt(0.0), even = hybridAt(0.5);
        for (const auto& task : {split.testTasks.front(), split.testTasks.back()}) {
            const auto cf = knn.rank(view, task.support, targets, true);
            const auto byContent = content.rank(view, task.support, targets, true);
            QCOMPARE(cfOnly.rank(view, task.support, targets, true), Hybrid::standardised(cf));
            QCOMPARE(contentOnly.rank(view, task.support, targets, true), Hybrid::standardised(byContent));
            // Standardising keeps each part's order; the even mix is the mean of the two.
            const auto zCf = Hybrid::standardised(cf), zContent = Hybrid::standardised(byContent);
            const auto mixed = even.rank(view, task.support, targets, true);
            for (size_t t = 0; t < targets.size(); ++t) {
                QVERIFY(std::abs(mixed[t] - 0.5f * (zCf[t] + zContent[t])) < 1e-5f);
                for (size_t u = 0; u < targets.size(); ++u)
                    if (cf[t] > cf[u])
                        QVERIFY(zCf[t] >= zCf[u]); // near-ties may meet in float
            }
            // Ratings are the collaborative part's.
            QCOMPARE(even.predict(view, task.support, targets, true), knn.predict(view, task.support, targets, true));
        }
        const auto standard = Hybrid::standardised({1.0f, 3.0f});
        QCOMPARE(standard, (std::vector<float> {-1.0f, 1.0f}));
        QCOMPARE(Hybrid::standardised({2.0f, 2.0f}), (std::vector<float> {0.0f, 0.0f}));
    }

    void deterministicAndReloadable_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("item-knn") << "item-knn";
        QTest::newRow("ease") << "ease";
        QTest::newRow("hybrid") << "hybrid";
    }
    void deterministicAndReloadable()
    {
        QFETCH(QString, kind);
        const auto data = testdata::clusterDataset();
        const auto split = testdata::clusterSplit(data);
        RatingView view(data, false);
        view.fitNormalisation(split.trainRatings);
        const auto targets = allTargets(view);
        const auto& support = split.testTasks.front().support;
        const auto& other = split.testTasks.back().support;

        auto model = makeTopN(kind);
        model->fit(view, split.trainRatings);
        QVERIFY(model->ranksApart());
        const auto scores = model->rank(view, support, targets, true);
        const auto predicted = model->predict(view, support, targets, true);
        QCOMPARE(scores.size(), targets.size());
        QCOMPARE(predicted.size(), targets.size());

        // Same rows in another order: the same lists.
        auto shuffled = split.trainRatings;
        std::mt19937 rng(4);
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        auto again = makeTopN(kind);
        again->fit(view, shuffled);
        QCOMPARE(again->rank(view, support, targets, true), scores);

        // Saved and loaded into a fresh model: the same scores and predictions.
        TensorBlob blob;
        model->save(blob);
        auto stored = TensorBlob::fromBytes(blob.bytes());
        QVERIFY(stored.ok());
        auto reloaded = makeTopN(kind);
        QVERIFY(reloaded->load(view, *stored));
        QCOMPARE(reloaded->rank(view, support, targets, true), scores);
        QCOMPARE(reloaded->predict(view, support, targets, true), predicted);
        // A model stored for another catalog is refused.
        const auto smaller = testdata::clusterDataset(240, 60);
        QVERIFY(!makeTopN(kind)->load(RatingView(smaller, false), *stored));

        // The support matters after adaptation, and is ignored before it.
        QVERIFY(model->rank(view, other, targets, true) != scores);
        const auto before = model->rank(view, support, targets, false);
        QVERIFY(before != scores);
        QCOMPARE(model->rank(view, other, targets, false), before);
        QCOMPARE(model->rank(view, {}, targets, true), before);
        QCOMPARE(model->predict(view, other, targets, false), model->predict(view, support, targets, false));
        // ... where the list follows the training counts.
        std::vector<int> count(targets.size(), 0);
        for (int32_t r : split.trainRatings)
            ++count[static_cast<size_t>(data.ratingItem[static_cast<size_t>(r)])];
        for (size_t a = 0; a < targets.size(); ++a)
            for (size_t b = 0; b < targets.size(); ++b)
                if (count[a] > count[b])
                    QVERIFY(before[a] > before[b]);
    }

    void itemColdStart_data() { deterministicAndReloadable_data(); }
    void itemColdStart()
    {
        // Roles swapped: the new entity is an item, its support the users who rated it, and
        // the targets scored are users.
        QFETCH(QString, kind);
        const auto data = testdata::clusterDataset(60, 40, 12);
        RatingView view(data, true);
        std::vector<int32_t> train, support;
        for (size_t r = 0; r < data.ratingCount(); ++r)
            (data.ratingItem[r] == 0 ? support : train).push_back(static_cast<int32_t>(r));
        view.fitNormalisation(train);
        QCOMPARE(view.targetCount(), 60);
        auto model = makeTopN(kind);
        model->fit(view, train);
        const std::vector<int32_t> targets {0, 5, 17, 59};
        for (bool adapt : {true, false}) {
            const auto scores = model->rank(view, support, targets, adapt);
            const auto predicted = model->predict(view, support, targets, adapt);
            QCOMPARE(scores.size(), targets.size());
            QCOMPARE(predicted.size(), targets.size());
            for (size_t i = 0; i < targets.size(); ++i) {
                QVERIFY(std::isfinite(scores[i]));
                QVERIFY(predicted[i] > data.ratingMin - 2 && predicted[i] < data.ratingMax + 2);
            }
        }
        QVERIFY(model->rank(view, support, targets, true) != model->rank(view, support, targets, false));
    }

    void easeRefusesHugeCatalogs()
    {
        QVERIFY(!Ease::tooLarge(2000));
        const auto message = Ease::tooLarge(1000000);
        QVERIFY(message);
        QVERIFY2(message->find("1000000 x 1000000") != std::string::npos, message->c_str());
        QVERIFY2(message->find("GiB") != std::string::npos, message->c_str());
        QVERIFY2(message->find("item-knn") != std::string::npos, message->c_str());
    }

    void fitTimes()
    {
        // Informative only (no assertion on time): about 100K ratings over 2000 items.
        GeneratorConfig config;
        config.users = 4000;
        config.items = 2000;
        config.medianRatings = 18;
        config.seed = 5;
        auto data = generateDataset("timing", config);
        QVERIFY(data.ok());
        RatingView view(*data, false);
        std::vector<int32_t> rows(data->ratingCount());
        for (size_t r = 0; r < rows.size(); ++r)
            rows[r] = static_cast<int32_t>(r);
        view.fitNormalisation(rows);
        for (const QString kind : {"item-knn", "ease"}) {
            auto model = makeTopN(kind);
            QElapsedTimer timer;
            timer.start();
            model->fit(view, rows);
            qDebug("%s: fit on %zu ratings x %zu items in %lld ms", qPrintable(kind), data->ratingCount(),
                   data->itemCount(), timer.elapsed());
        }
    }
    // The learned part of these tests is a stand-in: a model that knows nothing about the user
    // (one fixed order and the top rating for everybody), or one that knows everything.
    void neighbourhoodBlendAddsWhatAFlatModelMisses()
    {
        // Generated users rate what their taste group likes more often, so who rated what says
        // something (the neighbourhood's signal); 640 training users, of which the blend holds a
        // eighth out to choose its weights on.
        GeneratorConfig generator;
        generator.users = 800;
        generator.items = 300;
        generator.medianRatings = 30;
        generator.minRatings = 26;
        generator.seed = 3;
        const auto generated = generateDataset("neighbourhood", generator);
        QVERIFY(generated.ok());
        const Dataset& data = *generated;
        const auto split = testdata::clusterSplit(data);
        RatingView view(data, false);
        view.fitNormalisation(split.trainRatings);
        ExperimentConfig config;
        config.model.kind = "biased-mf";
        NullProgressSink sink;
        auto flat = [](const std::vector<int32_t>&, const std::vector<int32_t>& targets) {
            Adaptation out;
            for (int32_t t : targets) {
                out.ranking.push_back(-0.001f * static_cast<float>(t));
                out.scores.push_back(5.0f);
            }
            return out;
        };
        NeighbourhoodBlend blend(config);
        QVERIFY(blend.fit(view, split, flat, sink));
        QVERIFY(blend.active());
        QVERIFY2(blend.describe().find("neighbourhood: ") == 0, blend.describe().c_str());

        // On new users the blended top 10 holds more of the user's liked query items, and the
        // blended ratings are closer to theirs.
        const auto targets = allTargets(view);
        const double threshold = defaultRelevanceThreshold(data.ratingMin, data.ratingMax);
        double flatHits = 0, blendedHits = 0, flatError = 0, blendedError = 0;
        for (const Task& task : split.testTasks) {
            std::vector<int32_t> liked;
            for (int32_t row : task.query)
                if (view.value(row) >= threshold)
                    liked.push_back(view.target(row));
            // As the protocol scores a list: the support's own items are not recommended back.
            auto topTen = [&](std::vector<float> ranking) {
                for (int32_t row : task.support)
                    ranking[static_cast<size_t>(view.target(row))] = -1e30f;
                return topK(targets, ranking, 10);
            };
            auto prediction = flat(task.support, targets);
            const auto before = rankingMetrics(topTen(prediction.ranking), liked, 10);
            blend.addTo(prediction, view, task.support, targets);
            const auto after = rankingMetrics(topTen(prediction.ranking), liked, 10);
            if (before && after) {
                flatHits += before->recall;
                blendedHits += after->recall;
            }
            for (int32_t row : task.query) {
                flatError += std::abs(5.0f - view.value(row));
                blendedError += std::abs(prediction.scores[static_cast<size_t>(view.target(row))] - view.value(row));
            }
        }
        QVERIFY2(blendedHits > 1.25 * flatHits,
                 (std::to_string(flatHits) + " vs " + std::to_string(blendedHits) + ", " + blend.describe()).c_str());
        QVERIFY2(blendedError < 0.95 * flatError,
                 (std::to_string(flatError) + " vs " + std::to_string(blendedError)).c_str());

        // Stored and read back, it predicts the same; an empty support adds nothing.
        TensorBlob blob;
        blend.save(blob);
        NeighbourhoodBlend loaded(config);
        QVERIFY(loaded.load(view, blob));
        QCOMPARE(loaded.describe(), blend.describe());
        const Task& task = split.testTasks.front();
        auto a = flat(task.support, targets), b = a;
        blend.addTo(a, view, task.support, targets);
        loaded.addTo(b, view, task.support, targets);
        QCOMPARE(a.ranking, b.ranking);
        QCOMPARE(a.scores, b.scores);
        auto untouched = flat({}, targets);
        blend.addTo(untouched, view, {}, targets);
        QCOMPARE(untouched.ranking, flat({}, targets).ranking);

        // A blob without a neighbourhood (earlier runs) loads as off; "none" never fits one.
        NeighbourhoodBlend fromOld(config);
        QVERIFY(fromOld.load(view, TensorBlob()));
        QVERIFY(!fromOld.active());
        config.model.extra["neighbourhood"] = std::string("none");
        NeighbourhoodBlend off(config);
        QVERIFY(off.fit(view, split, flat, sink));
        QVERIFY(!off.active());
    }

    void neighbourhoodBlendLeavesAPerfectModelAlone()
    {
        const auto data = testdata::clusterDataset();
        const auto split = testdata::clusterSplit(data);
        RatingView view(data, false);
        view.fitNormalisation(split.trainRatings);
        // What each training user rated in their query (the split leaves some rows out of both).
        std::map<std::pair<int32_t, int32_t>, float> rating;
        for (const Task& task : split.trainTasks)
            for (int32_t row : task.query)
                rating[{view.entity(row), view.target(row)}] = view.value(row);
        auto knowing = [&](const std::vector<int32_t>& support, const std::vector<int32_t>& targets) {
            const int32_t entity = view.entity(support.front());
            Adaptation out;
            for (int32_t t : targets) {
                const auto found = rating.find({entity, t});
                out.scores.push_back(found == rating.end() ? 3.0f : found->second);
                out.ranking.push_back(found == rating.end() ? 0.0f : 10.0f * found->second);
            }
            return out;
        };
        ExperimentConfig config;
        config.model.kind = "biased-mf";
        NullProgressSink sink;
        NeighbourhoodBlend blend(config);
        QVERIFY(blend.fit(view, split, knowing, sink));
        QVERIFY2(!blend.active(), blend.describe().c_str());
    }
};

QTEST_APPLESS_MAIN(TestTopN)
#include "test_topn.moc"
