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
    std::vector<std::pair<float, int32_t>> sims;
    for (int32_t e : touched) {
        const float denom = std::sqrt(selfNorm[static_cast<size_t>(e)] * otherNorm[static_cast<size_t>(e)]);
        if (denom <= 0)
            continue;
        const float n = static_cast<float>(overlap[static_cast<size_t>(e)]);
        sims.emplace_back(dot[static_cast<size_t>(e)] / denom * n / (n + kSimilarityShrink), e);
    }
    const size_t k = std::min(sims.size(), static_cast<size_t>(std::max(1, m_neighbours)));
    std::partial_sort(sims.begin(), sims.begin() + static_cast<long>(k), sims.end(), [](const auto& a, const auto& b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
    });

    std::vector<float> num(static_cast<size_t>(view.targetCount()), 0.0f),
        den(static_cast<size_t>(view.targetCount()), 0.0f);
    for (size_t n = 0; n < k; ++n) {
        const auto [sim, e] = sims[n];
        if (sim <= 0)
            break;
        for (int64_t j = m_byEntityStart[static_cast<size_t>(e)]; j < m_byEntityStart[static_cast<size_t>(e) + 1];
             ++j) {
            const auto t = static_cast<size_t>(m_byEntityTarget[static_cast<size_t>(j)]);
            num[t] += sim * m_byEntityResidual[static_cast<size_t>(j)];
            den[t] += sim;
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
