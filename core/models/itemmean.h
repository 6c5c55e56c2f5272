#pragma once

#include "models/statsbaseline.h"

namespace fsr {

/// The target's mean training rating, shrunk toward the global mean (few ratings, little trust).
class ItemMean : public StatsBaseline {
public:
    using StatsBaseline::StatsBaseline;
    std::vector<float> predict(const RatingView&, const std::vector<int32_t>&, const std::vector<int32_t>& targets,
                               bool) const override
    {
        std::vector<float> out;
        out.reserve(targets.size());
        for (int32_t t : targets)
            out.push_back(m_stats.targetMean(t));
        return out;
    }
};

} // namespace fsr
