#include "adapt/neighbourhoodblend.h"

#include "eval/metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace fsr {

namespace {

// Held-out training entities the weights are chosen on: enough for a stable mean, few enough
// that adapting to each at every support size stays a small share of training.
constexpr std::size_t kSelectionEntities = 100;
// The cut-off the ranking weight is chosen for: the length of the lists people look at.
constexpr int kSelectionK = 10;
// Candidate ranking weights, in units of (spread of the learned scores) / (spread of the
// neighbourhood scores): 0 (the learned ranking alone) up to the neighbourhood with learned
// tie-breaks.
constexpr double kRelativeWeights[] = {0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30, 100};
// Candidate rating shares; below 1, so the learned model always has its say.
constexpr double kShares[] = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};

const std::string kPrefix = "neighbourhood.";
const std::string kWeightName = kPrefix + "weight";

/// One held-out entity at one support size, as the test protocol scores it: the query first,
/// then every target the entity did not rate.
struct SelectionCase {
    std::vector<int32_t> support;
    std::vector<int32_t> targets;
    std::vector<int32_t> query;    ///< the first query.size() targets
    std::vector<float> truth;      ///< their ratings
    std::vector<int32_t> relevant; ///< query targets at or above the relevance threshold
    Adaptation learned;
};

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

double ndcgAt(const SelectionCase& c, const std::vector<float>& scores)
{
    const auto metrics = rankingMetrics(topK(c.targets, scores, kSelectionK), c.relevant, kSelectionK);
    return metrics ? metrics->ndcg : 0.0;
}

std::string number(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", value);
    return text;
}

/// How well one neighbourhood kind mixes in, on the selection cases.
struct KindChoice {
    double weight = 0.0, ndcgSum = 0.0; // best ranking weight and its summed nDCG@10
    double share = 0.0, errorSum = 0.0; // best rating share and its summed absolute error
};

KindChoice choose(const Baseline& baseline, const RatingView& view, const std::vector<SelectionCase>& cases,
                  double learnedSpread, double learnedNdcg, double learnedError)
{
    KindChoice choice {0.0, learnedNdcg, 0.0, learnedError};
    std::vector<std::vector<float>> scores, ratings;
    double neighbourSpread = 0.0;
    for (const SelectionCase& c : cases) {
        scores.push_back(baseline.rank(view, c.support, c.targets, true));
        ratings.push_back(baseline.predict(view, c.support, c.query, true));
        neighbourSpread += spread(scores.back());
    }
    std::vector<float> mixed;
    for (double relative : kRelativeWeights) {
        if (relative == 0.0 || neighbourSpread <= 0.0 || learnedSpread <= 0.0)
            continue;
        const auto weight = static_cast<float>(relative * learnedSpread / neighbourSpread);
        double sum = 0.0;
        for (std::size_t i = 0; i < cases.size(); ++i) {
            mixed = cases[i].learned.ranking;
            for (std::size_t j = 0; j < mixed.size(); ++j)
                mixed[j] += weight * scores[i][j];
            sum += ndcgAt(cases[i], mixed);
        }
        if (sum > choice.ndcgSum)
            choice = {weight, sum, choice.share, choice.errorSum};
    }
    for (double share : kShares) {
        if (share == 0.0)
            continue;
        double sum = 0.0;
        for (std::size_t i = 0; i < cases.size(); ++i)
            for (std::size_t q = 0; q < cases[i].query.size(); ++q) {
                const double rating = (1.0 - share) * cases[i].learned.scores[q] + share * ratings[i][q];
                sum += std::abs(rating - cases[i].truth[q]);
            }
        if (sum < choice.errorSum) {
            choice.share = static_cast<float>(share);
            choice.errorSum = sum;
        }
    }
    return choice;
}

} // namespace

NeighbourhoodBlend::NeighbourhoodBlend(const ExperimentConfig& config)
    : m_config(config)
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

bool NeighbourhoodBlend::fit(const RatingView& view, const Split& split, const Learned& learned, ProgressSink& sink)
{
    m_baseline.reset();
    m_weight = m_share = 0.0f;
    const auto kinds = candidateKinds(view);
    if (kinds.empty() || split.trainTasks.empty())
        return true;
    const Dataset& data = view.data();
    const double threshold = m_config.eval.relevanceThreshold >= 0
        ? m_config.eval.relevanceThreshold
        : defaultRelevanceThreshold(data.ratingMin, data.ratingMax);

    // Entities spread evenly over the training tasks (their order is the protocol's seeded one).
    sink.onProgress(1.0, "choosing the neighbourhood");
    std::vector<char> held(static_cast<std::size_t>(view.entityCount()), 0);
    std::vector<SelectionCase> cases;
    const std::size_t stride = std::max<std::size_t>(1, split.trainTasks.size() / kSelectionEntities);
    for (std::size_t t = 0; t < split.trainTasks.size() && t / stride < kSelectionEntities; t += stride) {
        if (sink.cancelled())
            return false;
        const Task& task = split.trainTasks[t];
        std::vector<char> excluded(static_cast<std::size_t>(view.targetCount()), 0);
        SelectionCase base;
        for (int32_t row : task.query) {
            const int32_t target = view.target(row);
            base.query.push_back(target);
            base.truth.push_back(view.value(row));
            excluded[static_cast<std::size_t>(target)] = 1;
            if (view.value(row) >= threshold)
                base.relevant.push_back(target);
        }
        if (base.relevant.empty() || task.support.empty())
            continue;
        held[static_cast<std::size_t>(task.entity)] = 1;
        base.targets = base.query;
        for (int32_t row : task.support)
            excluded[static_cast<std::size_t>(view.target(row))] = 1;
        for (std::size_t target = 0; target < excluded.size(); ++target)
            if (!excluded[target])
                base.targets.push_back(static_cast<int32_t>(target));
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
    // The kind whose ranking gains most; where none does, the one whose ratings gain most.
    std::string bestKind;
    KindChoice best {0.0, learnedNdcg, 0.0, learnedError};
    for (const std::string& kind : kinds) {
        if (sink.cancelled())
            return false;
        sink.onProgress(1.0, "choosing the neighbourhood (" + kind + ")");
        auto baseline = make(kind);
        baseline->fit(view, fitRows);
        const KindChoice choice = choose(*baseline, view, cases, learnedSpread, learnedNdcg, learnedError);
        const bool better = choice.ndcgSum != best.ndcgSum ? choice.ndcgSum > best.ndcgSum
                                                           : choice.errorSum < best.errorSum;
        if (better) {
            best = choice;
            bestKind = kind;
        }
    }
    const double count = static_cast<double>(cases.size());
    const std::string before = "nDCG@10 " + number(learnedNdcg / count) + ", MAE " + number(learnedError / queryRatings);
    if (bestKind.empty()) {
        sink.onMessage("neighbourhood: none helps on held-out training users (learned model alone: " + before + ")");
        return true;
    }
    sink.onProgress(1.0, "fitting the neighbourhood (" + bestKind + ")");
    m_kind = bestKind;
    // As stored, so a reloaded run scores the same.
    m_weight = static_cast<float>(best.weight);
    m_share = static_cast<float>(best.share);
    m_baseline = make(bestKind);
    m_baseline->fit(view, split.trainRatings);
    sink.onMessage(describe() + ": on held-out training users " + before + " -> nDCG@10 " + number(best.ndcgSum / count)
                   + ", MAE " + number(best.errorSum / queryRatings));
    return true;
}

void NeighbourhoodBlend::addTo(Adaptation& prediction, const RatingView& view, const std::vector<int32_t>& support,
                               const std::vector<int32_t>& targets) const
{
    if (!active() || support.empty())
        return;
    if (m_weight != 0.0f && prediction.ranking.size() == targets.size()) {
        const auto scores = m_baseline->rank(view, support, targets, true);
        for (std::size_t i = 0; i < targets.size(); ++i)
            prediction.ranking[i] += m_weight * scores[i];
    }
    if (m_share != 0.0f && prediction.scores.size() == targets.size()) {
        const auto ratings = m_baseline->predict(view, support, targets, true);
        for (std::size_t i = 0; i < targets.size(); ++i)
            prediction.scores[i] = (1.0f - m_share) * prediction.scores[i] + m_share * ratings[i];
    }
}

void NeighbourhoodBlend::save(TensorBlob& blob) const
{
    if (!active())
        return;
    TensorBlob part;
    m_baseline->save(part);
    blob.putPart(kPrefix + m_kind + ".", part);
    blob.putFloats(kWeightName, {m_weight, m_share});
}

bool NeighbourhoodBlend::load(const RatingView& view, const TensorBlob& blob)
{
    m_baseline.reset();
    m_weight = m_share = 0.0f;
    const auto weights = blob.floats(kWeightName);
    if (weights.empty())
        return true;
    if (weights.size() != 2)
        return false;
    for (const std::string& name : blob.names()) {
        if (name.rfind(kPrefix, 0) != 0 || name == kWeightName)
            continue;
        const auto end = name.find('.', kPrefix.size());
        if (end == std::string::npos)
            return false;
        const std::string kind = name.substr(kPrefix.size(), end - kPrefix.size());
        auto baseline = make(kind);
        if (!baseline || !capabilitiesOf(KindFamily::Model, kind).collaborativeTopN
            || !baseline->load(view, blob.part(kPrefix + kind + ".")))
            return false;
        m_kind = kind;
        m_baseline = std::move(baseline);
        m_weight = weights[0];
        m_share = weights[1];
        return true;
    }
    return false;
}

std::string NeighbourhoodBlend::describe() const
{
    if (!active())
        return {};
    return "neighbourhood " + m_kind + " (ranking weight " + number(m_weight) + ", rating share " + number(m_share)
        + ")";
}

} // namespace fsr
