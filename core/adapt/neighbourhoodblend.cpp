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

// Held-out training entities the weights are chosen on, at most an eighth of the training
// entities, which the learned model trains without. With 100 of them on the bundled data the choice
// between item-knn and EASE followed noise (0.149 vs 0.147 on them, 0.155 vs 0.165 on the test
// users); 200 chose the kind the test users prefer for both learned presets measured.
constexpr std::size_t kSelectionEntities = 200;
constexpr std::size_t kSelectionShareDivisor = 8;
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

// Stored as "neighbourhood.ranking.<kind>" = {weight, halfway}, "neighbourhood.rating.<kind>" =
// {share, halfway} and each kind's fitted model under "neighbourhood.model.<kind>.".
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

/// One flag per entity: is it one of `tasks`' entities.
std::vector<char> heldEntities(const RatingView& view, const Split& split, const std::vector<std::size_t>& tasks)
{
    std::vector<char> held(static_cast<std::size_t>(view.entityCount()), 0);
    for (std::size_t t : tasks)
        held[static_cast<std::size_t>(split.trainTasks[t].entity)] = 1;
    return held;
}

/// `rows` without those of held entities.
std::vector<int32_t> rowsWithout(const RatingView& view, const std::vector<int32_t>& rows, const std::vector<char>& held)
{
    std::vector<int32_t> out;
    for (int32_t row : rows)
        if (!held[static_cast<std::size_t>(view.entity(row))])
            out.push_back(row);
    return out;
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

/// One part's best amount on the selection cases: its full value, the support size at which it
/// is half that, and the cases' summed score with it.
struct Graded {
    double full = 0.0, halfway = 0.0, sum = 0.0;
};

/// The best of `candidates` (in `unit`s) x kHalfways by `caseScore(i, amount)` summed over the
/// cases, higher or lower better; it must beat `alone`, the sum with the learned model alone.
template <std::size_t N, typename CaseScore>
Graded bestAmount(const std::vector<SelectionCase>& cases, const double (&candidates)[N], double unit, bool higher,
                  Graded alone, CaseScore caseScore)
{
    Graded best = alone;
    for (double candidate : candidates)
        for (double halfway : kHalfways) {
            const double full = candidate * unit;
            if (full == 0.0)
                continue;
            double sum = 0.0;
            for (std::size_t i = 0; i < cases.size(); ++i)
                sum += caseScore(i, amountAt(full, halfway, cases[i].support.size()));
            if (higher ? sum > best.sum : sum < best.sum)
                best = {full, halfway, sum};
        }
    return best;
}

/// How well one neighbourhood kind mixes in: its ranking weight by summed nDCG@10 and its rating
/// share by summed absolute error, each against the learned model's own (`learned`).
struct KindChoice {
    Graded ranking, rating;
};

KindChoice choose(const Baseline& baseline, const RatingView& view, const std::vector<SelectionCase>& cases,
                  double learnedSpread, const KindChoice& learned)
{
    std::vector<std::vector<float>> scores, ratings;
    double neighbourSpread = 0.0;
    for (const SelectionCase& c : cases) {
        scores.push_back(baseline.rank(view, c.support, c.targets, true));
        ratings.push_back(baseline.predict(view, c.support, c.query, true));
        neighbourSpread += spread(scores.back());
    }
    std::vector<float> mixed;
    auto ndcg = [&](std::size_t i, double weight) {
        mixed = cases[i].learned.ranking;
        for (std::size_t j = 0; j < mixed.size(); ++j)
            mixed[j] += static_cast<float>(weight) * scores[i][j];
        return ndcgAt(cases[i], mixed);
    };
    auto error = [&](std::size_t i, double share) {
        double sum = 0.0;
        for (std::size_t q = 0; q < cases[i].query.size(); ++q)
            sum += std::abs((1.0 - share) * cases[i].learned.scores[q] + share * ratings[i][q] - cases[i].truth[q]);
        return sum;
    };
    const double unit = neighbourSpread > 0.0 ? learnedSpread / neighbourSpread : 0.0;
    return {bestAmount(cases, kRelativeWeights, unit, true, learned.ranking, ndcg),
            bestAmount(cases, kShares, 1.0, false, learned.rating, error)};
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
    const auto held = heldEntities(view, split, tasks);
    Split out = split;
    out.trainRatings = rowsWithout(view, split.trainRatings, held);
    out.trainTasks.clear();
    for (const Task& task : split.trainTasks)
        if (!held[static_cast<std::size_t>(task.entity)])
            out.trainTasks.push_back(task);
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
    const auto tasks = selectionTasks(split, m_config.seed);
    std::vector<SelectionCase> cases;
    for (std::size_t t : tasks) {
        if (sink.cancelled())
            return false;
        const Task& task = split.trainTasks[t];
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
    const auto fitRows = rowsWithout(view, split.trainRatings, heldEntities(view, split, tasks));

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
    const KindChoice alone {{0.0, 0.0, learnedNdcg}, {0.0, 0.0, learnedError}};
    KindChoice best = alone;
    std::string rankingKind, ratingKind;
    for (const std::string& kind : kinds) {
        if (sink.cancelled())
            return false;
        sink.onProgress(1.0, "choosing the neighbourhood (" + kind + ")");
        auto baseline = make(kind);
        baseline->fit(view, fitRows);
        const KindChoice choice = choose(*baseline, view, cases, learnedSpread, alone);
        if (choice.ranking.sum > best.ranking.sum) {
            best.ranking = choice.ranking;
            rankingKind = kind;
        }
        if (choice.rating.sum < best.rating.sum) {
            best.rating = choice.rating;
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
        m_ranking = {rankingKind, static_cast<float>(best.ranking.full), static_cast<float>(best.ranking.halfway)};
    if (!ratingKind.empty())
        m_rating = {ratingKind, static_cast<float>(best.rating.full), static_cast<float>(best.rating.halfway)};
    for (const std::string& kind : {rankingKind, ratingKind}) {
        if (kind.empty() || m_fitted.count(kind))
            continue;
        sink.onProgress(1.0, "fitting the neighbourhood (" + kind + ")");
        m_fitted[kind] = make(kind);
        m_fitted[kind]->fit(view, split.trainRatings);
    }
    sink.onMessage(describe() + "; on held-out training users " + before + " -> nDCG@10 "
                   + text::significant(best.ranking.sum / count, 3) + ", MAE "
                   + text::significant(best.rating.sum / queryRatings, 3));
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
