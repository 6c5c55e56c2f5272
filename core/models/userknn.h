#pragma once

#include "models/baseline.h"
#include "models/biasstats.h"

namespace fsr {

/// Neighbourhood model: the support is the new entity's profile; cosine similarity of baseline
/// residuals over co-rated targets picks the k most similar training entities, whose residuals
/// on a target (weighted by similarity) correct the bias prediction.
class UserKnn : public Baseline {
public:
    /// A training entity compared with the new one over the targets both rated.
    struct Neighbour {
        int32_t entity = 0;
        int overlap = 0;         ///< co-rated targets
        float cosine = 0.0f;     ///< of the two entities' baseline residuals on them
        float similarity = 0.0f; ///< cosine x overlap / (overlap + 5): few co-ratings count less
        bool picked = false;     ///< among the k most similar (and similar at all)
        bool ratedTarget = false;
        float targetResidual = 0.0f; ///< its residual on the explained target, where it rated it
    };
    /// One prediction with every number that goes into it, for showing the method at work:
    /// prediction = mean + targetBias + entityBias + sum(similarity x residual) / (sum(similarity) + 1)
    /// over the picked neighbours that rated the target.
    struct Explanation {
        float mean = 0.0f, targetBias = 0.0f, entityBias = 0.0f;
        std::vector<float> supportResiduals; ///< the new entity's, in support order
        std::vector<Neighbour> neighbours;   ///< most similar first
        float weightedSum = 0.0f, weightTotal = 0.0f;
        float prediction = 0.0f; ///< what predict() returns for the target
    };

    UserKnn(int neighbours, double shrinkage) : m_neighbours(neighbours), m_shrinkage(shrinkage) { }
    void fit(const RatingView& view, const std::vector<int32_t>& trainRows) override;
    std::vector<float> predict(const RatingView& view, const std::vector<int32_t>& support,
                               const std::vector<int32_t>& targets, bool adapt) const override;
    Explanation explain(const RatingView& view, const std::vector<int32_t>& support, int32_t target) const;
    void save(TensorBlob& blob) const override;
    bool load(const RatingView& view, const TensorBlob& blob) override;

private:
    void index(const RatingView& view);
    /// Every training entity that shares a target with the support, most similar first, the k
    /// used marked; `bias` is the new entity's folded-in bias.
    std::vector<Neighbour> neighbours(const RatingView& view, const std::vector<int32_t>& support, float bias) const;

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
