#pragma once

#include "models/statsbaseline.h"

namespace fsr {

/// mu + b_target + b_new: target biases from training, the new entity's bias fitted (shrunk) on
/// its support. The classic strong cold-start baseline.
class BiasFoldin : public StatsBaseline {
public:
    using StatsBaseline::StatsBaseline;
    std::vector<float> predict(const RatingView& view, const std::vector<int32_t>& support,
                               const std::vector<int32_t>& targets, bool adapt) const override
    {
        const float bias = adapt ? m_stats.foldIn(view, support) : 0.0f;
        std::vector<float> out;
        out.reserve(targets.size());
        for (int32_t t : targets)
            out.push_back(m_stats.mean() + m_stats.targetBias(t) + bias);
        return out;
    }
};

} // namespace fsr
