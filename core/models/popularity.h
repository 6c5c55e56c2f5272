#pragma once

#include "models/baseline.h"
#include "models/biasstats.h"

#include <cmath>

namespace fsr {

/// Ranks by number of training ratings. As a rating it predicts the global mean, nudged by a
/// tiny popularity term so that rankings follow popularity while MAE stays the global mean's.
class Popularity : public Baseline {
public:
    void fit(const RatingView& view, const std::vector<int32_t>& trainRows) override
    {
        m_stats.fit(view, trainRows, 1.0);
        m_maxCount = 1;
        for (int t = 0; t < view.targetCount(); ++t)
            m_maxCount = std::max(m_maxCount, m_stats.targetCount(t));
    }
    std::vector<float> predict(const RatingView& view, const std::vector<int32_t>&, const std::vector<int32_t>& targets,
                               bool) const override
    {
        // Small against any rating scale's resolution, large against float rounding.
        const float nudge = 1e-3f * (view.data().ratingMax - view.data().ratingMin);
        std::vector<float> out;
        out.reserve(targets.size());
        for (int32_t t : targets)
            out.push_back(m_stats.mean() + nudge * std::log1p(float(m_stats.targetCount(t))) / std::log1p(float(m_maxCount)));
        return out;
    }
    void save(TensorBlob& blob) const override { m_stats.save(blob); }
    bool load(const RatingView& view, const TensorBlob& blob) override
    {
        if (!m_stats.load(blob))
            return false;
        m_maxCount = 1;
        for (int t = 0; t < view.targetCount(); ++t)
            m_maxCount = std::max(m_maxCount, m_stats.targetCount(t));
        return true;
    }

private:
    BiasStats m_stats;
    int32_t m_maxCount = 1;
};

} // namespace fsr
