#pragma once

#include "common/expected.h"
#include "data/dataset.h"
#include "spec/config.h"
#include "spec/progress.h"
#include "spec/split.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fsr {

class DataParallel; // core-internal (adapt/dataparallel.h): the other ranks of a data-parallel run

/// Attention weights of one prediction set: weights[layer][head][target][supportItem].
struct AttentionMap {
    std::vector<std::vector<std::vector<std::vector<float>>>> weights;
};

/// What adapting to one new entity produced.
struct Adaptation {
    std::vector<float> innerLoss; ///< loss on the support after each inner step (step 0 = before)
    std::vector<float> scores;    ///< a prediction for each requested item, clamped to the rating range
    /// A ranking score for each requested item (higher = recommend first); empty = rank by `scores`.
    std::vector<float> ranking;
    AttentionMap attention; ///< attention model only (else empty)
};

/// The state of an adaptation after one inner step (for stepping through it).
struct AdaptationStep {
    float supportLoss = 0;          ///< the inner loop's loss on the support at this point
    std::vector<float> scores;      ///< as Adaptation::scores
    std::vector<float> ranking;     ///< as Adaptation::ranking
    std::vector<float> entityPoint; ///< the entity's ranking vector [EmbeddingSpace::dim]
};

/// The vectors a model ranks with: score = entity vector . target vector (+ biases).
struct EmbeddingSpace {
    int dim = 0;                 ///< 0: the learner has no embeddings
    std::vector<float> targets;  ///< every target's vector, row-major [targets * dim]
    std::vector<int32_t> known;  ///< training entities with a vector of their own
    std::vector<float> entities; ///< their vectors, row-major [known * dim]
};

/// A base model plus an adaptation method, trained on a Split. Plain types only, so callers
/// (runner, CLI, UI worker) never see a tensor.
class Learner {
public:
    virtual ~Learner() = default;

    /// (Meta-)trains on split.trainRatings / split.trainTasks. Reports curves; honours
    /// cancellation (Error with ExitCode::Cancelled) and stops on NaN/inf (ExitCode::RunFailed,
    /// message naming the step and hinting at a lower learning rate).
    virtual Status train(const Split& split, ProgressSink& sink) = 0;
    /// Makes train() one rank's part of a data-parallel run: learners that take gradient steps
    /// compute their part of each step and sum gradients with the other ranks. Others (which fit
    /// in closed form or by counting) ignore it and fit the whole training split on every rank.
    virtual void setDataParallel(DataParallel* /*parallel*/) { }

    /// Adapts to a new entity from its support rows (Dataset row indices, in order) and scores
    /// `items` (for item-cold-start: `items` are users to score the new item for).
    /// `adapt == false` gives the prediction before adaptation.
    virtual Adaptation predict(const std::vector<int32_t>& supportRows, const std::vector<int32_t>& items, bool adapt)
        = 0;
    /// predict() for several entities: entry i is predict(supportRows[i], *items[i], adapt). Learners
    /// that can score a block of entities at once (one matrix product instead of one pass per
    /// entity) override it; the results are the same as one by one.
    virtual std::vector<Adaptation> predictMany(const std::vector<std::vector<int32_t>>& supportRows,
                                                const std::vector<const std::vector<int32_t>*>& items, bool adapt)
    {
        std::vector<Adaptation> out;
        out.reserve(supportRows.size());
        for (std::size_t i = 0; i < supportRows.size(); ++i)
            out.push_back(predict(supportRows[i], *items[i], adapt));
        return out;
    }
    /// Whether predictMany(..., true) scores its entities together (callers hand it large blocks)
    /// rather than adapting to each in turn (callers keep blocks small, to stay responsive).
    virtual bool predictsManyTogether() const { return false; }
    /// Whether adapting changes no prediction: predict(support, items, true) is then what
    /// predict(support, items, false) gives for any non-empty support of the same entity, and
    /// callers may score once for both.
    virtual bool adaptingChangesNothing() const { return false; }

    /// Adapts like predict(..., true) but `steps` inner steps, keeping the state before the first
    /// step and after each one (steps + 1 entries). Empty when the learner does not adapt by
    /// gradient steps (statistical kinds, in-context attention, online updates).
    virtual std::vector<AdaptationStep> adaptStepByStep(const std::vector<int32_t>& /*supportRows*/,
                                                        const std::vector<int32_t>& /*items*/, int /*steps*/)
    {
        return {};
    }
    /// Whether adaptStepByStep() has steps to give (the method adapts by gradient steps).
    virtual bool adaptsByGradientSteps() const { return false; }
    /// The model's ranking space (dim 0 for learners without embeddings).
    virtual EmbeddingSpace embeddingSpace() const { return {}; }
    /// Models whose ranking mixes two parts (hybrid's alpha * CF + (1 - alpha) * content): the
    /// weight of the first, which setMixWeight() changes for later predictions; none for others.
    virtual std::optional<double> mixWeight() const { return std::nullopt; }
    virtual void setMixWeight(double) { }

    /// Parameters and whatever else predict() needs, for storing with the run.
    virtual std::vector<char> serialize() const = 0;
    virtual Status deserialize(const std::vector<char>& blob) = 0;

    /// "cpu" or "cuda" — the device actually used.
    virtual std::string device() const = 0;
    /// Human-readable size notes (distill reports teacher and student parameter counts).
    virtual std::string describe() const = 0;
};

} // namespace fsr
