#pragma once

#include "models/baseline.h"
#include "models/biasstats.h"

namespace fsr {

/// The target's mean training rating, shrunk toward the global mean (few ratings, little trust).
class ItemMean : public Baseline {
public:
    explicit ItemMean(double shrinkage) : m_shrinkage(shrinkage) {}
    void fit(const RatingView& view, const std::vector<int32_t>& trainRows) override
    {
        m_stats.fit(view, trainRows, m_shrinkage);
    }
    std::vector<float> predict(const RatingView&, const std::vector<int32_t>&, const std::vector<int32_t>& targets,
                               bool) const override
    {
        std::vector<float> out;
        out.reserve(targets.size());
        for (int32_t t : targets)
            out.push_back(m_stats.targetMean(t));
        return out;
    }
    void save(TensorBlob& blob) const override { m_stats.save(blob); }
    bool load(const RatingView&, const TensorBlob& blob) override { return m_stats.load(blob); }

private:
    double m_shrinkage;
    BiasStats m_stats;
};

} // namespace fsr
