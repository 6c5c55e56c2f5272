#include "models/biasstats.h"

#include <algorithm>
#include <cmath>

namespace fsr {

namespace {
// Alternating passes: the biases settle after a handful (each pass is one least-squares sweep).
constexpr int kPasses = 4;
} // namespace

void BiasStats::fit(const RatingView& view, const std::vector<int32_t>& trainRows, double shrinkage)
{
    m_shrinkage = static_cast<float>(shrinkage);
    const size_t nT = static_cast<size_t>(view.targetCount());
    const size_t nE = static_cast<size_t>(view.entityCount());
    double sum = 0.0;
    for (int32_t row : trainRows)
        sum += view.value(row);
    m_mean = trainRows.empty() ? 0.5f * (view.data().ratingMin + view.data().ratingMax)
                               : static_cast<float>(sum / static_cast<double>(trainRows.size()));
    m_targetBias.assign(nT, 0.0f);
    m_entityBias.assign(nE, 0.0f);
    m_targetSum.assign(nT, 0.0f);
    m_targetCount.assign(nT, 0);
    std::vector<int32_t> entityCount(nE, 0);
    for (int32_t row : trainRows) {
        m_targetSum[static_cast<size_t>(view.target(row))] += view.value(row);
        ++m_targetCount[static_cast<size_t>(view.target(row))];
        ++entityCount[static_cast<size_t>(view.entity(row))];
    }
    std::vector<double> acc;
    for (int pass = 0; pass < kPasses; ++pass) {
        acc.assign(nT, 0.0);
        for (int32_t row : trainRows)
            acc[static_cast<size_t>(view.target(row))]
                += view.value(row) - m_mean - m_entityBias[static_cast<size_t>(view.entity(row))];
        for (size_t t = 0; t < nT; ++t)
            m_targetBias[t] = static_cast<float>(acc[t] / (m_targetCount[t] + shrinkage));
        acc.assign(nE, 0.0);
        for (int32_t row : trainRows)
            acc[static_cast<size_t>(view.entity(row))]
                += view.value(row) - m_mean - m_targetBias[static_cast<size_t>(view.target(row))];
        for (size_t e = 0; e < nE; ++e)
            m_entityBias[e] = static_cast<float>(acc[e] / (entityCount[e] + shrinkage));
    }
    updateMaxCount();
}

float BiasStats::foldIn(const RatingView& view, const std::vector<int32_t>& support) const
{
    double acc = 0.0;
    for (int32_t row : support)
        acc += view.value(row) - m_mean - m_targetBias[static_cast<size_t>(view.target(row))];
    return static_cast<float>(acc / (static_cast<double>(support.size()) + m_shrinkage));
}

float BiasStats::popularity(int32_t target) const
{
    return std::log1p(static_cast<float>(m_targetCount[static_cast<size_t>(target)]))
        / std::log1p(static_cast<float>(m_maxCount));
}

std::vector<float> BiasStats::foldInPredictions(const RatingView& view, const std::vector<int32_t>& support,
                                                const std::vector<int32_t>& targets, bool adapt) const
{
    const float bias = adapt ? foldIn(view, support) : 0.0f;
    std::vector<float> out;
    out.reserve(targets.size());
    for (int32_t t : targets)
        out.push_back(m_mean + m_targetBias[static_cast<size_t>(t)] + bias);
    return out;
}

void BiasStats::updateMaxCount()
{
    m_maxCount = 1;
    for (int32_t count : m_targetCount)
        m_maxCount = std::max(m_maxCount, count);
}

float BiasStats::targetMean(int32_t target) const
{
    return (m_targetSum[static_cast<size_t>(target)] + m_shrinkage * m_mean)
        / (static_cast<float>(m_targetCount[static_cast<size_t>(target)]) + m_shrinkage);
}

void BiasStats::save(TensorBlob& blob) const
{
    blob.putFloats("bias.scalars", {m_mean, m_shrinkage});
    blob.putFloats("bias.target", m_targetBias);
    blob.putFloats("bias.entity", m_entityBias);
    blob.putFloats("bias.targetSum", m_targetSum);
    blob.putInts("bias.targetCount", m_targetCount);
}

bool BiasStats::load(const TensorBlob& blob)
{
    const auto scalars = blob.floats("bias.scalars");
    if (scalars.size() != 2)
        return false;
    m_mean = scalars[0];
    m_shrinkage = scalars[1];
    m_targetBias = blob.floats("bias.target");
    m_entityBias = blob.floats("bias.entity");
    m_targetSum = blob.floats("bias.targetSum");
    m_targetCount = blob.ints("bias.targetCount");
    updateMaxCount();
    return m_targetBias.size() == m_targetCount.size() && m_targetSum.size() == m_targetCount.size();
}

} // namespace fsr
