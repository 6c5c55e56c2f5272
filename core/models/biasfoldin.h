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
        return m_stats.foldInPredictions(view, support, targets, adapt);
    }
};

} // namespace fsr
