#pragma once

#include "models/baseline.h"
#include "models/biasstats.h"

namespace fsr {

/// Every prediction is the training mean: the floor every other model must beat.
class GlobalMean : public Baseline {
public:
    void fit(const RatingView& view, const std::vector<int32_t>& trainRows) override { m_stats.fit(view, trainRows, 1.0); }
    std::vector<float> predict(const RatingView&, const std::vector<int32_t>&, const std::vector<int32_t>& targets,
                               bool) const override
    {
        return std::vector<float>(targets.size(), m_stats.mean());
    }
    void save(TensorBlob& blob) const override { m_stats.save(blob); }
    bool load(const RatingView&, const TensorBlob& blob) override { return m_stats.load(blob); }

private:
    BiasStats m_stats;
};

} // namespace fsr
