#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "models/model.h"

namespace fsr {

/// MeLU-style model: embeddings of the target's id and features (genres, year, title words),
/// the entity's attributes (where the dataset has them) and the entity's own vector, concatenated
/// and fed to a two-layer MLP (the "decision layers", head.*), plus bias terms.
class NeuralModel : public Model {
public:
    using Model::Model;
    std::vector<ParamSpec> specs() const override;
    torch::Tensor forward(const ParamList& params, const Batch& batch, AttentionTrace* trace) const override;
};

} // namespace fsr
