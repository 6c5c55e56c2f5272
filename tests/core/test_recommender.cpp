#include "experiment/recommender.h"
#include "experiment/runner.h"
#include "store/runstore.h"
#include "store/store.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>

using namespace fsr;

namespace {

/// Predicts the training mean before adapting and the support's mean after, so every value a
/// test expects is plain arithmetic. Its only state is the mean, which survives the stored blob.
/// Explains itself with uniform attention over the support.
class MeanLearner : public Learner {
public:
    explicit MeanLearner(const Dataset& data) : m_data(data) { }

    Status train(const Split& split, ProgressSink&) override
    {
        double sum = 0;
        for (int32_t row : split.trainRatings)
            sum += m_data.ratingValue[static_cast<std::size_t>(row)];
        m_mean = static_cast<float>(sum / static_cast<double>(split.trainRatings.size()));
        return Status::success();
    }

    Adaptation predict(const std::vector<int32_t>& supportRows, const std::vector<int32_t>& items, bool adapt) override
    {
        Adaptation result;
        const float score = adapt ? supportMean(supportRows) : m_mean;
        result.scores.assign(items.size(), score);
        if (adapt) {
            result.innerLoss = {1.0f, 0.5f};
            const std::vector<float> uniform(supportRows.size(), 1.0f / static_cast<float>(supportRows.size()));
            result.attention.weights = {{std::vector<std::vector<float>>(items.size(), uniform)}};
        }
        return result;
    }

    float supportMean(const std::vector<int32_t>& supportRows) const
    {
        double sum = 0;
        for (int32_t row : supportRows)
            sum += m_data.ratingValue[static_cast<std::size_t>(row)];
        return static_cast<float>(sum / static_cast<double>(supportRows.size()));
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
    std::string describe() const override { return "mean"; }

private:
    const Dataset& m_data;
    float m_mean = 0;
};

Expected<std::unique_ptr<Learner>> meanFactory(const ExperimentConfig&, const Dataset& data)
{
    return std::unique_ptr<Learner>(std::make_unique<MeanLearner>(data));
}

/// 40 users with 14..53 ratings on 1..5 stars at times 1000, 1001, ..., and one user with none.
Dataset makeDataset()
{
    Dataset data;
    data.name = "synthetic";
    const int items = 70;
    for (int u = 0; u < 40; ++u)
        data.users.push_back({"u" + std::to_string(u), 0, {}, {}, {}});
    data.users.push_back({"unrated", 0, {}, {}, {}});
    for (int i = 0; i < items; ++i)
        data.items.push_back({"i" + std::to_string(i), "Item " + std::to_string(i), 0, {}});
    for (int u = 0; u < 40; ++u) {
        for (int n = 0; n < 14 + u; ++n) {
            const int item = (u * 11 + n * 3) % items; // 3 is coprime to 70: distinct items
            const float rating = std::clamp(std::round(3.0f + (u % 3 - 1) + (item % 5 - 2) * 0.5f), 1.0f, 5.0f);
            data.addRating(u, item, rating, 1000 + n);
        }
    }
    data.updateRatingRange();
    return data;
}

constexpr std::size_t kQuerySize = 5;

} // namespace

Q_DECLARE_METATYPE(std::vector<fsr::NewUserRating>)

class TestRecommender : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const std::string path = m_dir.filePath("runs.sqlite").toStdString();
        auto store = Store::open(path);
        QVERIFY(store.ok());
        QVERIFY(store->saveDataset(makeDataset(), "test", "test_recommender").ok());
        const auto config = parseExperimentConfig(R"({"dataset": "synthetic", "seed": 3,
            "protocol": {"kind": "user-cold-start", "min_ratings": 14, "max_ratings": 100, "cold_fraction": 0.2,
                         "query_size": 5, "support_sizes": [1, 3, "all"]},
            "model": {"kind": "biased-mf"}, "method": {"kind": "fine-tune"}, "eval": {"k": [5]}})");
        QVERIFY(config.ok());
        NullProgressSink sink;
        const auto result = ExperimentRunner(path, *config, meanFactory).run(sink);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        m_runId = result->runId;

        auto recommender = RunRecommender::open(*store, m_runId, meanFactory);
        QVERIFY2(recommender.ok(), recommender.ok() ? "" : recommender.error().message.c_str());
        m_recommender = std::move(*recommender);
        // The per-user rows at "all", read here only to check the recommender against them.
        for (const UserResult& row : RunStore(store->db()).userResults(m_runId, "all"))
            m_stored[row.entity] = nlohmann::json::parse(row.json);
        QCOMPARE(m_stored.size(), static_cast<std::size_t>(8)); // 20% of 40
    }

    void usersWithRatingsAreListed()
    {
        const std::vector<RunUserInfo> users = m_recommender->users();
        QCOMPARE(users.size(), static_cast<std::size_t>(40)); // "unrated" is left out
        int testUsers = 0;
        for (const RunUserInfo& user : users) {
            QCOMPARE(user.externalId, "u" + std::to_string(user.user));
            QCOMPARE(user.ratings, 14 + user.user);
            QCOMPARE(user.ratings, m_recommender->ratingCount(user.user));
            QCOMPARE(user.testUser, m_stored.count(user.user) > 0);
            // A test user's query stays out of the support; any other user keeps one rating back.
            QCOMPARE(user.maxSupport, user.ratings - (user.testUser ? static_cast<int>(kQuerySize) : 1));
            testUsers += user.testUser;
        }
        QCOMPARE(testUsers, 8);
        QCOMPARE(m_recommender->relevanceThreshold(), 4.0); // stored resolved for 1..5 stars
    }

    void storedQueryIsTheRunsQuery()
    {
        for (const auto& [user, detail] : m_stored) {
            const std::vector<int32_t> rows = m_recommender->storedQuery(user);
            QCOMPARE(rows.size(), kQuerySize);
            for (std::size_t i = 0; i < rows.size(); ++i) {
                const auto row = static_cast<std::size_t>(rows[i]);
                QCOMPARE(m_recommender->data().ratingUser[row], user);
                QCOMPARE(m_recommender->data().ratingItem[row], detail.at("query").at(i).at(0).get<int32_t>());
            }
        }
        QVERIFY(m_recommender->storedQuery(firstUser(false)).empty());
    }

    void testUserQueryMatchesTheRun()
    {
        const int32_t user = firstUser(true);
        const auto recommendation = m_recommender->recommend("u" + std::to_string(user), kSupportAll, 5);
        QVERIFY(recommendation.ok());
        const QueryPrediction query = m_recommender->predictQuery(user, recommendation->supportRows);
        const nlohmann::json& stored = m_stored.at(user).at("query");
        QCOMPARE(query.ratings.size(), kQuerySize);
        for (std::size_t i = 0; i < query.ratings.size(); ++i) {
            const QueryRating& rating = query.ratings[i];
            QCOMPARE(rating.item, stored.at(i).at(0).get<int32_t>());
            QCOMPARE(rating.rating, stored.at(i).at(1).get<float>());
            // The run stores predictions rounded to 4 decimals.
            QVERIFY(std::abs(rating.before - stored.at(i).at(2).get<float>()) < 1e-3f);
            QVERIFY(std::abs(rating.after - stored.at(i).at(3).get<float>()) < 1e-3f);
        }
        // Attention rows follow the query, columns the support.
        QCOMPARE(query.attention.weights.size(), static_cast<std::size_t>(1));
        QCOMPARE(query.attention.weights[0][0].size(), kQuerySize);
        QCOMPARE(query.attention.weights[0][0][0].size(), recommendation->supportRows.size());
    }

    void trainedUserQueryIsTheLatestRatingsLeftOut_data()
    {
        QTest::addColumn<int>("supportSize");
        // The user has 40 to 53 ratings: a small support leaves more than the cap, a large one less.
        QTest::newRow("capped") << 5;
        QTest::newRow("the rest") << 35;
    }

    void trainedUserQueryIsTheLatestRatingsLeftOut()
    {
        QFETCH(int, supportSize);
        const int32_t user = lastUser(false);
        QVERIFY(m_recommender->ratingCount(user) >= 40);
        const int queryRows = std::min(m_recommender->ratingCount(user) - supportSize, RunRecommender::kMaxWarmQuery);
        const auto recommendation = m_recommender->recommend("u" + std::to_string(user), supportSize, 5);
        QVERIFY(recommendation.ok());
        QVERIFY(!recommendation->testUser);
        const std::vector<int32_t>& support = recommendation->supportRows;
        QCOMPARE(static_cast<int>(support.size()), supportSize);

        const Dataset& data = m_recommender->data();
        const QueryPrediction query = m_recommender->predictQuery(user, support);
        QCOMPARE(static_cast<int>(query.ratings.size()), queryRows);
        std::set<int32_t> supportItems;
        for (int32_t row : support)
            supportItems.insert(data.ratingItem[static_cast<std::size_t>(row)]);
        const float supportMean = MeanLearner(data).supportMean(support);
        for (std::size_t i = 0; i < query.ratings.size(); ++i) {
            const QueryRating& rating = query.ratings[i];
            const auto row = static_cast<std::size_t>(rating.row);
            QCOMPARE(data.ratingUser[row], user);
            QCOMPARE(rating.item, data.ratingItem[row]);
            QCOMPARE(rating.rating, data.ratingValue[row]);
            QVERIFY(!supportItems.count(rating.item));
            if (i > 0) // latest first
                QVERIFY(data.ratingTime[row] < data.ratingTime[static_cast<std::size_t>(query.ratings[i - 1].row)]);
            QVERIFY(std::isfinite(rating.before));
            QCOMPARE(rating.after, supportMean);
        }
        QCOMPARE(m_recommender->queryRows(user, support).size(), query.ratings.size());
    }

    void rankingBeforeAndAfterLeavesTheSupportOut()
    {
        const int32_t user = firstUser(true);
        const auto recommendation = m_recommender->recommend("u" + std::to_string(user), 3, 10);
        QVERIFY(recommendation.ok());
        QCOMPARE(recommendation->supportRows.size(), static_cast<std::size_t>(3));
        QCOMPARE(recommendation->before.size(), static_cast<std::size_t>(10));
        QCOMPARE(recommendation->after.size(), static_cast<std::size_t>(10));
        for (int32_t row : recommendation->supportRows)
            for (const RecommendedItem& item : recommendation->after)
                QVERIFY(item.item != m_recommender->data().ratingItem[static_cast<std::size_t>(row)]);
        QCOMPARE(recommendation->innerLoss.size(), static_cast<std::size_t>(2));
        // Attention kept for the recommended items only.
        QCOMPARE(recommendation->attention.weights[0][0].size(), static_cast<std::size_t>(10));
    }

    void newUserAdaptsToTheGivenRatings()
    {
        const Dataset& data = m_recommender->data();
        const std::size_t datasetRatings = data.ratingCount();
        const int32_t first = m_recommender->itemByExternalId("i4"), second = m_recommender->itemByExternalId("i9");
        QCOMPARE(first, 4);
        QCOMPARE(m_recommender->itemByExternalId("no-such-item"), -1);
        const auto recommendation = m_recommender->recommendNewUser({{first, 5.0f}, {second, 2.0f}}, 10);
        QVERIFY2(recommendation.ok(), recommendation.ok() ? "" : recommendation.error().message.c_str());
        QVERIFY(!recommendation->testUser);
        QCOMPARE(recommendation->supportRows.size(), static_cast<std::size_t>(2));
        const std::vector<int32_t> given {first, second};
        for (std::size_t i = 0; i < given.size(); ++i) {
            const auto row = static_cast<std::size_t>(recommendation->supportRows[i]);
            QVERIFY(row >= datasetRatings); // not one of the dataset's own rows
            QCOMPARE(data.ratingUser[row], recommendation->user);
            QCOMPARE(data.ratingItem[row], given[i]);
        }
        QVERIFY(data.ratingTime[static_cast<std::size_t>(recommendation->supportRows[0])]
                < data.ratingTime[static_cast<std::size_t>(recommendation->supportRows[1])]);
        QCOMPARE(recommendation->after.size(), static_cast<std::size_t>(10));
        for (const RecommendedItem& item : recommendation->after) {
            QVERIFY(item.item != first && item.item != second);
            QVERIFY(!item.knownRating);
            QCOMPARE(item.score, 3.5f); // MeanLearner: the support's mean
        }
        QVERIFY(recommendation->before.front().score != 3.5f); // the training mean

        // The next call replaces the ratings instead of adding to them.
        const auto again = m_recommender->recommendNewUser({{second, 1.0f}}, 3);
        QVERIFY(again.ok());
        QCOMPARE(again->supportRows.size(), static_cast<std::size_t>(1));
        QCOMPARE(data.ratingCount(), datasetRatings + 1);
        QCOMPARE(again->after.front().score, 1.0f);
    }

    void newUserWithoutRatingsGetsThePrior()
    {
        const auto recommendation = m_recommender->recommendNewUser({}, 5);
        QVERIFY(recommendation.ok());
        QVERIFY(recommendation->supportRows.empty());
        QCOMPARE(recommendation->after.size(), static_cast<std::size_t>(5));
        for (std::size_t i = 0; i < recommendation->after.size(); ++i) {
            QCOMPARE(recommendation->after[i].item, recommendation->before[i].item);
            QCOMPARE(recommendation->after[i].score, recommendation->before[i].score);
        }
    }

    void newUserLeavesTheDatasetsUsersAlone()
    {
        const std::string user = "u" + std::to_string(firstUser(true));
        const auto before = m_recommender->recommend(user, 3, 10);
        QVERIFY(before.ok());
        QVERIFY(m_recommender->recommendNewUser({{1, 4.0f}, {2, 4.0f}, {3, 1.0f}}, 10).ok());
        const auto after = m_recommender->recommend(user, 3, 10);
        QVERIFY(after.ok());
        QCOMPARE(after->supportRows, before->supportRows);
        for (std::size_t i = 0; i < before->after.size(); ++i)
            QCOMPARE(after->after[i].item, before->after[i].item);
        QCOMPARE(m_recommender->users().size(), static_cast<std::size_t>(40)); // the new user is not listed
    }

    void newUserBadRatingsAreRefused_data()
    {
        QTest::addColumn<std::vector<NewUserRating>>("ratings");
        QTest::addColumn<QString>("message");
        QTest::newRow("rated twice") << std::vector<NewUserRating> {{5, 4.0f}, {5, 2.0f}} << "rated twice";
        QTest::newRow("below the scale") << std::vector<NewUserRating> {{5, 0.0f}} << "1 to 5";
        QTest::newRow("above the scale") << std::vector<NewUserRating> {{5, 5.5f}} << "1 to 5";
        QTest::newRow("not a rating") << std::vector<NewUserRating> {{5, std::nanf("")}} << "outside";
        QTest::newRow("no such item") << std::vector<NewUserRating> {{70, 3.0f}} << "no item with index 70";
    }

    void newUserBadRatingsAreRefused()
    {
        QFETCH(std::vector<NewUserRating>, ratings);
        QFETCH(QString, message);
        const auto refused = m_recommender->recommendNewUser(ratings, 10);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ExitCode::BadInput);
        QVERIFY2(QString::fromStdString(refused.error().message).contains(message), refused.error().message.c_str());
    }

private:
    int32_t firstUser(bool testUser) const
    {
        for (const RunUserInfo& user : m_recommender->users())
            if (user.testUser == testUser)
                return user.user;
        return -1;
    }
    int32_t lastUser(bool testUser) const
    {
        const std::vector<RunUserInfo> users = m_recommender->users();
        for (auto user = users.rbegin(); user != users.rend(); ++user)
            if (user->testUser == testUser)
                return user->user;
        return -1;
    }

    QTemporaryDir m_dir;
    int64_t m_runId = 0;
    std::unique_ptr<RunRecommender> m_recommender;
    std::map<int32_t, nlohmann::json> m_stored; ///< test user -> their stored per-user row at "all"
};

QTEST_GUILESS_MAIN(TestRecommender)
#include "test_recommender.moc"
