#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "models/batch.h"
#include "models/paramlist.h"
#include "models/ratingview.h"

#include <torch/torch.h>

#include <random>
#include <string>
#include <vector>

namespace fsr {

/// Sizes a model is built for (from the config and the RatingView).
struct ModelShape {
    int entities = 0;
    int targets = 0;
    int dim = 32;
    int hidden = 64;
    int layers = 1;
    int heads = 2;
    bool entityTable = false; ///< per-entity training vectors (pretraining-style methods)
    FeatureTable entityFeatures;
    FeatureTable targetFeatures;
};

/// One parameter before it exists: name, shape and initial standard deviation (0 = zeros).
struct ParamSpec {
    std::string name;
    std::vector<int64_t> shape;
    float initStd = 0.0f;
};

/// Attention weights of a forward pass: per layer [T, heads, N, S].
struct AttentionTrace {
    std::vector<torch::Tensor> layers;
};

/// A differentiable rating model written functionally: forward(params, batch). Parameter names
/// follow one convention that the adaptation scope filters on:
///   user.*  the new entity's own parameters (its vector and bias; start values are learned),
///   head.*  the output layers (and global offset),
///   table.* per-entity vectors of training entities (never adapted for a new entity),
///   others  shared target-side embeddings and encoders.
class Model {
public:
    Model(const ModelShape& shape, torch::Device device);
    virtual ~Model() = default;

    /// The parameters this model has, in order; nothing allocated (size checks use this).
    virtual std::vector<ParamSpec> specs() const = 0;
    /// Normalised predictions [T, N]; `trace` (optional) receives attention weights.
    virtual torch::Tensor forward(const ParamList& params, const Batch& batch,
                                  AttentionTrace* trace = nullptr) const = 0;
    /// True when the model reads the support as context (trained on episodes, not rows).
    virtual bool usesContext() const { return false; }

    /// Ranking logits [T, R, C] of the `candidates` [C] (undefined: every target, C = M) for the
    /// batch's entities: R = 1 when every row of a task has the task's entity, R = N for rows()
    /// batches (one entity per row). The logit is the ranking vector's dot product with the
    /// target's vector plus the target's `rank.bias`, a popularity prior that holds the ranking of
    /// an entity nobody knows anything about yet.
    /// `positive` (optional) receives rankingScores() of the batch's own targets from the same
    /// ranking vector (one computation of it for a sampled softmax).
    torch::Tensor rankingLogits(const ParamList& params, const Batch& batch, const torch::Tensor& candidates = {},
                                torch::Tensor* positive = nullptr) const;
    /// forward() and rankingLogits() of one batch together: returns the prediction and sets
    /// `logits`; models whose ranking reads the rating model's vectors compute them once.
    virtual torch::Tensor forwardAndRankingLogits(const ParamList& params, const Batch& batch,
                                                  const torch::Tensor& candidates, torch::Tensor& logits,
                                                  torch::Tensor* positive) const;
    /// forward() of every target [T, M] for the entities of an entity block (BatchBuilder::
    /// entities(), no context): by default forward() over the catalog in chunks; models whose
    /// prediction is a dot product override it with one matrix product.
    virtual torch::Tensor catalogForward(const ParamList& params, const Batch& entities) const;
    /// Ranking scores of the batch's own targets [T, N] (higher = recommend first).
    torch::Tensor rankingScores(const ParamList& params, const Batch& batch, AttentionTrace* trace = nullptr) const;

    /// The batch's entity ranking vector [T, N or 1, d]: what rankingScores() dots with the targets'.
    torch::Tensor entityRankingVector(const ParamList& p, const Batch& b) const { return rankingVector(p, b, nullptr); }
    /// Every target's ranking vector [M, d].
    torch::Tensor allTargetVectors(const ParamList& p) const { return targetVector(p, m_allTargets).squeeze(0); }

    ParamList init(std::mt19937_64& rng) const;
    int64_t parameterCount() const;
    const ModelShape& shape() const { return m_shape; }
    torch::Device device() const { return m_device; }

    /// Whether adaptation with `scope` (user | head | all) may change parameter `name`.
    static bool inScope(const std::string& name, const std::string& scope);

protected:
    torch::Tensor rankingScores(const ParamList& p, const Batch& b, const torch::Tensor& rankingUser) const;
    /// rankingLogits() from the ranking vector `user` [T, N or 1, d]; `candidateVectors` [1, C, d]
    /// (optional): the candidates' targetVector(), where the caller has looked them up already.
    torch::Tensor candidateLogits(const ParamList& p, const Batch& b, torch::Tensor user,
                                  const torch::Tensor& candidates, torch::Tensor candidateVectors = {}) const;
    /// The entity's vector the ranking score reads [T, N or 1, d]; by default its own vector.
    virtual torch::Tensor rankingVector(const ParamList& p, const Batch& b, AttentionTrace*) const
    {
        return entityVector(p, b);
    }
    /// The entity's vector [T, N or 1, d]: user.vec, plus its training row and features when present.
    torch::Tensor entityVector(const ParamList& p, const Batch& b) const;
    /// The entity's bias, broadcastable to [T, N].
    torch::Tensor entityBias(const ParamList& p, const Batch& b) const;
    /// The targets' embedding [.., d] (id embedding plus feature bag) for target indices `targets`.
    torch::Tensor targetVector(const ParamList& p, const torch::Tensor& targets, bool sparse = false) const;
    torch::Tensor targetBias(const ParamList& p, const torch::Tensor& targets) const;
    void addSharedSpecs(std::vector<ParamSpec>& specs) const;

    ModelShape m_shape;
    torch::Device m_device;
    torch::Tensor m_entityFeatures, m_entityInverse; // [nE, F] ids, [nE] 1/count
    torch::Tensor m_targetFeatures, m_targetInverse;
    torch::Tensor m_allTargets; // [1, M] 0..M-1
};

} // namespace fsr
