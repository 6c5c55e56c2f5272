#pragma once

#include "models/ratingview.h"
#include "models/tensorblob.h"

#include <cstdint>
#include <vector>

namespace fsr {

/// Regularised baseline biases r ~ mu + b_entity + b_target (Koren's baseline predictor), fitted
/// by a few alternating passes. Shared by the mean-style baselines and user-knn.
class BiasStats {
public:
    void fit(const RatingView& view, const std::vector<int32_t>& trainRows, double shrinkage);
    /// The bias of a new entity from its support rows, shrunk toward 0.
    float foldIn(const RatingView& view, const std::vector<int32_t>& support) const;

    float mean() const { return m_mean; }
    float targetBias(int32_t target) const { return m_targetBias[static_cast<size_t>(target)]; }
    float entityBias(int32_t entity) const { return m_entityBias[static_cast<size_t>(entity)]; }
    int32_t targetCount(int32_t target) const { return m_targetCount[static_cast<size_t>(target)]; }
    /// Mean of the target's training ratings, shrunk toward the global mean.
    float targetMean(int32_t target) const;
    /// log(1 + training count) / log(1 + the largest count): popularity in [0, 1], the prior
    /// of the top-N kinds before (or without) a support.
    float popularity(int32_t target) const;
    /// mu + b_target + b_new for every target, the new entity's bias folded in from `support`
    /// (0 when `adapt` is false): the bias fold-in's rating prediction.
    std::vector<float> foldInPredictions(const RatingView& view, const std::vector<int32_t>& support,
                                         const std::vector<int32_t>& targets, bool adapt) const;

    void save(TensorBlob& blob) const;
    bool load(const TensorBlob& blob);

private:
    float m_mean = 0.0f;
    float m_shrinkage = 10.0f;
    std::vector<float> m_targetBias;
    std::vector<float> m_entityBias;
    std::vector<float> m_targetSum;
    std::vector<int32_t> m_targetCount;
    int32_t m_maxCount = 1; ///< the largest of m_targetCount (popularity's scale)

    void updateMaxCount();
};

} // namespace fsr
