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

protected:
    /// For ranking, the entity's own vector attends over the support as a target would: the
    /// result is one vector per task that every target's ranking score reads.
    torch::Tensor rankingVector(const ParamList& p, const Batch& b, AttentionTrace* trace) const override;

private:
    /// `queries` [T, N or 1, d] attend over the null token and the support tokens (residual
    /// layers); `leaveOneOut` keeps a support row from reading its own token.
    torch::Tensor attend(const ParamList& p, const Batch& b, torch::Tensor queries, bool leaveOneOut,
                         AttentionTrace* trace) const;
};

} // namespace fsr
