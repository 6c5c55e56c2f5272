#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "models/model.h"

namespace fsr {

/// A new entity is the set of its support ratings: token = target embedding + rating embedding.
/// The target to score attends over those tokens (multi-head, 1-2 layers, residual), then an MLP
/// reads the result next to the target's own embedding. A learned "null" token is always
/// present, so an empty support is well defined. Attention weights are reported per layer/head.
class AttentionModel : public Model {
public:
    using Model::Model;
    std::vector<ParamSpec> specs() const override;
    torch::Tensor forward(const ParamList& params, const Batch& batch, AttentionTrace* trace) const override;
    bool usesContext() const override { return true; }
};

} // namespace fsr
