#include "inspector/recommenderworker.h"

#include "experiment/learnerfactory.h"
#include "experiment/recommender.h"
#include "qtconvert.h"
#include "store/store.h"

#include <algorithm>
#include <unordered_set>
#include <cmath>

namespace fsr::ui {

RecommenderWorker::RecommenderWorker(QObject* parent) : QObject(parent)
{
}

RecommenderWorker::~RecommenderWorker() = default;

void RecommenderWorker::process(const InspectRequest& request)
{
    QString error;
    try {
        if (!load(request, &error)) {
            Q_EMIT failed(request.serial, error);
        } else if (!request.userId.isEmpty() || request.newUser) {
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
        if (request.userId.isEmpty() && !request.newUser) // asked for the run again (the page was shown again)
            Q_EMIT runLoaded(m_users);
        return true;
    }
    m_recommender.reset();

    auto store = Store::open(toStdString(request.databasePath));
    if (!store) {
        *error = toQString(store.error().message);
        return false;
    }
    auto recommender = RunRecommender::open(*store, request.runId, makeLearner);
    if (!recommender) {
        *error = toQString(recommender.error().message);
        return false;
    }
    m_recommender = std::move(*recommender);
    m_databasePath = request.databasePath;
    m_runId = request.runId;

    const Dataset& data = m_recommender->data();
    const ExperimentConfig& config = m_recommender->config();
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
    users.dataset = toQString(config.dataset);
    users.protocol.kind = toQString(config.protocol.kind);
    users.protocol.minRatings = config.protocol.minRatings;
    users.protocol.maxRatings = config.protocol.maxRatings;
    users.protocol.coldFraction = config.protocol.coldFraction;
    users.protocol.querySize = config.protocol.querySize;
    users.protocol.testFraction = config.protocol.testFraction;
    std::vector<int> ratingsPerItem(data.itemCount(), 0);
    for (std::size_t row = 0; row < data.ratingCount(); ++row)
        ++ratingsPerItem[static_cast<std::size_t>(data.ratingItem[row])];
    users.catalog.reserve(static_cast<int>(data.itemCount()));
    for (std::size_t item = 0; item < data.itemCount(); ++item) {
        const ItemInfo& info = data.items[item];
        CatalogItem entry;
        entry.id = toQString(info.externalId);
        entry.title = titleOf(static_cast<int32_t>(item));
        entry.year = info.year;
        for (int genre : info.genres)
            entry.genres << toQString(data.genres.at(static_cast<std::size_t>(genre)));
        entry.ratings = ratingsPerItem[item];
        users.catalog << entry;
    }
    if (request.withMap) // a PCA of the whole catalog: only for the page that draws it
        users.map = runMap();
    users.mixWeight = m_recommender->storedMixWeight();
    users.stepsThrough = m_recommender->adaptsByGradientSteps();
    users.ratingMin = data.ratingMin;
    users.ratingMax = data.ratingMax;
    users.relevanceThreshold = m_recommender->relevanceThreshold();
    const std::vector<RunUserInfo> runUsers = m_recommender->users();
    users.users.reserve(static_cast<int>(runUsers.size()));
    for (const RunUserInfo& source : runUsers) {
        RunUser entry;
        entry.id = toQString(source.externalId);
        entry.ratings = source.ratings;
        entry.testUser = source.testUser;
        entry.maxSupport = source.maxSupport;
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

Expected<Recommendation> RecommenderWorker::recommend(const InspectRequest& request)
{
    if (const auto stored = m_recommender->storedMixWeight())
        m_recommender->setMixWeight(std::isfinite(request.mixWeight) ? request.mixWeight : *stored);
    const RankBy rankBy = request.rankByRating ? RankBy::Rating : RankBy::Relevance;
    if (!request.newUser)
        return m_recommender->recommend(toStdString(request.userId), request.supportSize, request.topN, rankBy);
    const auto ratings = newUserRatings(request);
    if (!ratings)
        return ratings.error();
    return m_recommender->recommendNewUser(*ratings, request.topN, rankBy);
}

Expected<std::vector<NewUserRating>> RecommenderWorker::newUserRatings(const InspectRequest& request) const
{
    std::vector<NewUserRating> ratings;
    for (const SandboxRating& given : request.ratings) {
        NewUserRating rating;
        rating.item = m_recommender->itemByExternalId(toStdString(given.itemId));
        if (rating.item < 0)
            return badInput(toStdString(tr("The dataset has no item %1.").arg(given.itemId)));
        rating.rating = static_cast<float>(given.rating);
        ratings.push_back(rating);
    }
    return ratings;
}

bool RecommenderWorker::inspect(const InspectRequest& request, UserInspection* out, QString* error)
{
    auto recommendation = recommend(request);
    if (!recommendation) {
        *error = toQString(recommendation.error().message);
        return false;
    }
    const Recommendation& rec = *recommendation;
    UserInspection& result = *out;
    result.serial = request.serial;
    result.runId = request.runId;
    result.userId = request.userId;
    result.newUser = request.newUser;
    result.testUser = rec.testUser;
    result.relevanceThreshold = m_users.relevanceThreshold;
    result.supportSize = static_cast<int>(rec.supportRows.size());
    result.ratings = request.newUser ? result.supportSize : m_recommender->ratingCount(rec.user);
    result.ranksApart = rec.ranksApart;
    for (int32_t row : rec.supportRows)
        result.support << ratedItem(row);

    if (!request.newUser) { // the sandbox user has nothing held out
        const QueryPrediction query = m_recommender->predictQuery(rec.user, rec.supportRows);
        for (const QueryRating& source : query.ratings) {
            RatedItem item = ratedItem(source.row);
            item.before = source.before;
            item.after = source.after;
            result.query << item;
        }
        result.attentionQuery = query.attention;

        std::unordered_set<int32_t> supportRows(rec.supportRows.begin(), rec.supportRows.end()), queryRows;
        for (const QueryRating& rating : query.ratings)
            queryRows.insert(rating.row);
        const Dataset& data = m_recommender->data();
        for (int32_t row : m_recommender->timeline(rec.user)) {
            const auto at = static_cast<std::size_t>(row);
            TimelineRating entry;
            entry.title = titleOf(data.ratingItem[at]);
            entry.rating = data.ratingValue[at];
            entry.time = data.ratingTime.empty() ? 0 : data.ratingTime[at];
            entry.role = supportRows.count(row) ? RatingRole::Support
                : queryRows.count(row)          ? RatingRole::Query
                                                : RatingRole::Unused;
            result.timeline << entry;
        }
    }

    result.before = rankedList(rec.before, rec.after, result.relevanceThreshold);
    result.after = rankedList(rec.after, rec.before, result.relevanceThreshold);
    for (float loss : rec.innerLoss)
        result.innerLoss << (std::isfinite(loss) ? loss : std::nan(""));
    result.attentionTop = rec.attention;
    if (request.traceSteps > 0)
        traceSteps(request, &result);
    return true;
}

QVector<RankedItem> RecommenderWorker::rankedList(const std::vector<RecommendedItem>& list,
                                                  const std::vector<RecommendedItem>& other,
                                                  double relevanceThreshold) const
{
    QVector<RankedItem> items;
    for (const RecommendedItem& source : list) {
        RankedItem item;
        item.item = source.item;
        item.title = titleOf(source.item);
        item.score = source.score;
        if (source.knownRating) {
            item.knownRating = *source.knownRating;
            item.hit = item.knownRating >= relevanceThreshold;
        }
        const auto found = std::find_if(other.begin(), other.end(),
                                        [&](const RecommendedItem& entry) { return entry.item == source.item; });
        item.otherRank = found == other.end() ? -1 : static_cast<int>(found - other.begin());
        items << item;
    }
    return items;
}

void RecommenderWorker::traceSteps(const InspectRequest& request, UserInspection* result)
{
    const auto stepped = [&]() -> Expected<SteppedAdaptation> {
        if (!request.newUser)
            return m_recommender->stepThrough(toStdString(request.userId), request.supportSize, request.traceSteps,
                                              request.topN);
        const auto ratings = newUserRatings(request);
        if (!ratings)
            return ratings.error();
        return m_recommender->stepThroughNewUser(*ratings, request.traceSteps, request.topN);
    }();
    if (!stepped) {
        result->stepsProblem = toQString(stepped.error().message);
        return;
    }
    if (request.newUser) {
        const auto ratings = newUserRatings(request);
        const int runSteps = std::max(1, m_recommender->config().method.innerSteps);
        for (std::size_t count = 1; ratings && count <= ratings->size(); ++count) {
            const std::vector<NewUserRating> first(ratings->begin(), ratings->begin() + static_cast<std::ptrdiff_t>(count));
            const auto prefix = m_recommender->stepThroughNewUser(first, runSteps, 1);
            if (prefix && !prefix->points.empty())
                result->ratingPath << QPointF(prefix->points.back()[0], prefix->points.back()[1]);
        }
    }
    for (std::size_t s = 0; s < stepped->top.size(); ++s) {
        AdaptationStepView view;
        view.supportLoss = stepped->supportLoss[s];
        if (s < stepped->queryError.size())
            view.queryError = stepped->queryError[s];
        view.top = rankedList(stepped->top[s], stepped->top[s > 0 ? s - 1 : 0], result->relevanceThreshold);
        if (s < stepped->points.size())
            view.point = QPointF(stepped->points[s][0], stepped->points[s][1]);
        result->steps << view;
    }
}

RunMap RecommenderWorker::runMap()
{
    RunMap map;
    const auto computed = m_recommender->embeddingMap();
    if (!computed) {
        map.problem = toQString(computed.error().message);
        return map;
    }
    const Dataset& data = m_recommender->data();
    for (const std::string& genre : data.genres)
        map.genres << toQString(genre);
    for (std::size_t item = 0; item < computed->items.size(); ++item) {
        map.items << QPointF(computed->items[item][0], computed->items[item][1]);
        const auto& genres = data.items[item].genres;
        map.itemGenre << (genres.empty() ? -1 : genres.front());
    }
    for (const auto& point : computed->userPoints)
        map.users << QPointF(point[0], point[1]);
    map.explained = QPointF(computed->explained[0], computed->explained[1]);
    return map;
}

} // namespace fsr::ui
