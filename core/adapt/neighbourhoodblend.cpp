#include "adapt/neighbourhoodblend.h"

#include "common/text.h"
#include "eval/metrics.h"
#include "fewshot/taskbuilding.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace fsr {

namespace {

// Held-out training entities the weights are chosen on: enough for a stable mean, few enough
// that adapting to each at every support size stays a small share of training, and at most a
// tenth of the training entities, which the learned model trains without.
constexpr std::size_t kSelectionEntities = 100;
constexpr std::size_t kSelectionShareDivisor = 10;
// The cut-off the ranking weight is chosen for: the length of the lists people look at.
constexpr int kSelectionK = 10;
// Candidate ranking weights, in units of (spread of the learned scores) / (spread of the
// neighbourhood scores): 0 (the learned ranking alone) up to the neighbourhood with learned
// tie-breaks.
constexpr double kRelativeWeights[] = {0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30, 100};
// Candidate rating shares; below 1, so the learned model always has its say.
constexpr double kShares[] = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
// Candidate support sizes at which a part's weight or share is half its full value (0: the same
// at every size). A neighbourhood reads the support's neighbours, so the more ratings, the more it
// can be trusted next to the learned model (the shrinkage of Koren's neighbourhood weights,
// n / (n + c)); one rating's neighbours are a noisy list.
constexpr double kHalfways[] = {0, 2, 5, 10, 20, 50};

// Stored as "neighbourhood.ranking.<kind>" = {weight}, "neighbourhood.rating.<kind>" = {share} and
// each kind's fitted model under "neighbourhood.model.<kind>.".
const std::string kRankingPrefix = "neighbourhood.ranking.";
const std::string kRatingPrefix = "neighbourhood.rating.";
const std::string kModelPrefix = "neighbourhood.model.";

/// One held-out entity at one support size, as the test protocol scores it (prepareTask).
struct SelectionCase {
    std::vector<int32_t> support;
    std::vector<int32_t> targets;
    std::vector<int32_t> query;    ///< the first query.size() targets
    std::vector<float> truth;      ///< their ratings
    std::vector<int32_t> relevant; ///< query targets at or above the relevance threshold
    Adaptation learned;
};

/// The training tasks whose entities the weights are chosen on: a seeded sample, so that no
/// order of the tasks (by entity id, say) makes them alike.
std::vector<std::size_t> selectionTasks(const Split& split, uint64_t seed)
{
    const std::size_t tasks = split.trainTasks.size();
    std::vector<std::size_t> order(tasks);
    std::iota(order.begin(), order.end(), std::size_t {0});
    std::mt19937_64 rng(seed ^ 0x6e6569676862ULL);
    std::shuffle(order.begin(), order.end(), rng);
    order.resize(std::min(kSelectionEntities, tasks / kSelectionShareDivisor));
    std::sort(order.begin(), order.end());
    return order;
}

double spread(const std::vector<float>& values)
{
    if (values.size() < 2)
        return 0.0;
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
    double sum = 0.0;
    for (float v : values)
        sum += (v - mean) * (v - mean);
    return std::sqrt(sum / static_cast<double>(values.size()));
}

/// A part's weight or share at a support of `size` ratings: `full` x size / (size + halfway).
double amountAt(double full, double halfway, std::size_t size)
{
    const auto n = static_cast<double>(size);
    return n + halfway > 0.0 ? full * n / (n + halfway) : 0.0;
}

double ndcgAt(const SelectionCase& c, const std::vector<float>& scores)
{
    const auto metrics = rankingMetrics(topK(c.targets, scores, kSelectionK), c.relevant, kSelectionK);
    return metrics ? metrics->ndcg : 0.0;
}

/// How well one neighbourhood kind mixes in, on the selection cases.
struct KindChoice {
    double weight = 0.0, weightHalfway = 0.0, ndcgSum = 0.0; // best ranking weight and its summed nDCG@10
    double share = 0.0, shareHalfway = 0.0, errorSum = 0.0;  // best rating share and its summed absolute error
};

KindChoice choose(const Baseline& baseline, const RatingView& view, const std::vector<SelectionCase>& cases,
                  double learnedSpread, double learnedNdcg, double learnedError)
{
    KindChoice choice {0.0, 0.0, learnedNdcg, 0.0, 0.0, learnedError};
    std::vector<std::vector<float>> scores, ratings;
    double neighbourSpread = 0.0;
    for (const SelectionCase& c : cases) {
        scores.push_back(baseline.rank(view, c.support, c.targets, true));
        ratings.push_back(baseline.predict(view, c.support, c.query, true));
        neighbourSpread += spread(scores.back());
    }
    std::vector<float> mixed;
    for (double relative : kRelativeWeights)
        for (double halfway : kHalfways) {
            if (relative == 0.0 || neighbourSpread <= 0.0 || learnedSpread <= 0.0)
                continue;
            const double full = relative * learnedSpread / neighbourSpread;
            double sum = 0.0;
            for (std::size_t i = 0; i < cases.size(); ++i) {
                const auto weight = static_cast<float>(amountAt(full, halfway, cases[i].support.size()));
                mixed = cases[i].learned.ranking;
                for (std::size_t j = 0; j < mixed.size(); ++j)
                    mixed[j] += weight * scores[i][j];
                sum += ndcgAt(cases[i], mixed);
            }
            if (sum > choice.ndcgSum) {
                choice.weight = full;
                choice.weightHalfway = halfway;
                choice.ndcgSum = sum;
            }
        }
    for (double full : kShares)
        for (double halfway : kHalfways) {
            if (full == 0.0)
                continue;
            double sum = 0.0;
            for (std::size_t i = 0; i < cases.size(); ++i) {
                const double share = amountAt(full, halfway, cases[i].support.size());
                for (std::size_t q = 0; q < cases[i].query.size(); ++q) {
                    const double rating = (1.0 - share) * cases[i].learned.scores[q] + share * ratings[i][q];
                    sum += std::abs(rating - cases[i].truth[q]);
                }
            }
            if (sum < choice.errorSum) {
                choice.share = full;
                choice.shareHalfway = halfway;
                choice.errorSum = sum;
            }
        }
    return choice;
}

} // namespace

NeighbourhoodBlend::NeighbourhoodBlend(const ExperimentConfig& config) : m_config(config)
{
}

std::unique_ptr<Baseline> NeighbourhoodBlend::make(const std::string& kind) const
{
    ModelConfig part = m_config.model;
    part.kind = kind;
    return makeBaseline(part);
}

std::vector<std::string> NeighbourhoodBlend::candidateKinds(const RatingView& view) const
{
    const std::string choice = m_config.model.text("neighbourhood");
    std::vector<std::string> kinds;
    if (choice == "none")
        return kinds;
    for (const KindInfo* kind : Catalog::instance().kinds(KindFamily::Model))
        if (kind->capabilities.collaborativeTopN && (choice == "auto" || choice == kind->name))
            if (auto baseline = make(kind->name); baseline && !baseline->refuse(view))
                kinds.push_back(kind->name);
    return kinds;
}

Split NeighbourhoodBlend::learnedTrainingSplit(const RatingView& view, const Split& split) const
{
    const auto tasks = selectionTasks(split, m_config.seed);
    if (split.warm || tasks.empty() || candidateKinds(view).empty())
        return split;
    std::vector<char> held(static_cast<std::size_t>(view.entityCount()), 0);
    std::vector<char> heldTask(split.trainTasks.size(), 0);
    for (std::size_t t : tasks) {
        held[static_cast<std::size_t>(split.trainTasks[t].entity)] = 1;
        heldTask[t] = 1;
    }
    Split out = split;
    out.trainRatings.clear();
    for (int32_t row : split.trainRatings)
        if (!held[static_cast<std::size_t>(view.entity(row))])
            out.trainRatings.push_back(row);
    out.trainTasks.clear();
    for (std::size_t t = 0; t < split.trainTasks.size(); ++t)
        if (!heldTask[t])
            out.trainTasks.push_back(split.trainTasks[t]);
    return out;
}

bool NeighbourhoodBlend::fit(const RatingView& view, const Split& split, const Learned& learned, ProgressSink& sink)
{
    m_ranking = m_rating = Part();
    m_fitted.clear();
    const auto kinds = candidateKinds(view);
    if (kinds.empty() || split.trainTasks.empty())
        return true;
    const Dataset& data = view.data();
    const double threshold = m_config.eval.relevanceThreshold >= 0
        ? m_config.eval.relevanceThreshold
        : defaultRelevanceThreshold(data.ratingMin, data.ratingMax);

    sink.onProgress(1.0, "choosing the neighbourhood");
    std::vector<char> held(static_cast<std::size_t>(view.entityCount()), 0);
    std::vector<SelectionCase> cases;
    for (std::size_t t : selectionTasks(split, m_config.seed)) {
        if (sink.cancelled())
            return false;
        const Task& task = split.trainTasks[t];
        held[static_cast<std::size_t>(task.entity)] = 1;
        PreparedTask prepared = prepareTask(data, task, view.itemCold());
        SelectionCase base;
        base.truth = std::move(prepared.truth);
        base.query.assign(prepared.targets.begin(), prepared.targets.begin() + static_cast<long>(base.truth.size()));
        for (std::size_t q = 0; q < base.query.size(); ++q)
            if (base.truth[q] >= threshold)
                base.relevant.push_back(base.query[q]);
        if (base.relevant.empty() || task.support.empty())
            continue;
        base.targets = std::move(prepared.targets);
        std::ptrdiff_t previous = -1;
        for (int size : split.supportSizes) {
            const auto whole = static_cast<std::ptrdiff_t>(task.support.size());
            const std::ptrdiff_t length = size == kSupportAll ? whole : std::min<std::ptrdiff_t>(size, whole);
            if (length == previous)
                continue;
            previous = length;
            SelectionCase c = base;
            c.support.assign(task.support.begin(), task.support.begin() + length);
            c.learned = learned(c.support, c.targets);
            if (c.learned.ranking.size() == c.targets.size() && c.learned.scores.size() == c.targets.size())
                cases.push_back(std::move(c));
        }
    }
    if (cases.empty())
        return true;
    std::vector<int32_t> fitRows;
    for (int32_t row : split.trainRatings)
        if (!held[static_cast<std::size_t>(view.entity(row))])
            fitRows.push_back(row);

    double learnedSpread = 0.0, learnedNdcg = 0.0, learnedError = 0.0, queryRatings = 0.0;
    for (const SelectionCase& c : cases) {
        learnedSpread += spread(c.learned.ranking);
        learnedNdcg += ndcgAt(c, c.learned.ranking);
        for (std::size_t q = 0; q < c.query.size(); ++q)
            learnedError += std::abs(c.learned.scores[q] - c.truth[q]);
        queryRatings += static_cast<double>(c.query.size());
    }
    // Each part takes the kind that helps it most (where several fit, a rating kind need not
    // rank well).
    KindChoice ranking {0.0, 0.0, learnedNdcg, 0.0, 0.0, learnedError}, rating = ranking;
    std::string rankingKind, ratingKind;
    std::map<std::string, std::unique_ptr<Baseline>> candidates;
    for (const std::string& kind : kinds) {
        if (sink.cancelled())
            return false;
        sink.onProgress(1.0, "choosing the neighbourhood (" + kind + ")");
        auto baseline = make(kind);
        baseline->fit(view, fitRows);
        const KindChoice choice = choose(*baseline, view, cases, learnedSpread, learnedNdcg, learnedError);
        if (choice.ndcgSum > ranking.ndcgSum) {
            ranking = choice;
            rankingKind = kind;
        }
        if (choice.errorSum < rating.errorSum) {
            rating = choice;
            ratingKind = kind;
        }
    }
    const double count = static_cast<double>(cases.size());
    const std::string before = "nDCG@10 " + text::significant(learnedNdcg / count, 3) + ", MAE "
        + text::significant(learnedError / queryRatings, 3);
    if (rankingKind.empty() && ratingKind.empty()) {
        sink.onMessage("neighbourhood: none helps on held-out training users (learned model alone: " + before + ")");
        return true;
    }
    // As stored, so a reloaded run scores the same.
    if (!rankingKind.empty())
        m_ranking = {rankingKind, static_cast<float>(ranking.weight), static_cast<float>(ranking.weightHalfway)};
    if (!ratingKind.empty())
        m_rating = {ratingKind, static_cast<float>(rating.share), static_cast<float>(rating.shareHalfway)};
    for (const std::string& kind : {rankingKind, ratingKind}) {
        if (kind.empty() || m_fitted.count(kind))
            continue;
        sink.onProgress(1.0, "fitting the neighbourhood (" + kind + ")");
        m_fitted[kind] = make(kind);
        m_fitted[kind]->fit(view, split.trainRatings);
    }
    sink.onMessage(describe() + "; on held-out training users " + before + " -> nDCG@10 "
                   + text::significant(ranking.ndcgSum / count, 3) + ", MAE "
                   + text::significant(rating.errorSum / queryRatings, 3));
    return true;
}

void NeighbourhoodBlend::addTo(Adaptation& prediction, const RatingView& view, const std::vector<int32_t>& support,
                               const std::vector<int32_t>& targets) const
{
    if (support.empty())
        return;
    if (m_ranking.amount != 0.0f && prediction.ranking.size() == targets.size()) {
        const auto weight = static_cast<float>(amountAt(m_ranking.amount, m_ranking.halfway, support.size()));
        const auto scores = fitted(m_ranking).rank(view, support, targets, true);
        for (std::size_t i = 0; i < targets.size(); ++i)
            prediction.ranking[i] += weight * scores[i];
    }
    if (m_rating.amount != 0.0f && prediction.scores.size() == targets.size()) {
        const auto share = static_cast<float>(amountAt(m_rating.amount, m_rating.halfway, support.size()));
        const auto ratings = fitted(m_rating).predict(view, support, targets, true);
        for (std::size_t i = 0; i < targets.size(); ++i)
            prediction.scores[i] = (1.0f - share) * prediction.scores[i] + share * ratings[i];
    }
}

void NeighbourhoodBlend::save(TensorBlob& blob) const
{
    if (m_ranking.amount != 0.0f)
        blob.putFloats(kRankingPrefix + m_ranking.kind, {m_ranking.amount, m_ranking.halfway});
    if (m_rating.amount != 0.0f)
        blob.putFloats(kRatingPrefix + m_rating.kind, {m_rating.amount, m_rating.halfway});
    for (const auto& [kind, baseline] : m_fitted) {
        TensorBlob part;
        baseline->save(part);
        blob.putPart(kModelPrefix + kind + ".", part);
    }
}

bool NeighbourhoodBlend::load(const RatingView& view, const TensorBlob& blob)
{
    m_ranking = m_rating = Part();
    m_fitted.clear();
    for (const std::string& name : blob.names()) {
        for (auto [prefix, part] : {std::pair {&kRankingPrefix, &m_ranking}, std::pair {&kRatingPrefix, &m_rating}}) {
            if (name.rfind(*prefix, 0) != 0)
                continue;
            // {amount, halfway}; runs of earlier versions stored no halfway (the same amount at
            // every support size).
            const auto amount = blob.floats(name);
            if (amount.empty() || amount.size() > 2 || !std::isfinite(amount.front())
                || (amount.size() == 2 && !(amount[1] >= 0.0f)))
                return false;
            *part = {name.substr(prefix->size()), amount.front(), amount.size() == 2 ? amount[1] : 0.0f};
        }
    }
    // A blob without either part is a run of an earlier version, or one where nothing helped.
    for (const Part* part : {&m_ranking, &m_rating}) {
        if (part->amount == 0.0f || m_fitted.count(part->kind))
            continue;
        auto baseline = make(part->kind);
        if (!baseline || !capabilitiesOf(KindFamily::Model, part->kind).collaborativeTopN
            || !baseline->load(view, blob.part(kModelPrefix + part->kind + ".")))
            return false;
        m_fitted[part->kind] = std::move(baseline);
    }
    return true;
}

std::string NeighbourhoodBlend::describe() const
{
    auto halfwayText = [](const Part& part) {
        return part.halfway > 0.0f ? " (half that at " + text::significant(part.halfway, 3) + " ratings)" : std::string();
    };
    std::string parts;
    if (m_ranking.amount != 0.0f)
        parts = "ranking + " + text::significant(m_ranking.amount, 3) + " x " + m_ranking.kind + halfwayText(m_ranking);
    if (m_rating.amount != 0.0f)
        parts += (parts.empty() ? "" : ", ") + std::string("rating ") + text::significant(m_rating.amount, 3) + " x "
            + m_rating.kind + halfwayText(m_rating);
    return parts.empty() ? parts : "neighbourhood: " + parts;
}

} // namespace fsr
