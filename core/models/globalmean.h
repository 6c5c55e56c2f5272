#pragma once

#include "models/statsbaseline.h"

namespace fsr {

/// Every prediction is the training mean: the floor every other model must beat.
class GlobalMean : public StatsBaseline {
public:
    std::vector<float> predict(const RatingView&, const std::vector<int32_t>&, const std::vector<int32_t>& targets,
                               bool) const override
    {
        return std::vector<float>(targets.size(), m_stats.mean());
    }
};

} // namespace fsr
