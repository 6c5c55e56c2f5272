#include "models/attentionmodel.h"

#include "models/modelfactory.h"
#include "spec/config.h"

#include "models/layers.h"
#include "models/ratingview.h"

#include <cmath>

namespace fsr {

std::vector<ParamSpec> AttentionModel::specs() const
{
    std::vector<ParamSpec> specs;
    addSharedSpecs(specs);
    const int64_t d = m_shape.dim, h = m_shape.hidden;
    const float proj = static_cast<float>(std::sqrt(1.0 / static_cast<double>(d)));
    specs.push_back({"ctx.rating", {RatingView::ratingBuckets(), d}, 0.5f});
    specs.push_back({"ctx.null", {d}, 0.1f});
    for (int l = 0; l < m_shape.layers; ++l) {
        const std::string prefix = "attn" + std::to_string(l) + ".";
        for (const char* w : {"q", "k", "v", "o"}) {
            specs.push_back({prefix + w + ".weight", {d, d}, proj});
            specs.push_back({prefix + w + ".bias", {d}, 0.0f});
        }
    }
    specs.push_back({"head.fc1.weight", {h, 2 * d}, static_cast<float>(std::sqrt(2.0 / static_cast<double>(2 * d)))});
    specs.push_back({"head.fc1.bias", {h}, 0.0f});
    specs.push_back({"head.out.weight", {1, h}, static_cast<float>(std::sqrt(1.0 / static_cast<double>(h)))});
    specs.push_back({"head.out.bias", {1}, 0.0f});
    return specs;
}

torch::Tensor AttentionModel::attend(const ParamList& p, const Batch& b, torch::Tensor queries, bool leaveOneOut,
                                     AttentionTrace* trace) const
{
    const int64_t T = b.tasks(), N = queries.size(1), d = m_shape.dim, H = m_shape.heads, dh = d / H;
    const auto options = p["ctx.null"].options();
    queries = queries.expand({T, N, d});

    // Tokens: a null token first, then one per support rating.
    auto null = layers::broadcastVector(p["ctx.null"]);
    null = (null.dim() == 1 ? null.view({1, 1, d}) : null).expand({T, 1, d});
    torch::Tensor tokens = null, tokenMask = torch::ones({T, 1}, options);
    torch::Tensor selfMask;
    const int64_t S = b.hasContext() ? b.ctxTargets.size(1) : 0;
    if (S > 0) {
        auto ctx = targetVector(p, b.ctxTargets) + layers::lookup(p["ctx.rating"], b.ctxBuckets, 2);
        tokens = torch::cat({tokens, ctx}, 1);
        tokenMask = torch::cat({tokenMask, b.ctxMask}, 1);
        if (leaveOneOut && b.selfPos.defined()) {
            // A support row must not read its own rating: mask its token (leave-one-out).
            auto positions = torch::arange(S, b.selfPos.options()).view({1, 1, S});
            selfMask = torch::cat({torch::zeros({T, N, 1},
                                                torch::TensorOptions().dtype(torch::kBool).device(options.device())),
                                   b.selfPos.unsqueeze(-1) == positions},
                                  2); // [T, N, S + 1]
        }
    }
    auto blocked = (tokenMask <= 0).view({T, 1, 1, S + 1}).expand({T, H, N, S + 1});
    if (selfMask.defined())
        blocked = blocked | selfMask.unsqueeze(1);

    auto h = queries;
    for (int l = 0; l < m_shape.layers; ++l) {
        const std::string prefix = "attn" + std::to_string(l) + ".";
        auto q = layers::linear(h, p[prefix + "q.weight"], p[prefix + "q.bias"]).view({T, N, H, dh}).transpose(1, 2);
        auto k = layers::linear(tokens, p[prefix + "k.weight"], p[prefix + "k.bias"])
                     .view({T, S + 1, H, dh})
                     .transpose(1, 2);
        auto v = layers::linear(tokens, p[prefix + "v.weight"], p[prefix + "v.bias"])
                     .view({T, S + 1, H, dh})
                     .transpose(1, 2);
        auto scores = torch::matmul(q, k.transpose(-2, -1)) / std::sqrt(static_cast<double>(dh)); // [T, H, N, S + 1]
        // A large negative, not -inf: a fully masked row then stays finite (the null token is never masked).
        auto weights = torch::softmax(scores.masked_fill(blocked, -1e9), -1);
        if (trace)
            trace->layers.push_back(weights.narrow(-1, 1, S).detach());
        auto mixed = torch::matmul(weights, v).transpose(1, 2).reshape({T, N, d});
        h = h + layers::linear(mixed, p[prefix + "o.weight"], p[prefix + "o.bias"]);
    }
    return h;
}

torch::Tensor AttentionModel::forward(const ParamList& p, const Batch& b, AttentionTrace* trace) const
{
    auto item = targetVector(p, b.targets); // [T, N, d]
    // The entity's own vector personalises the query.
    auto h = attend(p, b, item + entityVector(p, b), true, trace);
    auto x = torch::relu(layers::linear(torch::cat({h, item}, -1), p["head.fc1.weight"], p["head.fc1.bias"]));
    auto out = layers::linear(x, p["head.out.weight"], p["head.out.bias"]).squeeze(-1);
    return out + entityBias(p, b) + targetBias(p, b.targets) + p["head.mu"];
}

torch::Tensor AttentionModel::rankingVector(const ParamList& p, const Batch& b, AttentionTrace* trace) const
{
    auto user = entityVector(p, b);
    if (user.size(1) > 1)
        user = user.narrow(1, 0, 1);
    return attend(p, b, user, false, trace); // [T, 1, d]
}

namespace {

std::optional<ConfigProblem> headsDivideDim(const ExperimentConfig& config)
{
    // Multi-head attention splits the embedding evenly over the heads.
    if (config.model.dim % config.model.heads != 0)
        return ConfigProblem {"model.heads", "must divide model.dim (" + std::to_string(config.model.dim) + ")"};
    return std::nullopt;
}

KindInfo attentionKind()
{
    KindInfo kind;
    kind.name = "attention";
    kind.title = "Attention over the support";
    kind.summary = "Each candidate item attends over the user's rated items; adapts in context and shows its attention";
    kind.order = 120;
    kind.capabilities.inContext = true;
    kind.capabilities.explains = true;
    kind.uses = {"model.dim", "model.hidden", "model.layers", "model.heads"};
    kind.check = headsDivideDim;
    return kind;
}

const bool registered = registerModel(attentionKind(), [](const ModelShape& shape, torch::Device device) {
    return std::make_unique<AttentionModel>(shape, device);
});

} // namespace

} // namespace fsr
