#include "models/biasedmf.h"

#include "models/layers.h"
#include "models/modelfactory.h"
#include "spec/config.h"

namespace fsr {

std::vector<ParamSpec> BiasedMf::specs() const
{
    std::vector<ParamSpec> specs;
    addSharedSpecs(specs);
    return specs;
}

torch::Tensor BiasedMf::forward(const ParamList& p, const Batch& b, AttentionTrace*) const
{
    auto user = entityVector(p, b);                       // [T, N or 1, d]
    auto item = targetVector(p, b.targets, b.sparseGrad); // [T, N, d]
    return (user * item).sum(-1) + entityBias(p, b) + targetBias(p, b.targets) + p["head.mu"];
}

torch::Tensor BiasedMf::forwardAndRankingLogits(const ParamList& p, const Batch& b, const torch::Tensor& candidates,
                                                torch::Tensor& logits, torch::Tensor* positive) const
{
    auto user = entityVector(p, b); // the ranking vector too: rankingVector() is not overridden
    torch::Tensor item, candidateVectors;
    if (candidates.defined() && b.tasks() == 1 && !layers::perTask(p["item.emb"], 2)) {
        // The batch's targets and the sampled candidates in one lookup: one sparse gradient of
        // the item table per step instead of two to add up and coalesce.
        const int64_t n = b.targets.size(1);
        const auto both = targetVector(p, torch::cat({b.targets, candidates.view({1, -1})}, 1), b.sparseGrad);
        item = both.narrow(1, 0, n);
        candidateVectors = both.narrow(1, n, candidates.numel());
    } else {
        item = targetVector(p, b.targets, b.sparseGrad); // [T, N, d]
    }
    auto dot = (user * item).sum(-1);
    if (positive)
        *positive = dot + layers::lookup(p["rank.bias"], b.targets, 1);
    logits = candidateLogits(p, b, user, candidates, std::move(candidateVectors));
    return dot + entityBias(p, b) + targetBias(p, b.targets) + p["head.mu"];
}

torch::Tensor BiasedMf::catalogForward(const ParamList& p, const Batch& b) const
{
    const int64_t T = b.tasks();
    auto user = entityVector(p, b).expand({T, 1, m_shape.dim}).reshape({T, m_shape.dim});
    auto items = allTargetVectors(p);
    const int64_t M = items.size(0);
    // The biases ride in the product, [u, b_u, 1] . [v, 1, b_i + mu]: the T x M result (most of
    // the evaluation's memory traffic) is written once instead of once per added term.
    auto left
        = torch::cat({user, entityBias(p, b).reshape({-1, 1}).expand({T, 1}), torch::ones({T, 1}, user.options())}, 1);
    auto right = torch::cat({items, torch::ones({M, 1}, items.options()),
                             (targetBias(p, m_allTargets) + p["head.mu"]).reshape({M, 1})},
                            1);
    return torch::mm(left, right.t());
}

namespace {

KindInfo biasedMfKind()
{
    KindInfo kind;
    kind.name = "biased-mf";
    kind.title = "Biased matrix factorisation";
    kind.summary = "A global mean, user and item biases and a dot product of user and item vectors";
    kind.order = 100;
    kind.uses = {"model.dim"};
    return kind;
}

const bool registered = registerModel(biasedMfKind(), [](const ModelShape& shape, torch::Device device) {
    return std::make_unique<BiasedMf>(shape, device);
});

} // namespace

} // namespace fsr
