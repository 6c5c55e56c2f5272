#pragma once

#include "models/baseline.h"
#include "models/biasstats.h"

namespace fsr {

/// Neighbourhood model: the support is the new entity's profile; cosine similarity of baseline
/// residuals over co-rated targets picks the k most similar training entities, whose residuals
/// on a target (weighted by similarity) correct the bias prediction.
class UserKnn : public Baseline {
public:
    UserKnn(int neighbours, double shrinkage) : m_neighbours(neighbours), m_shrinkage(shrinkage) { }
    void fit(const RatingView& view, const std::vector<int32_t>& trainRows) override;
    std::vector<float> predict(const RatingView& view, const std::vector<int32_t>& support,
                               const std::vector<int32_t>& targets, bool adapt) const override;
    void save(TensorBlob& blob) const override;
    bool load(const RatingView& view, const TensorBlob& blob) override;

private:
    void index(const RatingView& view);

    int m_neighbours;
    double m_shrinkage;
    BiasStats m_stats;
    std::vector<int32_t> m_trainRows;
    // CSR indexes of training residuals, by target and by entity.
    std::vector<int64_t> m_byTargetStart, m_byEntityStart;
    std::vector<int32_t> m_byTargetEntity, m_byEntityTarget;
    std::vector<float> m_byTargetResidual, m_byEntityResidual;
};

} // namespace fsr
