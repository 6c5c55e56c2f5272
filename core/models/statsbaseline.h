#pragma once

#include "models/baseline.h"
#include "models/biasstats.h"

namespace fsr {

/// A baseline that is its training statistics (means, biases, counts, shrunk by `shrinkage`):
/// fitting, saving and loading them is the same for all; each kind only predicts differently.
class StatsBaseline : public Baseline {
public:
    explicit StatsBaseline(double shrinkage = 1.0) : m_shrinkage(shrinkage) { }
    void fit(const RatingView& view, const std::vector<int32_t>& trainRows) override
    {
        m_stats.fit(view, trainRows, m_shrinkage);
    }
    void save(TensorBlob& blob) const override { m_stats.save(blob); }
    bool load(const RatingView&, const TensorBlob& blob) override { return m_stats.load(blob); }

protected:
    BiasStats m_stats;

private:
    double m_shrinkage;
};

} // namespace fsr
