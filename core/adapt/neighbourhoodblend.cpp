#include "adapt/neighbourhoodblend.h"

#include "eval/metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fsr {

namespace {

// Held-out training entities the weight is chosen on: enough for a stable mean nDCG, few enough
// that adapting to each at every support size stays a small share of training.
constexpr std::size_t kSelectionEntities = 100;
// The cut-off the weight is chosen for: the length of the lists people look at.
constexpr int kSelectionK = 10;
// Candidate weights, in units of (spread of the learned scores) / (spread of the neighbourhood
// scores): 0 (the learned ranking alone) up to the neighbourhood alone with learned tie-breaks.
constexpr double kRelativeWeights[] = {0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30, 100};

const std::string kPrefix = "neighbourhood.";
const std::string kWeightName = kPrefix + "weight";

/// One held-out entity at one support size, as the test protocol scores it: the query first,
/// then every target the entity did not rate.
struct SelectionCase {
    std::vector<int32_t> support;
    std::vector<int32_t> targets;
    std::vector<int32_t> relevant;
    std::vector<float> learned;
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

bool NeighbourhoodBlend::fit(const RatingView& view, const Split& split, const LearnedRanking& learned,
                             ProgressSink& sink)
{
    m_baseline.reset();
    m_weight = 0.0;
    const auto kinds = candidateKinds(view);
    if (kinds.empty() || split.trainTasks.empty())
        return true;
    const Dataset& data = view.data();
    const double threshold = m_config.eval.relevanceThreshold >= 0
        ? m_config.eval.relevanceThreshold
        : defaultRelevanceThreshold(data.ratingMin, data.ratingMax);

    // Entities spread evenly over the training tasks (their order is the protocol's seeded one).
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
            base.targets.push_back(target);
            excluded[static_cast<std::size_t>(target)] = 1;
            if (view.value(row) >= threshold)
                base.relevant.push_back(target);
        }
        if (base.relevant.empty() || task.support.empty())
            continue;
        held[static_cast<std::size_t>(task.entity)] = 1;
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
            cases.push_back(std::move(c));
        }
    }
    if (cases.empty())
        return true;
    std::vector<int32_t> fitRows;
    for (int32_t row : split.trainRatings)
        if (!held[static_cast<std::size_t>(view.entity(row))])
            fitRows.push_back(row);

    double learnedSpread = 0.0;
    for (const SelectionCase& c : cases)
        learnedSpread += spread(c.learned);
    const double learnedAlone = [&] {
        double sum = 0.0;
        for (const SelectionCase& c : cases)
            sum += ndcgAt(c, c.learned);
        return sum;
    }();
    double best = learnedAlone;
    std::string bestKind;
    double bestWeight = 0.0;
    for (const std::string& kind : kinds) {
        sink.onProgress(1.0, "fitting the neighbourhood (" + kind + ")");
        auto baseline = make(kind);
        baseline->fit(view, fitRows);
        std::vector<std::vector<float>> scores;
        double neighbourSpread = 0.0;
        for (const SelectionCase& c : cases) {
            if (sink.cancelled())
                return false;
            scores.push_back(baseline->rank(view, c.support, c.targets, true));
            neighbourSpread += spread(scores.back());
        }
        if (neighbourSpread <= 0.0 || learnedSpread <= 0.0)
            continue;
        for (double relative : kRelativeWeights) {
            if (relative == 0.0)
                continue;
            const double weight = relative * learnedSpread / neighbourSpread;
            double sum = 0.0;
            std::vector<float> mixed;
            for (std::size_t i = 0; i < cases.size(); ++i) {
                mixed = cases[i].learned;
                for (std::size_t j = 0; j < mixed.size(); ++j)
                    mixed[j] += static_cast<float>(weight * scores[i][j]);
                sum += ndcgAt(cases[i], mixed);
            }
            if (sum > best) {
                best = sum;
                bestKind = kind;
                bestWeight = weight;
            }
        }
    }
    const double count = static_cast<double>(cases.size());
    if (bestKind.empty()) {
        sink.onMessage("neighbourhood: none helps on held-out training users (learned ranking alone: nDCG@10 "
                       + std::to_string(learnedAlone / count) + ")");
        return true;
    }
    sink.onProgress(1.0, "fitting the neighbourhood (" + bestKind + ")");
    m_kind = bestKind;
    m_weight = static_cast<float>(bestWeight); // as stored, so a reloaded run scores the same
    m_baseline = make(bestKind);
    m_baseline->fit(view, split.trainRatings);
    sink.onMessage("neighbourhood: " + bestKind + ", weight " + std::to_string(bestWeight)
                   + " (nDCG@10 on held-out training users " + std::to_string(learnedAlone / count) + " -> "
                   + std::to_string(best / count) + ")");
    return true;
}

void NeighbourhoodBlend::addTo(std::vector<float>& ranking, const RatingView& view, const std::vector<int32_t>& support,
                               const std::vector<int32_t>& targets) const
{
    if (!active() || support.empty())
        return;
    const auto scores = m_baseline->rank(view, support, targets, true);
    for (std::size_t i = 0; i < ranking.size() && i < scores.size(); ++i)
        ranking[i] += static_cast<float>(m_weight * scores[i]);
}

void NeighbourhoodBlend::save(TensorBlob& blob) const
{
    if (!active())
        return;
    TensorBlob part;
    m_baseline->save(part);
    blob.putPart(kPrefix + m_kind + ".", part);
    blob.putFloats(kWeightName, {static_cast<float>(m_weight)});
}

bool NeighbourhoodBlend::load(const RatingView& view, const TensorBlob& blob)
{
    m_baseline.reset();
    m_weight = 0.0;
    const auto weight = blob.floats(kWeightName);
    if (weight.empty())
        return true;
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
        m_weight = weight.front();
        return true;
    }
    return false;
}

std::string NeighbourhoodBlend::describe() const
{
    return active() ? "neighbourhood " + m_kind + ", weight " + std::to_string(m_weight) : std::string();
}

} // namespace fsr
