#include "models/model.h"

#include "models/layers.h"

#include <algorithm>

namespace fsr {

namespace {

// Embeddings start small so dot products begin near zero and the biases learn first.
constexpr float kEmbeddingStd = 0.1f;

void featureTensors(const FeatureTable& table, int rows, torch::Device device, torch::Tensor& ids,
                    torch::Tensor& inverse)
{
    if (table.width == 0)
        return;
    ids = torch::from_blob(const_cast<int32_t*>(table.ids.data()), {rows, table.width}, torch::kInt32)
              .to(torch::kInt64)
              .to(device);
    inverse = 1.0 / (ids > 0).sum(1).to(torch::kFloat32).clamp_min(1.0);
}

} // namespace

Model::Model(const ModelShape& shape, torch::Device device) : m_shape(shape), m_device(device)
{
    featureTensors(shape.entityFeatures, shape.entities, device, m_entityFeatures, m_entityInverse);
    featureTensors(shape.targetFeatures, shape.targets, device, m_targetFeatures, m_targetInverse);
    m_allTargets
        = torch::arange(static_cast<int64_t>(shape.targets), torch::TensorOptions().dtype(torch::kInt64).device(device))
              .view({1, -1});
}

ParamList Model::init(std::mt19937_64& rng) const
{
    ParamList params;
    for (const auto& spec : specs()) {
        int64_t n = 1;
        for (int64_t s : spec.shape)
            n *= s;
        std::vector<float> values(static_cast<size_t>(n), 0.0f);
        if (spec.initStd > 0) {
            std::normal_distribution<float> normal(0.0f, spec.initStd);
            for (float& v : values)
                v = normal(rng);
        }
        auto t = torch::from_blob(values.data(), spec.shape, torch::kFloat32).clone().to(m_device);
        params.add(spec.name, t.set_requires_grad(true));
    }
    return params;
}

int64_t Model::parameterCount() const
{
    int64_t total = 0;
    for (const auto& spec : specs()) {
        int64_t n = 1;
        for (int64_t s : spec.shape)
            n *= s;
        total += n;
    }
    return total;
}

bool Model::inScope(const std::string& name, const std::string& scope)
{
    const bool user = name.rfind("user.", 0) == 0;
    if (scope == "user")
        return user;
    if (scope == "head")
        return user || name.rfind("head.", 0) == 0;
    return name.rfind("table.", 0) != 0; // all
}

void Model::addSharedSpecs(std::vector<ParamSpec>& specs) const
{
    const int64_t d = m_shape.dim;
    specs.push_back({"head.mu", {1}, 0.0f});
    specs.push_back({"user.vec", {d}, kEmbeddingStd});
    specs.push_back({"user.bias", {1}, 0.0f});
    specs.push_back({"item.emb", {m_shape.targets, d}, kEmbeddingStd});
    specs.push_back({"item.bias", {m_shape.targets}, 0.0f});
    // Ranking (train.objective ranking or joint): the training sets it to log popularity first.
    specs.push_back({"rank.bias", {m_shape.targets}, 0.0f});
    if (m_shape.targetFeatures.width > 0) {
        specs.push_back({"feat.targetEmb", {m_shape.targetFeatures.vocab, d}, kEmbeddingStd});
        specs.push_back({"feat.targetBias", {m_shape.targetFeatures.vocab}, 0.0f});
    }
    if (m_shape.entityFeatures.width > 0) {
        specs.push_back({"feat.entityEmb", {m_shape.entityFeatures.vocab, d}, kEmbeddingStd});
        specs.push_back({"feat.entityBias", {m_shape.entityFeatures.vocab}, 0.0f});
    }
    if (m_shape.entityTable) {
        // Training entities' offsets from the learned starting point user.vec / user.bias: a new
        // entity (offset 0) starts from the average entity, which adaptation then moves.
        specs.push_back({"table.vec", {m_shape.entities, d}, 0.0f});
        specs.push_back({"table.bias", {m_shape.entities}, 0.0f});
    }
}

torch::Tensor Model::entityVector(const ParamList& p, const Batch& b) const
{
    auto v = layers::broadcastVector(p["user.vec"]);
    if (v.dim() == 1)
        v = v.view({1, 1, -1});
    if (m_entityFeatures.defined()) {
        auto ids = m_entityFeatures.index_select(0, b.entities.reshape({-1}))
                       .view({b.entities.size(0), b.entities.size(1), -1});
        auto inv = m_entityInverse.index_select(0, b.entities.reshape({-1})).view(b.entities.sizes());
        v = v + layers::bag(p["feat.entityEmb"], ids, inv, b.sparseGrad);
    }
    if (b.useTable && p.has("table.vec"))
        v = v + layers::lookup(p["table.vec"], b.entities, 2, b.sparseGrad);
    return v;
}

torch::Tensor Model::entityBias(const ParamList& p, const Batch& b) const
{
    auto bias = p["user.bias"]; // [1] or [T, 1]: both broadcast against [T, N]
    if (m_entityFeatures.defined()) {
        auto ids = m_entityFeatures.index_select(0, b.entities.reshape({-1}))
                       .view({b.entities.size(0), b.entities.size(1), -1});
        auto inv = m_entityInverse.index_select(0, b.entities.reshape({-1})).view(b.entities.sizes());
        bias = bias + layers::bag(p["feat.entityBias"].unsqueeze(-1), ids, inv).squeeze(-1);
    }
    if (b.useTable && p.has("table.bias"))
        bias = bias + layers::lookup(p["table.bias"], b.entities, 1);
    return bias;
}

torch::Tensor Model::targetVector(const ParamList& p, const torch::Tensor& targets, bool sparse) const
{
    auto v = layers::lookup(p["item.emb"], targets, 2, sparse);
    if (m_targetFeatures.defined()) {
        auto ids = m_targetFeatures.index_select(0, targets.reshape({-1})).view({targets.size(0), targets.size(1), -1});
        auto inv = m_targetInverse.index_select(0, targets.reshape({-1})).view(targets.sizes());
        v = v + layers::bag(p["feat.targetEmb"], ids, inv, sparse);
    }
    return v;
}

torch::Tensor Model::targetBias(const ParamList& p, const torch::Tensor& targets) const
{
    auto bias = layers::lookup(p["item.bias"], targets, 1);
    if (m_targetFeatures.defined()) {
        auto ids = m_targetFeatures.index_select(0, targets.reshape({-1})).view({targets.size(0), targets.size(1), -1});
        auto inv = m_targetInverse.index_select(0, targets.reshape({-1})).view(targets.sizes());
        bias = bias + layers::bag(p["feat.targetBias"].unsqueeze(-1), ids, inv).squeeze(-1);
    }
    return bias;
}

torch::Tensor Model::rankingLogits(const ParamList& p, const Batch& b, const torch::Tensor& candidates,
                                   torch::Tensor* positive) const
{
    auto user = rankingVector(p, b, nullptr);
    if (positive)
        *positive = rankingScores(p, b, user);
    return candidateLogits(p, b, std::move(user), candidates);
}

torch::Tensor Model::forwardAndRankingLogits(const ParamList& p, const Batch& b, const torch::Tensor& candidates,
                                             torch::Tensor& logits, torch::Tensor* positive) const
{
    logits = rankingLogits(p, b, candidates, positive);
    return forward(p, b);
}

torch::Tensor Model::candidateLogits(const ParamList& p, const Batch& b, torch::Tensor user,
                                     const torch::Tensor& candidates, torch::Tensor candidateVectors) const
{
    const int64_t T = b.tasks(), d = m_shape.dim;
    // One vector per task unless the rows' entities differ (rows() batches carry no mask).
    const int64_t R = b.mask.defined() ? 1 : user.size(1);
    user = user.narrow(1, 0, R).expand({T, R, d});
    const bool perTaskTargets = layers::perTask(p["item.emb"], 2);
    const auto ids = candidates.defined() ? candidates.view({1, -1}) : m_allTargets;
    auto targets = candidateVectors.defined() ? std::move(candidateVectors)
                                              : targetVector(p, perTaskTargets ? ids.expand({T, -1}) : ids,
                                                             b.sparseGrad); // [1 or T, C, d]
    // Shared targets: one [T R, d] x [d, C] product (a batched one would copy the targets T times).
    auto logits = perTaskTargets ? torch::bmm(user, targets.transpose(1, 2))
                                 : torch::mm(user.reshape({T * R, d}), targets.squeeze(0).t()).view({T, R, -1});
    const auto& bias = p["rank.bias"];
    auto targetBias = !candidates.defined()
        ? (bias.dim() == 1 ? bias.unsqueeze(0) : bias)
        : layers::lookup(bias, layers::perTask(bias, 1) ? ids.expand({T, -1}) : ids, 1);
    return logits + targetBias.unsqueeze(1);
}

torch::Tensor Model::catalogForward(const ParamList& p, const Batch& entities) const
{
    // Rows of [chunk, M] per forward pass: bounds what a model's per-pair intermediates take.
    constexpr int64_t kPairsPerPass = int64_t(1) << 20;
    const int64_t T = entities.tasks(), M = m_shape.targets;
    const int64_t chunk = std::max<int64_t>(1, kPairsPerPass / std::max<int64_t>(M, 1));
    std::vector<torch::Tensor> parts;
    for (int64_t from = 0; from < T; from += chunk) {
        const int64_t n = std::min(chunk, T - from);
        Batch pairs;
        pairs.entities = entities.entities.narrow(0, from, n).expand({n, M});
        pairs.targets = m_allTargets.expand({n, M});
        pairs.ratings = torch::zeros({n, M}, pairs.targets.options().dtype(torch::kFloat32));
        pairs.mask = torch::ones_like(pairs.ratings);
        pairs.useTable = entities.useTable;
        parts.push_back(forward(p, pairs));
    }
    return torch::cat(parts, 0);
}

torch::Tensor Model::rankingScores(const ParamList& p, const Batch& b, AttentionTrace* trace) const
{
    return rankingScores(p, b, rankingVector(p, b, trace));
}

torch::Tensor Model::rankingScores(const ParamList& p, const Batch& b, const torch::Tensor& user) const
{
    auto targets = targetVector(p, b.targets, b.sparseGrad);
    return (user * targets).sum(-1) + layers::lookup(p["rank.bias"], b.targets, 1);
}

} // namespace fsr
