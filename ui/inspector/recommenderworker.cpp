#include "inspector/recommenderworker.h"

#include "eval/metrics.h"
#include "experiment/recommender.h"
#include "qtconvert.h"
#include "store/runstore.h"
#include "store/store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace fsr::ui {

namespace {

// Held-out ratings of a user the run trained on: enough to judge the predictions, few enough
// to read.
constexpr int kMaxWarmQuery = 20;

} // namespace

RecommenderWorker::RecommenderWorker(QObject* parent)
    : QObject(parent)
{
}

RecommenderWorker::~RecommenderWorker() = default;

void RecommenderWorker::process(const InspectRequest& request)
{
    QString error;
    try {
        if (!load(request, &error)) {
            Q_EMIT failed(request.serial, error);
        } else if (!request.userId.isEmpty()) {
            UserInspection inspection;
            if (inspect(request, &inspection, &error))
                Q_EMIT inspected(inspection);
            else
                Q_EMIT failed(request.serial, error);
        }
    } catch (const std::exception& e) {
        Q_EMIT failed(request.serial, tr("Unexpected error: %1").arg(QString::fromLocal8Bit(e.what())));
    }
    Q_EMIT requestDone(request.serial);
}

bool RecommenderWorker::load(const InspectRequest& request, QString* error)
{
    if (m_recommender && request.databasePath == m_databasePath && request.runId == m_runId) {
        if (request.userId.isEmpty()) // asked for the run again (the page was shown again)
            Q_EMIT runLoaded(m_users);
        return true;
    }
    m_recommender.reset();
    m_learner = nullptr;
    m_runQuery.clear();
    m_userRows.clear();

    auto store = Store::open(toStdString(request.databasePath));
    if (!store) {
        *error = toQString(store.error().message);
        return false;
    }
    // The factory hands us the learner it builds: the recommender keeps it, we also predict the
    // query with it (the recommender only returns top-N lists).
    Learner* learner = nullptr;
    const LearnerFactory factory = [&learner](const ExperimentConfig& config, const Dataset& data) {
        auto made = makeLearner(config, data);
        if (made)
            learner = made->get();
        return made;
    };
    auto recommender = RunRecommender::open(*store, request.runId, factory);
    if (!recommender) {
        *error = toQString(recommender.error().message);
        return false;
    }
    m_recommender = std::move(*recommender);
    m_learner = learner;
    m_databasePath = request.databasePath;
    m_runId = request.runId;

    const Dataset& data = m_recommender->data();
    const ExperimentConfig& config = m_recommender->config();
    RunStore runs(store->db());
    for (const UserResult& result : runs.userResults(request.runId, longestSupportLabel(config))) {
        const auto detail = nlohmann::json::parse(result.json);
        std::vector<int32_t> query;
        for (const auto& row : detail.at("query"))
            query.push_back(row.at(0).get<int32_t>());
        m_runQuery[result.entity] = std::move(query);
    }
    m_userRows.assign(data.userCount(), {});
    for (std::size_t row = 0; row < data.ratingCount(); ++row)
        m_userRows[static_cast<std::size_t>(data.ratingUser[row])].push_back(static_cast<int32_t>(row));

    RunUsers users;
    users.runId = request.runId;
    users.model = toQString(config.model.kind);
    users.label = QStringLiteral("#%1 %2 + %3 on %4")
                      .arg(request.runId)
                      .arg(users.model, toQString(config.method.kind), toQString(config.dataset));
    users.hasAttention = capabilitiesOf(KindFamily::Model, config.model.kind).explains;
    for (int size : config.protocol.supportSizes)
        if (size != kSupportAll)
            users.supportSizes << size;
    users.ratingMin = data.ratingMin;
    users.ratingMax = data.ratingMax;
    users.relevanceThreshold = config.eval.relevanceThreshold >= 0
        ? config.eval.relevanceThreshold
        : defaultRelevanceThreshold(data.ratingMin, data.ratingMax);
    users.users.reserve(static_cast<int>(data.userCount()));
    for (std::size_t user = 0; user < data.userCount(); ++user) {
        RunUser entry;
        entry.id = toQString(data.users[user].externalId);
        entry.ratings = static_cast<int>(m_userRows[user].size());
        const auto query = m_runQuery.find(static_cast<int32_t>(user));
        entry.testUser = query != m_runQuery.end();
        const int heldOut = entry.testUser ? static_cast<int>(query->second.size()) : 1;
        entry.maxSupport = std::max(1, entry.ratings - heldOut);
        if (entry.ratings > 0)
            users.users << entry;
    }
    m_users = users;
    Q_EMIT runLoaded(users);
    return true;
}

QString RecommenderWorker::titleOf(int32_t item) const
{
    const ItemInfo& info = m_recommender->data().items[static_cast<std::size_t>(item)];
    if (info.title.empty())
        return tr("Item %1").arg(toQString(info.externalId));
    return info.year > 0 && info.title.find('(') == std::string::npos
        ? QStringLiteral("%1 (%2)").arg(toQString(info.title)).arg(info.year)
        : toQString(info.title);
}

RatedItem RecommenderWorker::ratedItem(int32_t row) const
{
    const Dataset& data = m_recommender->data();
    RatedItem entry;
    entry.item = data.ratingItem[static_cast<std::size_t>(row)];
    entry.itemId = toQString(data.items[static_cast<std::size_t>(entry.item)].externalId);
    entry.title = titleOf(entry.item);
    entry.rating = data.ratingValue[static_cast<std::size_t>(row)];
    return entry;
}

bool RecommenderWorker::inspect(const InspectRequest& request, UserInspection* out, QString* error)
{
    auto recommendation = m_recommender->recommend(toStdString(request.userId), request.supportSize, request.topN);
    if (!recommendation) {
        *error = toQString(recommendation.error().message);
        return false;
    }
    const Dataset& data = m_recommender->data();
    const Recommendation& rec = *recommendation;
    UserInspection& result = *out;
    result.serial = request.serial;
    result.runId = request.runId;
    result.userId = request.userId;
    result.testUser = rec.testUser;
    result.relevanceThreshold = m_users.relevanceThreshold;
    const auto& rows = m_userRows[static_cast<std::size_t>(rec.user)];
    result.ratings = static_cast<int>(rows.size());
    result.supportSize = static_cast<int>(rec.supportRows.size());
    for (int32_t row : rec.supportRows)
        result.support << ratedItem(row);

    // The query: the run's own for a test user, else the latest ratings left out of the support.
    std::set<int32_t> supportItems;
    for (const RatedItem& item : std::as_const(result.support))
        supportItems.insert(item.item);
    std::vector<int32_t> queryRows;
    if (const auto stored = m_runQuery.find(rec.user); stored != m_runQuery.end()) {
        for (int32_t item : stored->second)
            for (int32_t row : rows)
                if (data.ratingItem[static_cast<std::size_t>(row)] == item)
                    queryRows.push_back(row);
    } else {
        std::vector<int32_t> rest;
        for (int32_t row : rows)
            if (!supportItems.count(data.ratingItem[static_cast<std::size_t>(row)]))
                rest.push_back(row);
        std::stable_sort(rest.begin(), rest.end(), [&](int32_t a, int32_t b) {
            return data.ratingTime[static_cast<std::size_t>(a)] > data.ratingTime[static_cast<std::size_t>(b)];
        });
        rest.resize(std::min<std::size_t>(rest.size(), kMaxWarmQuery));
        queryRows = rest;
    }
    std::vector<int32_t> queryItems;
    for (int32_t row : queryRows) {
        result.query << ratedItem(row);
        queryItems.push_back(data.ratingItem[static_cast<std::size_t>(row)]);
    }
    if (m_learner && !queryItems.empty()) {
        const Adaptation before = m_learner->predict(rec.supportRows, queryItems, false);
        const Adaptation after = m_learner->predict(rec.supportRows, queryItems, true);
        for (int i = 0; i < result.query.size(); ++i) {
            const auto at = static_cast<std::size_t>(i);
            if (at < before.scores.size())
                result.query[i].before = before.scores[at];
            if (at < after.scores.size())
                result.query[i].after = after.scores[at];
        }
        result.attentionQuery = after.attention;
    }

    const auto ranked = [&](const std::vector<RecommendedItem>& list, const std::vector<RecommendedItem>& other) {
        QVector<RankedItem> items;
        for (const RecommendedItem& source : list) {
            RankedItem item;
            item.item = source.item;
            item.title = titleOf(source.item);
            item.score = source.score;
            if (source.knownRating) {
                item.knownRating = *source.knownRating;
                item.hit = item.knownRating >= result.relevanceThreshold;
            }
            const auto found = std::find_if(other.begin(), other.end(),
                                            [&](const RecommendedItem& entry) { return entry.item == source.item; });
            item.otherRank = found == other.end() ? -1 : static_cast<int>(found - other.begin());
            items << item;
        }
        return items;
    };
    result.before = ranked(rec.before, rec.after);
    result.after = ranked(rec.after, rec.before);
    for (float loss : rec.innerLoss)
        result.innerLoss << (std::isfinite(loss) ? loss : std::nan(""));
    result.attentionTop = rec.attention;
    return true;
}

} // namespace fsr::ui
