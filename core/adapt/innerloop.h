#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "adapt/objective.h"
#include "models/model.h"

#include <string>
#include <vector>

namespace fsr {

/// The one inner loop every method adapts with: per-task copies ("fast weights", leading dim T)
/// of the parameters in scope take SGD steps on the support's objective (its targets are the
/// positives of the ranking loss), all T tasks at once. With
/// createGraph the steps stay differentiable w.r.t. the starting parameters (MAML's second order).
class InnerLoop {
public:
    InnerLoop(const Model& model, const Objective& objective, const ParamList& base, double lr, int steps,
              const std::string& scope);

    struct Result {
        ParamList params;          ///< base with the scope's names replaced by [T, ...] fast weights
        std::vector<float> losses; ///< mean support loss before each step (and after the last, if asked)
    };

    /// Adapts `base` on `support`. `finalLoss` also evaluates the loss after the last step.
    Result run(const ParamList& base, const Batch& support, bool createGraph, bool finalLoss) const;
    /// Fast weights for T tasks: the scope's tensors expanded along a new leading dim.
    ParamList expand(const ParamList& base, int64_t tasks, bool createGraph) const;
    /// One step on `batch`: fast <- fast - lr * grad - lambda * (fast - anchor). Returns the loss before it.
    float step(ParamList& fast, const Batch& batch, bool createGraph, double lambda = 0.0,
               const ParamList* anchor = nullptr) const;

    /// The objective's mean loss per task over its real rows: [T].
    torch::Tensor taskLoss(const ParamList& params, const Batch& batch) const;
    const std::vector<size_t>& scope() const { return m_scope; }
    int steps() const { return m_steps; }

private:
    const Model* m_model;
    Objective m_objective;
    double m_lr;
    int m_steps;
    std::vector<size_t> m_scope; // indices of the adapted parameters
};

} // namespace fsr
