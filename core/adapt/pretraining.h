#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "adapt/methodcontext.h"
#include "adapt/objective.h"
#include "adapt/trainer.h"

namespace fsr {

/// A trained model whose predictions a student also learns from (distillation).
struct Teacher {
    const Model* model = nullptr;
    ParamList params;
    double alpha = 0.5; ///< weight of the teacher's predictions against the true ratings
};

/// Ordinary (non-episodic) training on the training ratings: mini-batches of rows for models with
/// per-entity tables, or episodes (support as context, loss on the query) for context models.
/// With a teacher, the rating loss mixes true ratings and the teacher's predictions.
class Pretraining {
public:
    explicit Pretraining(const MethodContext& context) : m_ctx(context), m_objective(context.config.train) { }
    Status run(const Model& model, ParamList& params, const Teacher* teacher, const Trainer::Phase& phase) const;
    /// The phase description of a pretraining over [from, to] of the run's progress.
    static Trainer::Phase phase(const MethodContext& context, const std::string& name, double from, double to);

private:
    Status runRows(const Model& model, ParamList& params, const Teacher* teacher, const Trainer::Phase& phase) const;
    Status runEpisodes(const Model& model, ParamList& params, const Teacher* teacher,
                       const Trainer::Phase& phase) const;
    /// The objective on `batch` (per row, or per task then averaged), the teacher's term mixed in;
    /// `seenTargets` / `seenMask` (optional): targets the ranking leaves out (an episode's support);
    /// `negatives` (optional): the ranking's sampled negatives (Objective::terms).
    torch::Tensor loss(const Model& model, const ParamList& params, const Batch& batch, const Teacher* teacher,
                       bool perRow, const torch::Tensor& seenTargets = {}, const torch::Tensor& seenMask = {},
                       const NegativeSample* negatives = nullptr) const;

    const MethodContext& m_ctx;
    Objective m_objective;
};

} // namespace fsr
