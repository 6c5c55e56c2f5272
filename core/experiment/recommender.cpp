#include "experiment/recommender.h"

#include "eval/metrics.h"
#include "store/runstore.h"
#include "store/store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace fsr {

namespace {

std::vector<int32_t> firstColumn(const nlohmann::json& pairs)
{
    std::vector<int32_t> values;
    for (const auto& pair : pairs)
        values.push_back(pair.at(0).get<int32_t>());
    return values;
}

} // namespace

std::string longestSupportLabel(const ExperimentConfig& config)
{
    if (capabilitiesOf(KindFamily::Protocol, config.protocol.kind).warmSplit)
        return kWarmSupportLabel;
    return supportSizeLabel(config.protocol.supportSizes.back());
}

Expected<std::unique_ptr<RunRecommender>> RunRecommender::open(Store& store, int64_t runId,
                                                               const LearnerFactory& factory)
{
    RunStore runs(store.db());
    const auto record = runs.getRun(runId);
    if (!record)
        return badInput("no run with id " + std::to_string(runId) + " (see `fsr runs`)");
    if (record->summary.status != runstatus::kFinished)
        return badInput("run " + std::to_string(runId) + " has no stored model: it is " + record->summary.status
                        + (record->summary.message.empty() ? "" : " (" + record->summary.message + ")"));
    auto config = parseExperimentConfig(record->config);
    if (!config)
        return badInput("run " + std::to_string(runId) + ": stored config: " + config.error().message);
    if (capabilitiesOf(KindFamily::Protocol, config->protocol.kind).byItem)
        return badInput("run " + std::to_string(runId) + " uses " + config->protocol.kind
                        + ": its model adapts to new items, not users; use a run whose new entities are users");

    // The stored model indexes the users and items of the dataset it trained on: applied to
    // another one under the same name it would recommend by the wrong indices.
    const auto notAdaptable = [&](const std::string& problem) {
        return badInput("run " + std::to_string(runId) + " cannot be adapted: " + problem
                        + "; train a new run on the current data");
    };
    if (const std::string problem = runDatasetProblem(record->summary); !problem.empty())
        return notAdaptable(problem);

    std::unique_ptr<RunRecommender> recommender(new RunRecommender());
    recommender->m_config = *config;
    DatasetSummary source;
    auto data = store.loadDataset(config->dataset, &source);
    if (!data)
        return badInput("run " + std::to_string(runId) + ": " + data.error().message);
    if (source.id != record->summary.datasetId) // replaced since the run was read
        return notAdaptable("its dataset '" + config->dataset + "' was replaced while the run was being opened");
    recommender->m_data = std::make_unique<Dataset>(std::move(*data));
    Dataset& dataset = *recommender->m_data;
    recommender->m_datasetRatings = dataset.ratingCount();
    recommender->m_newUser = static_cast<int32_t>(dataset.userCount());
    dataset.users.push_back(UserInfo {});

    auto learner = factory(*config, dataset);
    if (!learner)
        return learner.error();
    if (Status loaded = (*learner)->deserialize(runs.modelBlob(runId)); !loaded)
        return badInput("run " + std::to_string(runId) + ": cannot load the stored model: " + loaded.error().message);
    recommender->m_learner = std::move(*learner);
    recommender->m_storedMix = recommender->m_learner->mixWeight();

    recommender->m_userRows.resize(dataset.userCount());
    for (std::size_t row = 0; row < dataset.ratingCount(); ++row)
        recommender->m_userRows[static_cast<std::size_t>(dataset.ratingUser[row])].push_back(static_cast<int32_t>(row));
    for (std::size_t user = 0; user < static_cast<std::size_t>(recommender->m_newUser); ++user)
        recommender->m_userByExternalId.emplace(dataset.users[user].externalId, static_cast<int32_t>(user));
    for (std::size_t item = 0; item < dataset.itemCount(); ++item)
        recommender->m_itemByExternalId.emplace(dataset.items[item].externalId, static_cast<int32_t>(item));
    try {
        for (const UserResult& result : runs.userResults(runId, longestSupportLabel(*config))) {
            const auto detail = nlohmann::json::parse(result.json);
            recommender->m_runOrder[result.entity] = firstColumn(detail.at("support"));
            recommender->m_runQuery[result.entity] = firstColumn(detail.at("query"));
        }
    } catch (const nlohmann::json::exception& error) {
        return badInput("run " + std::to_string(runId) + ": stored per-user results are damaged: " + error.what());
    }
    return recommender;
}

std::vector<RunUserInfo> RunRecommender::users() const
{
    std::vector<RunUserInfo> users;
    for (std::size_t user = 0; user < m_userRows.size(); ++user) {
        if (m_userRows[user].empty())
            continue;
        RunUserInfo entry;
        entry.user = static_cast<int32_t>(user);
        entry.externalId = m_data->users[user].externalId;
        entry.ratings = static_cast<int>(m_userRows[user].size());
        const auto query = m_runQuery.find(entry.user);
        entry.testUser = query != m_runQuery.end();
        // A user the run trained on keeps one rating back, so there is something to predict.
        const int heldOut = entry.testUser ? static_cast<int>(query->second.size()) : 1;
        entry.maxSupport = std::max(1, entry.ratings - heldOut);
        users.push_back(std::move(entry));
    }
    return users;
}

int RunRecommender::ratingCount(int32_t user) const
{
    return static_cast<int>(m_userRows.at(static_cast<std::size_t>(user)).size());
}

std::vector<int32_t> RunRecommender::timeline(int32_t user) const
{
    std::vector<int32_t> rows = m_userRows.at(static_cast<std::size_t>(user));
    const Dataset& data = *m_data;
    if (!data.ratingTime.empty())
        std::stable_sort(rows.begin(), rows.end(), [&](int32_t a, int32_t b) {
            return data.ratingTime[static_cast<std::size_t>(a)] < data.ratingTime[static_cast<std::size_t>(b)];
        });
    return rows;
}

std::vector<int32_t> RunRecommender::storedQuery(int32_t user) const
{
    const auto stored = m_runQuery.find(user);
    if (stored == m_runQuery.end())
        return {};
    const Dataset& data = *m_data;
    const std::vector<int32_t>& rows = m_userRows.at(static_cast<std::size_t>(user));
    std::vector<int32_t> query;
    for (int32_t item : stored->second)
        for (int32_t row : rows)
            if (data.ratingItem[static_cast<std::size_t>(row)] == item)
                query.push_back(row);
    return query;
}

std::vector<int32_t> RunRecommender::queryRows(int32_t user, const std::vector<int32_t>& supportRows) const
{
    if (m_runQuery.count(user))
        return storedQuery(user);
    const Dataset& data = *m_data;
    std::unordered_set<int32_t> supportItems;
    for (int32_t row : supportRows)
        supportItems.insert(data.ratingItem[static_cast<std::size_t>(row)]);
    std::vector<int32_t> rest;
    for (int32_t row : m_userRows.at(static_cast<std::size_t>(user)))
        if (!supportItems.count(data.ratingItem[static_cast<std::size_t>(row)]))
            rest.push_back(row);
    std::stable_sort(rest.begin(), rest.end(), [&](int32_t a, int32_t b) {
        return data.ratingTime[static_cast<std::size_t>(a)] > data.ratingTime[static_cast<std::size_t>(b)];
    });
    rest.resize(std::min<std::size_t>(rest.size(), kMaxWarmQuery));
    return rest;
}

QueryPrediction RunRecommender::predictQuery(int32_t user, const std::vector<int32_t>& supportRows)
{
    const Dataset& data = *m_data;
    QueryPrediction prediction;
    std::vector<int32_t> items;
    for (int32_t row : queryRows(user, supportRows)) {
        QueryRating rating;
        rating.row = row;
        rating.item = data.ratingItem[static_cast<std::size_t>(row)];
        rating.rating = data.ratingValue[static_cast<std::size_t>(row)];
        prediction.ratings.push_back(rating);
        items.push_back(rating.item);
    }
    if (items.empty())
        return prediction;
    const Adaptation before = m_learner->predict(supportRows, items, false);
    const Adaptation after = m_learner->predict(supportRows, items, true);
    // A learner that scores fewer items than asked leaves the rest NaN rather than misaligned.
    for (std::size_t i = 0; i < prediction.ratings.size(); ++i) {
        if (i < before.scores.size())
            prediction.ratings[i].before = before.scores[i];
        if (i < after.scores.size())
            prediction.ratings[i].after = after.scores[i];
    }
    prediction.attention = after.attention;
    return prediction;
}

double RunRecommender::relevanceThreshold() const
{
    // Runs store the resolved threshold; the fallback is for configs stored without one.
    return m_config.eval.relevanceThreshold >= 0 ? m_config.eval.relevanceThreshold
                                                 : defaultRelevanceThreshold(m_data->ratingMin, m_data->ratingMax);
}

std::vector<int32_t> RunRecommender::supportOrder(int32_t user) const
{
    const Dataset& data = *m_data;
    // Time order (earliest first) for users the run trained on, and after the run's own support
    // for held-out users.
    std::vector<int32_t> rows = timeline(user);
    const auto stored = m_runOrder.find(user);
    if (stored == m_runOrder.end())
        return rows;

    std::unordered_map<int32_t, int32_t> rowOfItem;
    for (int32_t row : rows)
        rowOfItem.emplace(data.ratingItem[static_cast<std::size_t>(row)], row);
    std::vector<int32_t> ordered;
    for (int32_t item : stored->second)
        if (const auto found = rowOfItem.find(item); found != rowOfItem.end())
            ordered.push_back(found->second);
    // The query stays out: it is what the run evaluated this user on.
    const std::vector<int32_t>& query = m_runQuery.at(user);
    for (int32_t row : rows) {
        const int32_t item = data.ratingItem[static_cast<std::size_t>(row)];
        const bool inStored = std::find(stored->second.begin(), stored->second.end(), item) != stored->second.end();
        const bool inQuery = std::find(query.begin(), query.end(), item) != query.end();
        if (!inStored && !inQuery)
            ordered.push_back(row);
    }
    return ordered;
}

Expected<std::vector<int32_t>> RunRecommender::supportFor(const std::string& externalUserId, int supportSize) const
{
    const auto found = m_userByExternalId.find(externalUserId);
    if (found == m_userByExternalId.end())
        return badInput("dataset \"" + m_data->name + "\" has no user \"" + externalUserId + "\"");
    if (supportSize != kSupportAll && supportSize < 1)
        return badInput("support size must be at least 1 (or all)");
    std::vector<int32_t> order = supportOrder(found->second);
    if (order.empty())
        return badInput("user \"" + externalUserId + "\" has no ratings to adapt to");
    if (supportSize != kSupportAll && static_cast<std::size_t>(supportSize) < order.size())
        order.resize(static_cast<std::size_t>(supportSize));
    return order;
}

Expected<Recommendation> RunRecommender::recommend(const std::string& externalUserId, int supportSize, int topN,
                                                   RankBy rankBy)
{
    if (topN < 1)
        return badInput("k must be at least 1");
    auto order = supportFor(externalUserId, supportSize);
    if (!order)
        return order.error();
    return rank(m_userByExternalId.at(externalUserId), std::move(*order), topN, rankBy);
}

Expected<SteppedAdaptation> RunRecommender::stepThrough(const std::string& externalUserId, int supportSize, int steps,
                                                        int topN)
{
    auto order = supportFor(externalUserId, supportSize);
    if (!order)
        return order.error();
    return step(m_userByExternalId.at(externalUserId), std::move(*order), steps, topN);
}

Expected<SteppedAdaptation> RunRecommender::stepThroughNewUser(const std::vector<NewUserRating>& ratings, int steps,
                                                               int topN)
{
    auto rows = newUserRows(ratings);
    if (!rows)
        return rows.error();
    return step(m_newUser, std::move(*rows), steps, topN);
}

void RunRecommender::setMixWeight(double alpha)
{
    if (m_storedMix)
        m_learner->setMixWeight(std::clamp(alpha, 0.0, 1.0));
}

int32_t RunRecommender::itemByExternalId(const std::string& externalItemId) const
{
    const auto found = m_itemByExternalId.find(externalItemId);
    return found == m_itemByExternalId.end() ? -1 : found->second;
}

Expected<Recommendation> RunRecommender::recommendNewUser(const std::vector<NewUserRating>& ratings, int topN,
                                                          RankBy rankBy)
{
    if (topN < 1)
        return badInput("k must be at least 1");
    auto rows = newUserRows(ratings);
    if (!rows)
        return rows.error();
    return rank(m_newUser, std::move(*rows), topN, rankBy);
}

Expected<std::vector<int32_t>> RunRecommender::newUserRows(const std::vector<NewUserRating>& ratings)
{
    Dataset& data = *m_data;
    std::unordered_set<int32_t> rated;
    for (const NewUserRating& entry : ratings) {
        if (entry.item < 0 || static_cast<std::size_t>(entry.item) >= data.itemCount())
            return badInput("no item with index " + std::to_string(entry.item) + " in dataset \"" + data.name + "\"");
        const std::string& id = data.items[static_cast<std::size_t>(entry.item)].externalId;
        if (!rated.insert(entry.item).second)
            return badInput("item \"" + id + "\" is rated twice; give each item one rating");
        if (!(entry.rating >= data.ratingMin && entry.rating <= data.ratingMax)) {
            std::ostringstream range;
            range << data.ratingMin << " to " << data.ratingMax;
            return badInput("the rating of item \"" + id + "\" is outside dataset \"" + data.name + "\"'s scale, "
                            + range.str());
        }
    }

    // The new user's rows replace the previous call's; later times keep them in the given order.
    const bool timed = !data.ratingTime.empty();
    int64_t latest = 0;
    for (std::size_t row = 0; timed && row < m_datasetRatings; ++row)
        latest = std::max(latest, data.ratingTime[row]);
    data.ratingUser.resize(m_datasetRatings);
    data.ratingItem.resize(m_datasetRatings);
    data.ratingValue.resize(m_datasetRatings);
    if (timed)
        data.ratingTime.resize(m_datasetRatings);
    std::vector<int32_t> rows;
    for (const NewUserRating& entry : ratings) {
        rows.push_back(static_cast<int32_t>(data.ratingCount()));
        data.ratingUser.push_back(m_newUser);
        data.ratingItem.push_back(entry.item);
        data.ratingValue.push_back(entry.rating);
        if (timed)
            data.ratingTime.push_back(++latest);
    }
    return rows;
}

void RunRecommender::candidatesFor(const std::vector<int32_t>& order, std::vector<int32_t>& candidates,
                                   std::vector<int32_t>& position) const
{
    // Candidates: every item not in the support; the user's other ratings are shown, not hidden.
    const Dataset& data = *m_data;
    position.assign(data.itemCount(), 0);
    for (int32_t row : order)
        position[static_cast<std::size_t>(data.ratingItem[static_cast<std::size_t>(row)])] = -1;
    candidates.clear();
    for (std::size_t item = 0; item < data.itemCount(); ++item)
        if (position[item] == 0) {
            position[item] = static_cast<int32_t>(candidates.size());
            candidates.push_back(static_cast<int32_t>(item));
        }
}

Expected<std::vector<RecommendedItem>> RunRecommender::topList(int32_t user, const std::vector<int32_t>& candidates,
                                                               const std::vector<int32_t>& position,
                                                               const std::vector<float>& scores,
                                                               const std::vector<float>& ranking, int topN,
                                                               RankBy rankBy) const
{
    if (scores.size() != candidates.size())
        return Error {"internal error: the model returned " + std::to_string(scores.size()) + " scores for "
                          + std::to_string(candidates.size()) + " items",
                      ExitCode::RunFailed};
    const Dataset& data = *m_data;
    std::unordered_map<int32_t, float> known;
    for (int32_t row : m_userRows[static_cast<std::size_t>(user)])
        known.emplace(data.ratingItem[static_cast<std::size_t>(row)], data.ratingValue[static_cast<std::size_t>(row)]);
    // The list follows the ranking score where the learner has one (unless asked for ratings);
    // the shown score is the rating.
    const bool byRating = ranking.empty() || rankBy == RankBy::Rating;
    std::vector<RecommendedItem> list;
    for (int32_t item : topK(candidates, byRating ? scores : ranking, topN)) {
        RecommendedItem entry;
        entry.item = item;
        entry.score = scores[static_cast<std::size_t>(position[static_cast<std::size_t>(item)])];
        if (const auto rating = known.find(item); rating != known.end())
            entry.knownRating = rating->second;
        list.push_back(entry);
    }
    return list;
}

Expected<Recommendation> RunRecommender::rank(int32_t user, std::vector<int32_t> order, int topN, RankBy rankBy)
{
    Recommendation recommendation;
    recommendation.user = user;
    recommendation.testUser = m_runOrder.count(user) > 0;
    recommendation.supportRows = order;
    std::vector<int32_t> candidates, position;
    candidatesFor(order, candidates, position);

    const Adaptation before = m_learner->predict(order, candidates, false);
    // Without a support there is nothing to adapt to (a sandbox user before the first rating).
    const Adaptation after = order.empty() ? before : m_learner->predict(order, candidates, true);
    auto beforeList = topList(user, candidates, position, before.scores, before.ranking, topN, rankBy);
    if (!beforeList)
        return beforeList.error();
    auto afterList = topList(user, candidates, position, after.scores, after.ranking, topN, rankBy);
    if (!afterList)
        return afterList.error();
    recommendation.ranksApart = !after.ranking.empty();
    recommendation.before = std::move(*beforeList);
    recommendation.after = std::move(*afterList);
    recommendation.innerLoss = after.innerLoss;

    // Keep only the attention rows of the recommended items.
    for (const auto& layer : after.attention.weights) {
        std::vector<std::vector<std::vector<float>>> heads;
        for (const auto& head : layer) {
            std::vector<std::vector<float>> rows;
            for (const RecommendedItem& entry : recommendation.after) {
                const auto at = static_cast<std::size_t>(position[static_cast<std::size_t>(entry.item)]);
                if (at < head.size())
                    rows.push_back(head[at]);
            }
            heads.push_back(std::move(rows));
        }
        recommendation.attention.weights.push_back(std::move(heads));
    }
    return recommendation;
}

Expected<SteppedAdaptation> RunRecommender::step(int32_t user, std::vector<int32_t> order, int steps, int topN)
{
    if (steps < 1 || steps > kMaxSteps)
        return badInput("steps must be between 1 and " + std::to_string(kMaxSteps));
    if (topN < 1)
        return badInput("k must be at least 1");
    if (order.empty())
        return badInput("rate at least one item to step through an adaptation");
    std::vector<int32_t> candidates, position;
    candidatesFor(order, candidates, position);
    const std::vector<AdaptationStep> path = m_learner->adaptStepByStep(order, candidates, steps);
    if (path.empty())
        return badInput("run " + m_config.model.kind + " + " + m_config.method.kind
                        + " does not adapt by gradient steps: pick a fine-tune, MAML, FOMAML, Reptile or "
                          "distillation run");

    const Dataset& data = *m_data;
    const std::vector<int32_t> query = user == m_newUser ? std::vector<int32_t> {} : queryRows(user, order);
    auto map = embeddingMap();
    SteppedAdaptation stepped;
    stepped.supportRows = order;
    for (const AdaptationStep& point : path) {
        stepped.supportLoss.push_back(point.supportLoss);
        if (!query.empty()) {
            double error = 0;
            for (int32_t row : query) {
                const auto at = static_cast<std::size_t>(row);
                const auto item = static_cast<std::size_t>(data.ratingItem[at]);
                error += std::abs(point.scores[static_cast<std::size_t>(position[item])] - data.ratingValue[at]);
            }
            stepped.queryError.push_back(static_cast<float>(error / static_cast<double>(query.size())));
        }
        auto list = topList(user, candidates, position, point.scores, point.ranking, topN, RankBy::Relevance);
        if (!list)
            return list.error();
        stepped.top.push_back(std::move(*list));
        if (map && m_axes && static_cast<int>(point.entityPoint.size()) == m_axes->dim)
            stepped.points.push_back(m_axes->project(point.entityPoint.data()));
    }
    return stepped;
}

Expected<EmbeddingMap> RunRecommender::embeddingMap()
{
    if (m_axes)
        return m_map;
    const EmbeddingSpace space = m_learner->embeddingSpace();
    if (space.dim == 0)
        return badInput("the " + m_config.model.kind + " model has no item embeddings to draw");
    m_axes = principalAxes(space.targets, space.dim);
    const auto d = static_cast<std::size_t>(space.dim);
    for (std::size_t item = 0; item * d < space.targets.size(); ++item)
        m_map.items.push_back(m_axes->project(space.targets.data() + item * d));
    for (std::size_t i = 0; i < space.known.size(); ++i) {
        m_map.users.push_back(space.known[i]);
        m_map.userPoints.push_back(m_axes->project(space.entities.data() + i * d));
    }
    for (std::size_t axis = 0; axis < m_axes->explained.size() && axis < 2; ++axis)
        m_map.explained[axis] = static_cast<float>(m_axes->explained[axis]);
    return m_map;
}

} // namespace fsr
