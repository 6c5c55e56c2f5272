#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "models/model.h"

namespace fsr {

/// Biased matrix factorisation: mu + b_entity + b_target + p_entity . q_target. A new entity
/// starts from the learned user.vec / user.bias (plus its features, which is all a new item has
/// under item-cold-start) and is adapted on its support.
class BiasedMf : public Model {
public:
    using Model::Model;
    std::vector<ParamSpec> specs() const override;
    torch::Tensor forward(const ParamList& params, const Batch& batch, AttentionTrace* trace) const override;
    /// The rating and the ranking score share the entity's and the targets' vectors and their dot
    /// product: looked up once, which is most of a pretraining step's cost.
    torch::Tensor forwardAndRankingLogits(const ParamList& params, const Batch& batch, const torch::Tensor& candidates,
                                          torch::Tensor& logits, torch::Tensor* positive) const override;
    /// Every entity's vector times every target's: one [T, d] x [d, M] product.
    torch::Tensor catalogForward(const ParamList& params, const Batch& entities) const override;
};

} // namespace fsr
