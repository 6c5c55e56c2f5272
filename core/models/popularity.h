#pragma once

#include "models/statsbaseline.h"

#include <cmath>

namespace fsr {

/// Ranks by number of training ratings. As a rating it predicts the global mean, nudged by a
/// tiny popularity term so that rankings follow popularity while MAE stays the global mean's.
class Popularity : public StatsBaseline {
public:
    void fit(const RatingView& view, const std::vector<int32_t>& trainRows) override
    {
        StatsBaseline::fit(view, trainRows);
        updateMaxCount(view);
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
    bool load(const RatingView& view, const TensorBlob& blob) override
    {
        if (!StatsBaseline::load(view, blob))
            return false;
        updateMaxCount(view);
        return true;
    }

private:
    void updateMaxCount(const RatingView& view)
    {
        m_maxCount = 1;
        for (int t = 0; t < view.targetCount(); ++t)
            m_maxCount = std::max(m_maxCount, m_stats.targetCount(t));
    }

    int32_t m_maxCount = 1;
};

} // namespace fsr
