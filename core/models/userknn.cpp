#include "models/userknn.h"

#include "spec/config.h"

#include <algorithm>
#include <cmath>

namespace fsr {

namespace {
// Similarities from few co-rated targets are noise: scale them by n / (n + this).
constexpr float kSimilarityShrink = 5.0f;
} // namespace

void UserKnn::fit(const RatingView& view, const std::vector<int32_t>& trainRows)
{
    m_stats.fit(view, trainRows, m_shrinkage);
    m_trainRows = trainRows;
    index(view);
}

void UserKnn::index(const RatingView& view)
{
    const size_t nT = static_cast<size_t>(view.targetCount()), nE = static_cast<size_t>(view.entityCount());
    m_byTargetStart.assign(nT + 1, 0);
    m_byEntityStart.assign(nE + 1, 0);
    for (int32_t row : m_trainRows) {
        ++m_byTargetStart[static_cast<size_t>(view.target(row)) + 1];
        ++m_byEntityStart[static_cast<size_t>(view.entity(row)) + 1];
    }
    for (size_t t = 0; t < nT; ++t)
        m_byTargetStart[t + 1] += m_byTargetStart[t];
    for (size_t e = 0; e < nE; ++e)
        m_byEntityStart[e + 1] += m_byEntityStart[e];
    m_byTargetEntity.resize(m_trainRows.size());
    m_byTargetResidual.resize(m_trainRows.size());
    m_byEntityTarget.resize(m_trainRows.size());
    m_byEntityResidual.resize(m_trainRows.size());
    auto tPos = m_byTargetStart, ePos = m_byEntityStart;
    for (int32_t row : m_trainRows) {
        const int32_t t = view.target(row), e = view.entity(row);
        const float residual = view.value(row) - m_stats.mean() - m_stats.targetBias(t) - m_stats.entityBias(e);
        const int64_t i = tPos[static_cast<size_t>(t)]++, j = ePos[static_cast<size_t>(e)]++;
        m_byTargetEntity[static_cast<size_t>(i)] = e;
        m_byTargetResidual[static_cast<size_t>(i)] = residual;
        m_byEntityTarget[static_cast<size_t>(j)] = t;
        m_byEntityResidual[static_cast<size_t>(j)] = residual;
    }
}

std::vector<UserKnn::Neighbour> UserKnn::neighbours(const RatingView& view, const std::vector<int32_t>& support,
                                                    float bias) const
{
    const size_t nE = static_cast<size_t>(view.entityCount());
    std::vector<float> dot(nE, 0.0f), selfNorm(nE, 0.0f), otherNorm(nE, 0.0f);
    std::vector<int32_t> overlap(nE, 0), touched;
    const int32_t self = view.entity(support.front());
    for (int32_t row : support) {
        const int32_t t = view.target(row);
        const float mine = view.value(row) - m_stats.mean() - m_stats.targetBias(t) - bias;
        for (int64_t i = m_byTargetStart[static_cast<size_t>(t)]; i < m_byTargetStart[static_cast<size_t>(t) + 1];
             ++i) {
            const auto e = static_cast<size_t>(m_byTargetEntity[static_cast<size_t>(i)]);
            if (static_cast<int32_t>(e) == self)
                continue; // warm protocol: the entity's own training rows are not a neighbour
            if (overlap[e] == 0)
                touched.push_back(static_cast<int32_t>(e));
            const float theirs = m_byTargetResidual[static_cast<size_t>(i)];
            dot[e] += mine * theirs;
            selfNorm[e] += mine * mine;
            otherNorm[e] += theirs * theirs;
            ++overlap[e];
        }
    }
    std::vector<Neighbour> found;
    for (int32_t e : touched) {
        const auto at = static_cast<size_t>(e);
        const float denom = std::sqrt(selfNorm[at] * otherNorm[at]);
        if (denom <= 0)
            continue;
        Neighbour n;
        n.entity = e;
        n.overlap = overlap[at];
        n.cosine = dot[at] / denom;
        const float count = static_cast<float>(n.overlap);
        n.similarity = dot[at] / denom * count / (count + kSimilarityShrink);
        found.push_back(n);
    }
    std::sort(found.begin(), found.end(), [](const Neighbour& a, const Neighbour& b) {
        return a.similarity > b.similarity || (a.similarity == b.similarity && a.entity < b.entity);
    });
    const size_t k = std::min(found.size(), static_cast<size_t>(std::max(1, m_neighbours)));
    for (size_t n = 0; n < k && found[n].similarity > 0; ++n)
        found[n].picked = true;
    return found;
}

std::vector<float> UserKnn::predict(const RatingView& view, const std::vector<int32_t>& support,
                                    const std::vector<int32_t>& targets, bool adapt) const
{
    const float bias = adapt ? m_stats.foldIn(view, support) : 0.0f;
    std::vector<float> out;
    out.reserve(targets.size());
    for (int32_t t : targets)
        out.push_back(m_stats.mean() + m_stats.targetBias(t) + bias);
    if (!adapt || support.empty())
        return out;

    std::vector<float> num(static_cast<size_t>(view.targetCount()), 0.0f),
        den(static_cast<size_t>(view.targetCount()), 0.0f);
    for (const Neighbour& n : neighbours(view, support, bias)) {
        if (!n.picked)
            break;
        const auto e = static_cast<size_t>(n.entity);
        for (int64_t j = m_byEntityStart[e]; j < m_byEntityStart[e + 1]; ++j) {
            const auto t = static_cast<size_t>(m_byEntityTarget[static_cast<size_t>(j)]);
            num[t] += n.similarity * m_byEntityResidual[static_cast<size_t>(j)];
            den[t] += n.similarity;
        }
    }
    for (size_t i = 0; i < targets.size(); ++i) {
        const auto t = static_cast<size_t>(targets[i]);
        // The denominator is shrunk too: one weak neighbour should not decide alone.
        if (den[t] > 0)
            out[i] += num[t] / (den[t] + 1.0f);
    }
    return out;
}

UserKnn::Explanation UserKnn::explain(const RatingView& view, const std::vector<int32_t>& support,
                                      int32_t target) const
{
    Explanation out;
    out.mean = m_stats.mean();
    out.targetBias = m_stats.targetBias(target);
    out.entityBias = support.empty() ? 0.0f : m_stats.foldIn(view, support);
    for (int32_t row : support)
        out.supportResiduals.push_back(view.value(row) - out.mean - m_stats.targetBias(view.target(row))
                                       - out.entityBias);
    if (!support.empty())
        out.neighbours = neighbours(view, support, out.entityBias);
    for (Neighbour& n : out.neighbours) {
        const auto e = static_cast<size_t>(n.entity);
        for (int64_t j = m_byEntityStart[e]; j < m_byEntityStart[e + 1]; ++j)
            if (m_byEntityTarget[static_cast<size_t>(j)] == target) {
                n.ratedTarget = true;
                n.targetResidual = m_byEntityResidual[static_cast<size_t>(j)];
            }
        if (n.picked && n.ratedTarget) {
            out.weightedSum += n.similarity * n.targetResidual;
            out.weightTotal += n.similarity;
        }
    }
    out.prediction = out.mean + out.targetBias + out.entityBias
        + (out.weightTotal > 0 ? out.weightedSum / (out.weightTotal + 1.0f) : 0.0f);
    return out;
}

void UserKnn::save(TensorBlob& blob) const
{
    m_stats.save(blob);
    blob.putInts("knn.trainRows", m_trainRows);
}

bool UserKnn::load(const RatingView& view, const TensorBlob& blob)
{
    if (!m_stats.load(blob))
        return false;
    m_trainRows = blob.ints("knn.trainRows");
    for (int32_t row : m_trainRows)
        if (row < 0 || static_cast<size_t>(row) >= view.data().ratingCount())
            return false;
    index(view);
    return true;
}

namespace {

KindInfo userKnnKind()
{
    KindInfo kind;
    kind.name = "user-knn";
    kind.title = "User k-nearest neighbours";
    kind.summary = "Finds the training users most similar to the support and averages their ratings";
    kind.order = 50;
    kind.uses = {"model.neighbours", "model.shrinkage"};
    return kind;
}

const bool registered = registerBaseline(userKnnKind(), [](const ModelConfig& config) {
    return std::make_unique<UserKnn>(config.neighbours, config.shrinkage);
});

} // namespace

} // namespace fsr
