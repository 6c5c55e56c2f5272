#pragma once

#include "models/baseline.h"
#include "models/biasstats.h"

namespace fsr {

/// mu + b_target + b_new: target biases from training, the new entity's bias fitted (shrunk) on
/// its support. The classic strong cold-start baseline.
class BiasFoldin : public Baseline {
public:
    explicit BiasFoldin(double shrinkage) : m_shrinkage(shrinkage) {}
    void fit(const RatingView& view, const std::vector<int32_t>& trainRows) override
    {
        m_stats.fit(view, trainRows, m_shrinkage);
    }
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
    void save(TensorBlob& blob) const override { m_stats.save(blob); }
    bool load(const RatingView&, const TensorBlob& blob) override { return m_stats.load(blob); }

private:
    double m_shrinkage;
    BiasStats m_stats;
};

} // namespace fsr
