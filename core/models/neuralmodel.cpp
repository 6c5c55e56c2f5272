#include "models/neuralmodel.h"

#include "models/modelfactory.h"
#include "spec/config.h"

#include "models/layers.h"

#include <cmath>

namespace fsr {

std::vector<ParamSpec> NeuralModel::specs() const
{
    std::vector<ParamSpec> specs;
    addSharedSpecs(specs);
    const int64_t d = m_shape.dim, h = m_shape.hidden;
    // Input: target vector (id + features) and the entity vector (own vector + attributes).
    const int64_t in = 2 * d;
    // He-style scales keep the ReLU activations at unit size at the start.
    specs.push_back({"head.fc1.weight", {h, in}, static_cast<float>(std::sqrt(2.0 / static_cast<double>(in)))});
    specs.push_back({"head.fc1.bias", {h}, 0.0f});
    specs.push_back({"head.fc2.weight", {h, h}, static_cast<float>(std::sqrt(2.0 / static_cast<double>(h)))});
    specs.push_back({"head.fc2.bias", {h}, 0.0f});
    specs.push_back({"head.out.weight", {1, h}, static_cast<float>(std::sqrt(1.0 / static_cast<double>(h)))});
    specs.push_back({"head.out.bias", {1}, 0.0f});
    return specs;
}

torch::Tensor NeuralModel::forward(const ParamList& p, const Batch& b, AttentionTrace*) const
{
    auto item = targetVector(p, b.targets, b.sparseGrad);
    auto user = entityVector(p, b).expand_as(item);
    auto x = torch::cat({item, user}, -1);
    x = torch::relu(layers::linear(x, p["head.fc1.weight"], p["head.fc1.bias"]));
    x = torch::relu(layers::linear(x, p["head.fc2.weight"], p["head.fc2.bias"]));
    auto out = layers::linear(x, p["head.out.weight"], p["head.out.bias"]).squeeze(-1);
    return out + entityBias(p, b) + targetBias(p, b.targets) + p["head.mu"];
}

namespace {

KindInfo neuralKind()
{
    KindInfo kind;
    kind.name = "neural";
    kind.title = "Neural (embeddings + MLP)";
    kind.summary = "User and item embeddings with their features, scored by a small MLP";
    kind.order = 110;
    kind.uses = {"model.dim", "model.hidden"};
    return kind;
}

const bool registered = registerModel(neuralKind(), [](const ModelShape& shape, torch::Device device) {
    return std::make_unique<NeuralModel>(shape, device);
});

} // namespace

} // namespace fsr
