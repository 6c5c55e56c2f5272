#include "models/itemknn.h"

#include "spec/config.h"

#include <algorithm>
#include <cmath>

namespace fsr {

namespace {

// Added to the ranking score with a [0, 1] popularity: orders the candidates no support target
// reaches (score 0) by popularity instead of by index, too small to reorder real scores.
constexpr float kPopularityTieBreak = 1e-6f;

/// Each entity's distinct targets, sorted: similarity counts who rated what, once.
std::vector<std::vector<int32_t>> targetsByEntity(const RatingView& view, const std::vector<int32_t>& rows)
{
    std::vector<std::vector<int32_t>> out(static_cast<size_t>(view.entityCount()));
    for (int32_t row : rows)
        out[static_cast<size_t>(view.entity(row))].push_back(view.target(row));
    for (auto& targets : out) {
        std::sort(targets.begin(), targets.end());
        targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    }
    return out;
}

} // namespace

void ItemKnn::fit(const RatingView& view, const std::vector<int32_t>& trainRows)
{
    m_stats.fit(view, trainRows, m_shrinkage);
    const size_t nT = static_cast<size_t>(view.targetCount());

    // Cosine of the binary rater vectors: n_ab / sqrt(n_a * n_b). The similarity says which
    // targets go together (what top-N lists are scored on); how much the new entity liked each
    // support target enters once, at scoring time. Centring by each training entity's mean would
    // drop entities whose ratings are all equal and make co-rating itself count for nothing.
    const auto byEntity = targetsByEntity(view, trainRows);
    std::vector<std::vector<int32_t>> byTarget(nT);
    for (size_t e = 0; e < byEntity.size(); ++e)
        for (int32_t t : byEntity[e])
            byTarget[static_cast<size_t>(t)].push_back(static_cast<int32_t>(e));

    // One row of the sparse product X^T X at a time: a dense counter over targets plus the list
    // of those touched, so the cost is the sum of squared profile lengths and the memory O(targets).
    const size_t keep = static_cast<size_t>(std::max(1, m_neighbours));
    std::vector<int32_t> coRaters(nT, 0), touched;
    std::vector<SparseRows::Entry> candidates;
    m_similar.clear();
    for (size_t a = 0; a < nT; ++a) {
        touched.clear();
        for (int32_t e : byTarget[a])
            for (int32_t b : byEntity[static_cast<size_t>(e)])
                if (static_cast<size_t>(b) != a && coRaters[static_cast<size_t>(b)]++ == 0)
                    touched.push_back(b);
        candidates.clear();
        for (int32_t b : touched) {
            const double n = coRaters[static_cast<size_t>(b)];
            const double cosine = n
                / std::sqrt(static_cast<double>(byTarget[a].size())
                            * static_cast<double>(byTarget[static_cast<size_t>(b)].size()));
            candidates.push_back({static_cast<float>(cosine * n / (n + m_shrinkage)), b});
            coRaters[static_cast<size_t>(b)] = 0;
        }
        m_similar.appendRow(candidates, keep, SparseRows::Strength::Value);
    }
}

std::vector<float> ItemKnn::predict(const RatingView& view, const std::vector<int32_t>& support,
                                    const std::vector<int32_t>& targets, bool adapt) const
{
    // Koren's item-oriented kNN on top of the bias fold-in: before adaptation (or with nothing to
    // read) it is mu + b_target, after it mu + b_target + b_entity plus the neighbours' residuals.
    const float bias = adapt ? m_stats.foldIn(view, support) : 0.0f;
    auto baseline = [&](int32_t t) { return m_stats.mean() + m_stats.targetBias(t) + bias; };
    std::vector<float> out;
    out.reserve(targets.size());
    for (int32_t t : targets)
        out.push_back(baseline(t));
    if (!adapt || support.empty())
        return out;

    // The support targets' lists, not each candidate's: predict and rank read the same
    // neighbours, and the work grows with the support rather than with the catalog.
    const size_t nT = static_cast<size_t>(view.targetCount());
    std::vector<float> num(nT, 0.0f), den(nT, 0.0f);
    for (int32_t row : support) {
        const int32_t i = view.target(row);
        m_similar.addRowTo(i, view.value(row) - baseline(i), num);
        m_similar.addRowTo(i, 1.0f, den);
    }
    for (size_t k = 0; k < targets.size(); ++k) {
        const auto t = static_cast<size_t>(targets[k]);
        // +1 in the denominator (similarities are at most 1): a single weak neighbour only nudges
        // the baseline instead of replacing it with its own residual.
        if (den[t] > 0)
            out[k] += num[t] / (den[t] + 1.0f);
    }
    return out;
}

std::vector<float> ItemKnn::rank(const RatingView& view, const std::vector<int32_t>& support,
                                 const std::vector<int32_t>& targets, bool adapt) const
{
    std::vector<float> out;
    out.reserve(targets.size());
    if (!adapt || support.empty()) {
        for (int32_t t : targets)
            out.push_back(m_stats.popularity(t));
        return out;
    }
    double sum = 0.0;
    for (int32_t row : support)
        sum += view.value(row);
    const float mean = static_cast<float>(sum / static_cast<double>(support.size()));

    // A support target votes with weight 1 + (rating - the entity's own mean) in stars: the 1 is
    // that the entity chose to rate it (all a top-N list predicts), so equal ratings rank purely by
    // similarity; the centred part is how much more or less it liked this one than its others,
    // and a target rated a star below its mean stops pulling its neighbours up at all.
    std::vector<float> score(static_cast<size_t>(view.targetCount()), 0.0f);
    for (int32_t row : support) {
        const int32_t i = view.target(row);
        m_similar.addRowTo(i, 1.0f + (view.value(row) - mean) / view.scale(), score);
    }
    for (int32_t t : targets)
        out.push_back(score[static_cast<size_t>(t)] + kPopularityTieBreak * m_stats.popularity(t));
    return out;
}

float ItemKnn::similarity(int32_t a, int32_t b) const
{
    return m_similar.at(a, b);
}

void ItemKnn::save(TensorBlob& blob) const
{
    m_stats.save(blob);
    m_similar.save(blob, "itemknn.", "neighbour", "similarity");
}

bool ItemKnn::load(const RatingView& view, const TensorBlob& blob)
{
    const size_t nT = static_cast<size_t>(view.targetCount());
    // BiasStats checks itself but not against this view: its counts must cover every target.
    return m_stats.load(blob) && blob.ints("bias.targetCount").size() == nT
        && m_similar.load(blob, "itemknn.", "neighbour", "similarity", nT);
}

namespace {

KindInfo itemKnnKind()
{
    KindInfo kind;
    kind.name = "item-knn";
    kind.title = "Item k-nearest neighbours";
    kind.summary = "Recommends the items most similar (by who rated them) to the ones in the support";
    kind.order = 60;
    kind.capabilities.collaborativeTopN = true;
    kind.uses = {"model.neighbours", "model.shrinkage"};
    return kind;
}

const bool registered = registerBaseline(itemKnnKind(), [](const ModelConfig& config) {
    return std::make_unique<ItemKnn>(config.neighbours, config.shrinkage);
});

} // namespace

} // namespace fsr
