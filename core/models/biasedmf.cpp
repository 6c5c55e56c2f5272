#include "models/biasedmf.h"

namespace fsr {

std::vector<ParamSpec> BiasedMf::specs() const
{
    std::vector<ParamSpec> specs;
    addSharedSpecs(specs);
    return specs;
}

torch::Tensor BiasedMf::forward(const ParamList& p, const Batch& b, AttentionTrace*) const
{
    auto user = entityVector(p, b);          // [T, N or 1, d]
    auto item = targetVector(p, b.targets, b.sparseGrad);  // [T, N, d]
    return (user * item).sum(-1) + entityBias(p, b) + targetBias(p, b.targets) + p["head.mu"];
}

} // namespace fsr
