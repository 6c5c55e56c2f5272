#pragma once

#include "models/statsbaseline.h"

namespace fsr {

/// Ranks by number of training ratings. As a rating it predicts the global mean, nudged by a
/// tiny popularity term so that rankings follow popularity while MAE stays the global mean's.
class Popularity : public StatsBaseline {
public:
    std::vector<float> predict(const RatingView& view, const std::vector<int32_t>&, const std::vector<int32_t>& targets,
                               bool) const override
    {
        // Small against any rating scale's resolution, large against float rounding.
        const float nudge = 1e-3f * (view.data().ratingMax - view.data().ratingMin);
        std::vector<float> out;
        out.reserve(targets.size());
        for (int32_t t : targets)
            out.push_back(m_stats.mean() + nudge * m_stats.popularity(t));
        return out;
    }
};

} // namespace fsr
