// The content baseline: cosines on a tiny catalog worked out by hand from the documented formula,
// items nobody rated recommended from their features, tastes and dislikes steering the list,
// determinism, reloading, and roles swapped (item-cold-start, where targets are users).

#include "core/clusterdata.h"
#include "data/generator.h"
#include "models/biasfoldin.h"
#include "models/content.h"
#include "models/ratingview.h"

#include <QElapsedTimer>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>

using namespace fsr;

namespace {

using NamedVector = std::map<std::string, double>;

/// The documented item vector: each group L2-normalised and scaled (genres 1, year 0.5, words 1),
/// then the whole vector to unit length.
NamedVector itemVector(const NamedVector& genres, const NamedVector& year, const NamedVector& words)
{
    NamedVector out;
    double weights2 = 0.0;
    for (const auto& [group, weight] : {std::pair {&genres, 1.0}, {&year, 0.5}, {&words, 1.0}}) {
        double norm2 = 0.0;
        for (const auto& [name, x] : *group)
            norm2 += x * x;
        if (norm2 == 0.0)
            continue;
        weights2 += weight * weight;
        for (const auto& [name, x] : *group)
            out[name] = x / std::sqrt(norm2) * weight;
    }
    for (auto& [name, x] : out)
        x /= std::sqrt(weights2);
    return out;
}

double dot(const NamedVector& a, const NamedVector& b)
{
    double sum = 0.0;
    for (const auto& [name, x] : a)
        if (auto it = b.find(name); it != b.end())
            sum += x * it->second;
    return sum;
}

std::vector<int32_t> allTargets(const RatingView& view)
{
    std::vector<int32_t> out(static_cast<size_t>(view.targetCount()));
    std::iota(out.begin(), out.end(), 0);
    return out;
}

/// The `n` targets with the highest scores, best first (ties to the lower index).
std::vector<int32_t> topN(const std::vector<float>& scores, size_t n)
{
    std::vector<int32_t> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
        return scores[static_cast<size_t>(a)] > scores[static_cast<size_t>(b)];
    });
    order.resize(std::min(n, order.size()));
    return order;
}

/// Appends a new user rating `items` with `values`; returns the rows (a support).
std::vector<int32_t> addUser(Dataset& data, const std::vector<int>& items, const std::vector<float>& values)
{
    const auto user = static_cast<int32_t>(data.users.size());
    data.users.push_back(UserInfo {"new" + std::to_string(user), 0, "", "", ""});
    std::vector<int32_t> rows;
    for (size_t k = 0; k < items.size(); ++k) {
        rows.push_back(static_cast<int32_t>(data.ratingCount()));
        data.addRating(user, items[k], values[k], 0);
    }
    return rows;
}

/// `count` items of `genre` in the cluster dataset (genre = index % genres there).
std::vector<int> itemsOfGenre(const Dataset& data, int genre, int count)
{
    std::vector<int> out;
    for (size_t i = 0; i < data.itemCount() && static_cast<int>(out.size()) < count; ++i)
        if (data.items[i].genres == std::vector<int> {genre})
            out.push_back(static_cast<int>(i));
    return out;
}

} // namespace

class TestContent : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(1); }

    void cosineMatchesHandComputation()
    {
        // Title words RatingView keeps: those seen at least three times in the catalog, so "love"
        // (4 titles) and "space" (3) stay and "war", "story", "and", "quiet", "nights", "days" go.
        // Years 1990-1993 share a bucket, 2005 is another; item 4 has no year, item 5 no genre.
        Dataset data;
        data.name = "tiny";
        data.genres = {"Action", "Romance"};
        data.items = {{"i0", "Space Love", 1990, {0}}, {"i1", "Space War", 1992, {0}},
                      {"i2", "Love Story", 1991, {1}}, {"i3", "Love and Space", 2005, {0, 1}},
                      {"i4", "Love Days", 0, {1}},     {"i5", "Quiet Nights", 1993, {}}};
        data.users.resize(5);
        // Training: users 0-3; item 4 is never rated. User 4 is new: item 0 at 5, item 3 at 4.
        const std::vector<std::tuple<int, int, float>> ratings {{0, 0, 5}, {0, 1, 4}, {0, 5, 2}, {1, 0, 4},
                                                                {1, 2, 5}, {1, 3, 1}, {2, 1, 3}, {2, 3, 4},
                                                                {3, 0, 2}, {3, 2, 3}, {4, 0, 5}, {4, 3, 4}};
        for (const auto& [u, i, r] : ratings)
            data.addRating(u, i, r, 0);
        data.updateRatingRange();
        std::vector<int32_t> train, support;
        for (size_t r = 0; r < data.ratingCount(); ++r)
            (data.ratingUser[r] == 4 ? support : train).push_back(static_cast<int32_t>(r));
        RatingView view(data, false);
        view.fitNormalisation(train);
        QCOMPARE(view.scale(), 1.0f); // ratings 1-5: one unit is one star

        // idf = ln(N / df) with N = 6 items: love in 4 titles, space in 3.
        const double love = std::log(6.0 / 4.0), space = std::log(6.0 / 3.0);
        const std::vector<NamedVector> v {
            itemVector({{"Action", 1}}, {{"1990", 1}}, {{"space", space}, {"love", love}}),
            itemVector({{"Action", 1}}, {{"1990", 1}}, {{"space", space}}),
            itemVector({{"Romance", 1}}, {{"1990", 1}}, {{"love", love}}),
            itemVector({{"Action", 1}, {"Romance", 1}}, {{"2005", 1}}, {{"love", love}, {"space", space}}),
            itemVector({{"Romance", 1}}, {}, {{"love", love}}),
            itemVector({}, {{"1990", 1}}, {}),
        };
        // Support mean 4.5: weights 1 + 0.5 and 1 - 0.5.
        NamedVector interest;
        for (const auto& [name, x] : v[0])
            interest[name] += 1.5 * x;
        for (const auto& [name, x] : v[3])
            interest[name] += 0.5 * x;
        const double norm = std::sqrt(dot(interest, interest));
        // Training counts 3, 2, 2, 2, 0, 1: the prior is log(1 + n) / log(1 + 3).
        const std::vector<double> count {3, 2, 2, 2, 0, 1};

        ContentBased model(1.0);
        model.fit(view, train);
        QVERIFY(model.ranksApart());
        const auto targets = allTargets(view);
        const auto scores = model.rank(view, support, targets, true);
        QCOMPARE(scores.size(), targets.size());
        for (size_t t = 0; t < targets.size(); ++t) {
            const double prior = std::log1p(count[t]) / std::log1p(3.0);
            const double expected = dot(interest, v[t]) / norm + 1e-6 * prior;
            QVERIFY2(std::abs(scores[t] - expected) < 1e-6,
                     qPrintable(QString("item %1: %2 vs %3").arg(t).arg(scores[t]).arg(expected)));
            // Each stored vector has unit length.
            double length2 = 0.0;
            for (const auto& [id, x] : model.vector(static_cast<int32_t>(t)))
                length2 += static_cast<double>(x) * x;
            QVERIFY(std::abs(length2 - 1.0) < 1e-6);
        }
        // The never-rated item shares Romance and "love" with the support: a real score, above
        // item 5 (rated in training, sharing only the 1990s with item 0).
        QVERIFY(scores[4] > 0.2f);
        QVERIFY(scores[4] > scores[5]);

        // A support of item 5 alone (only a 1990s year): items 3 and 4 share nothing with it, and
        // the tie-break puts item 3 (rated twice in training) above item 4 (never), by a hair.
        const std::vector<int32_t> onlyYear {train[2]};
        QCOMPARE(data.ratingItem[static_cast<size_t>(onlyYear[0])], 5);
        const auto yearScores = model.rank(view, onlyYear, targets, true);
        QVERIFY(yearScores[3] > yearScores[4]);
        QVERIFY(yearScores[3] < 1e-5f);
        QCOMPARE(yearScores[4], 0.0f);

        // Before adaptation, or with an empty support: the popularity prior.
        const auto before = model.rank(view, support, targets, false);
        QCOMPARE(model.rank(view, {}, targets, true), before);
        for (size_t t = 0; t < targets.size(); ++t)
            QVERIFY(std::abs(before[t] - std::log1p(count[t]) / std::log1p(3.0)) < 1e-6);

        // Ratings: the bias fold-in.
        BiasFoldin foldin(1.0);
        foldin.fit(view, train);
        for (bool adapt : {true, false})
            QCOMPARE(model.predict(view, support, targets, adapt), foldin.predict(view, support, targets, adapt));
    }

    void recommendsItemsNobodyRated()
    {
        // Every training rating of one genre-0 item removed: it keeps its genre and year, so a
        // lover of genre 0 gets it near the top though its popularity is nil.
        auto data = testdata::clusterDataset();
        const int cold = itemsOfGenre(data, 0, 1).front();
        const auto liked = itemsOfGenre(data, 0, 6);
        const auto support = addUser(data, {liked[1], liked[2], liked[3]}, {5, 5, 4});
        std::vector<int32_t> train;
        for (size_t r = 0; r < static_cast<size_t>(support.front()); ++r)
            if (data.ratingItem[r] != cold)
                train.push_back(static_cast<int32_t>(r));
        RatingView view(data, false);
        view.fitNormalisation(train);
        ContentBased model;
        model.fit(view, train);
        const auto targets = allTargets(view);
        const auto scores = model.rank(view, support, targets, true);
        QCOMPARE(model.rank(view, support, targets, false)[static_cast<size_t>(cold)], 0.0f);
        QVERIFY2(scores[static_cast<size_t>(cold)] > 0.5f,
                 qPrintable(QString::number(scores[static_cast<size_t>(cold)])));
        const auto top = topN(scores, 15); // 15 genre-0 items among 120
        QVERIFY(std::find(top.begin(), top.end(), cold) != top.end());
    }

    void tastesSteerTheList()
    {
        auto data = testdata::clusterDataset();
        const size_t trainEnd = data.ratingCount();
        const auto genreA = itemsOfGenre(data, 0, 4), genreB = itemsOfGenre(data, 3, 4);
        const auto likesA = addUser(data, genreA, {5, 4, 5, 4});
        const auto likesB = addUser(data, genreB, {5, 4, 5, 4});
        // Genre 0 loved, genre 3 rated two stars below the mean.
        const auto mixed = addUser(data, {genreA[0], genreA[1], genreB[0], genreB[1]}, {5, 5, 1, 1});
        const auto equal = addUser(data, {genreA[0], genreA[1], genreB[0], genreB[1]}, {3, 3, 3, 3});
        std::vector<int32_t> train(trainEnd);
        std::iota(train.begin(), train.end(), 0);
        RatingView view(data, false);
        view.fitNormalisation(train);
        ContentBased model;
        model.fit(view, train);
        const auto targets = allTargets(view);

        const auto topA = topN(model.rank(view, likesA, targets, true), 10);
        const auto topB = topN(model.rank(view, likesB, targets, true), 10);
        QVERIFY(topA != topB);
        for (size_t k = 0; k < topA.size(); ++k) {
            QCOMPARE(data.items[static_cast<size_t>(topA[k])].genres, std::vector<int> {0});
            QCOMPARE(data.items[static_cast<size_t>(topB[k])].genres, std::vector<int> {3});
        }

        // Centred weights: disliked genre-3 items push the interest away from genre 3; with
        // equal ratings both genres pull alike.
        const auto pushed = model.rank(view, mixed, targets, true);
        const auto even = model.rank(view, equal, targets, true);
        const int otherB = itemsOfGenre(data, 3, 4).back();
        QVERIFY2(pushed[static_cast<size_t>(otherB)] < 0.0f,
                 qPrintable(QString::number(pushed[static_cast<size_t>(otherB)])));
        QVERIFY(even[static_cast<size_t>(otherB)] > 0.2f);
        QVERIFY(std::abs(even[static_cast<size_t>(genreA[3])] - even[static_cast<size_t>(otherB)]) < 0.1f);
    }

    void deterministicAndReloadable()
    {
        const auto data = testdata::clusterDataset();
        const auto split = testdata::clusterSplit(data);
        RatingView view(data, false);
        view.fitNormalisation(split.trainRatings);
        const auto targets = allTargets(view);
        const auto& support = split.testTasks.front().support;

        ContentBased model;
        model.fit(view, split.trainRatings);
        const auto scores = model.rank(view, support, targets, true);
        const auto predicted = model.predict(view, support, targets, true);
        QCOMPARE(model.rank(view, support, targets, true), scores);

        // Same rows in another order: the same lists.
        auto shuffled = split.trainRatings;
        std::mt19937 rng(4);
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        ContentBased again;
        again.fit(view, shuffled);
        QCOMPARE(again.rank(view, support, targets, true), scores);

        // Saved and loaded into a fresh model: the same scores and predictions, before and after.
        TensorBlob blob;
        model.save(blob);
        auto stored = TensorBlob::fromBytes(blob.bytes());
        QVERIFY(stored.ok());
        ContentBased reloaded;
        QVERIFY(reloaded.load(view, *stored));
        QCOMPARE(reloaded.rank(view, support, targets, true), scores);
        QCOMPARE(reloaded.rank(view, support, targets, false), model.rank(view, support, targets, false));
        QCOMPARE(reloaded.predict(view, support, targets, true), predicted);
        // Another catalog is refused: fewer items, or as many items with other features.
        const auto smaller = testdata::clusterDataset(240, 60);
        QVERIFY(!ContentBased().load(RatingView(smaller, false), *stored));
        auto retitled = data;
        for (size_t i = 0; i < retitled.itemCount(); i += 2)
            retitled.items[i].title = "Night " + retitled.items[i].title;
        QVERIFY(!ContentBased().load(RatingView(retitled, false), *stored));
    }

    void itemColdStart()
    {
        // Roles swapped: the new entity is an item, its support the users who rated it, and the
        // targets scored are users, with no attributes (the prior) or with some.
        auto data = testdata::clusterDataset(60, 40, 12);
        const std::vector<int32_t> targets {0, 5, 17, 59};
        for (bool attributes : {false, true}) {
            if (attributes)
                for (size_t u = 0; u < data.userCount(); ++u) {
                    data.users[u].gender = u % 2 ? "F" : "M";
                    data.users[u].age = 18 + static_cast<int>(u % 5) * 10;
                    data.users[u].occupation = u % 3 ? "student" : "writer";
                }
            RatingView view(data, true);
            std::vector<int32_t> train, support;
            for (size_t r = 0; r < data.ratingCount(); ++r)
                (data.ratingItem[r] == 0 ? support : train).push_back(static_cast<int32_t>(r));
            view.fitNormalisation(train);
            QCOMPARE(view.targetCount(), 60);
            ContentBased model;
            model.fit(view, train);
            const auto before = model.rank(view, support, targets, false);
            for (bool adapt : {true, false}) {
                const auto scores = model.rank(view, support, targets, adapt);
                const auto predicted = model.predict(view, support, targets, adapt);
                QCOMPARE(scores.size(), targets.size());
                QCOMPARE(predicted.size(), targets.size());
                for (size_t i = 0; i < targets.size(); ++i) {
                    QVERIFY(std::isfinite(scores[i]));
                    QVERIFY(predicted[i] > data.ratingMin - 2 && predicted[i] < data.ratingMax + 2);
                }
            }
            const auto after = model.rank(view, support, targets, true);
            QCOMPARE(after != before, attributes);
        }
    }

    void timings()
    {
        // Informative only (no assertion on time): fit on about 100K ratings over 2000 items, and
        // rank a 10,000-item catalog for one user.
        for (int items : {2000, 10000}) {
            GeneratorConfig config;
            config.users = 4000;
            config.items = items;
            config.medianRatings = 18;
            config.seed = 5;
            auto data = generateDataset("timing", config);
            QVERIFY(data.ok());
            RatingView view(*data, false);
            std::vector<int32_t> rows(data->ratingCount());
            std::iota(rows.begin(), rows.end(), 0);
            view.fitNormalisation(rows);
            ContentBased model;
            QElapsedTimer timer;
            timer.start();
            model.fit(view, rows);
            const qint64 fitMs = timer.elapsed();
            const std::vector<int32_t> support(rows.begin(), rows.begin() + 20);
            const auto targets = allTargets(view);
            timer.start();
            const int repeats = 20;
            for (int k = 0; k < repeats; ++k)
                QCOMPARE(model.rank(view, support, targets, true).size(), targets.size());
            qDebug("content: fit on %zu ratings x %zu items in %lld ms; rank %zu candidates in %.3f ms",
                   data->ratingCount(), data->itemCount(), fitMs, targets.size(),
                   static_cast<double>(timer.nsecsElapsed()) / 1e6 / repeats);
        }
    }
};

QTEST_APPLESS_MAIN(TestContent)
#include "test_content.moc"
