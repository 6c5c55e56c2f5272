#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "models/model.h"
#include "spec/config.h"

#include <random>

namespace fsr {

/// A sample of negatives for a sampled softmax: `ids` [U], drawn with replacement, and
/// `logExpected` [U], the log of how often each is expected in a sample of U. The catalog's
/// normaliser is then estimated as sum over the sample of exp(logit - logExpected).
struct NegativeSample {
    torch::Tensor ids;
    torch::Tensor logExpected;
    /// Block `index` of `count` negatives of a sample drawn for several steps at once.
    NegativeSample block(int64_t index, int64_t count) const
    {
        return {ids.narrow(0, index * count, count), logExpected.narrow(0, index * count, count)};
    }
};

/// Draws negatives with probability proportional to (training ratings + 1)^0.75: the popular
/// targets, whose logits dominate the normaliser (the ranking starts at log popularity), come up
/// often, so a hundred or so estimate it as well as a uniform thousand; the power keeps the tail
/// sampled too.
class NegativeSampler {
public:
    NegativeSampler(const RatingView& view, const std::vector<int32_t>& trainRows, torch::Device device);
    /// `blocks` samples of `count` each, in one tensor (block() takes them apart): drawing a whole
    /// epoch's negatives at once spares a small host-to-device copy per step.
    NegativeSample draw(int count, std::mt19937_64& rng, int blocks = 1) const;

private:
    std::vector<double> m_cumulative; // of the sampling weights, for a binary search per draw
    torch::Tensor m_logProbability;   // [M], on the learner's device
};

/// What pretraining, meta-training and every inner loop minimise (train.objective): the squared
/// error of the rating head, a softmax over all targets that puts each entity's rated targets
/// first (the ranking score top-N lists use), or both, weighted. The softmax runs over the whole
/// catalog (one [T, M] product per step, exact and affordable per user and for meta-batches), or,
/// for pretraining's batches of rows (each row its own entity), over the row's positive and a
/// sample of negatives that stands for the rest of the catalog (NegativeSampler).
class Objective {
public:
    explicit Objective(const TrainConfig& config);

    /// Per-task sums over the real rows [T]: `loss` = weighted squared error plus weighted
    /// ranking loss (negative log-likelihood of each row's target), `rows` = real rows.
    struct Terms {
        torch::Tensor loss;
        torch::Tensor rows;
        torch::Tensor squaredError; ///< unweighted [T]
        torch::Tensor rankingLoss;  ///< unweighted [T]; undefined without a ranking part
        torch::Tensor prediction;   ///< the rating head's output [T, N]
    };
    /// `seenTargets` / `seenMask` [T, S] (optional): targets left out of the softmax, the
    /// support when the loss is on the query (they are never recommended back). `negatives`
    /// (optional): sampled negatives instead of the whole catalog.
    Terms terms(const Model& model, const ParamList& params, const Batch& batch, const torch::Tensor& seenTargets = {},
                const torch::Tensor& seenMask = {}, const NegativeSample* negatives = nullptr) const;
    /// The mean loss per task over its real rows [T].
    static torch::Tensor perTask(const Terms& terms) { return terms.loss / terms.rows.clamp_min(1.0); }
    /// The mean loss over every real row of the batch (a task's weight is its row count).
    static torch::Tensor perRow(const Terms& terms) { return terms.loss.sum() / terms.rows.sum().clamp_min(1.0); }

    /// What early stopping compares, per task over its real rows [T]: the squared error where the
    /// objective has one (it overfits within a few epochs while the ranking loss still falls, and
    /// the kept epoch must not trade rating accuracy away), else the ranking loss.
    torch::Tensor validation(const Terms& terms) const
    {
        return (m_ratingWeight > 0 ? terms.squaredError : terms.rankingLoss) / terms.rows.clamp_min(1.0);
    }

    bool ranks() const { return m_rankingWeight > 0; }

private:
    double m_ratingWeight = 1.0;
    double m_rankingWeight = 0.0;
};

/// Sets `rank.bias` to the log of each target's training ratings (plus one): before any training
/// the ranking already is "most popular", the prior an entity with no ratings should get.
void setPopularityPrior(ParamList& params, const RatingView& view, const std::vector<int32_t>& trainRows);

} // namespace fsr
