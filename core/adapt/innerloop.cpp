#include "adapt/innerloop.h"

namespace fsr {

namespace {
// Pseudo-count of ratings at the starting point: the step loss is the support's summed error over
// (K + this), so one rating moves a new entity a quarter as far as a mean would, while a long
// support gets nearly the full step (the same shrinkage bias-foldin applies to its bias).
constexpr double kSupportPrior = 3.0;
} // namespace

InnerLoop::InnerLoop(const Model& model, const Objective& objective, const ParamList& base, double lr, int steps,
                     const std::string& scope)
    : m_model(&model)
    , m_objective(objective)
    , m_lr(lr)
    , m_steps(steps)
{
    for (size_t i = 0; i < base.size(); ++i)
        if (Model::inScope(base.name(i), scope))
            m_scope.push_back(i);
}

torch::Tensor InnerLoop::taskLoss(const ParamList& params, const Batch& batch) const
{
    return Objective::perTask(m_objective.terms(*m_model, params, batch));
}

ParamList InnerLoop::expand(const ParamList& base, int64_t tasks, bool createGraph) const
{
    ParamList fast = createGraph ? base : base.detached();
    for (size_t i : m_scope) {
        auto t = base.at(i);
        std::vector<int64_t> shape {tasks};
        shape.insert(shape.end(), t.sizes().begin(), t.sizes().end());
        if (createGraph)
            fast.at(i) = t.unsqueeze(0).expand(shape);
        else
            fast.at(i) = t.detach().unsqueeze(0).expand(shape).clone().set_requires_grad(true);
    }
    return fast;
}

float InnerLoop::step(ParamList& fast, const Batch& batch, bool createGraph, double lambda,
                      const ParamList* anchor) const
{
    const auto terms = m_objective.terms(*m_model, fast, batch);
    auto perTask = Objective::perTask(terms);
    // Summing the per-task losses keeps each task's gradient its own (tasks share no fast weights).
    auto loss = (terms.loss / (terms.rows + kSupportPrior)).sum();
    if (m_scope.empty())
        return perTask.mean().item<float>();
    std::vector<torch::Tensor> inputs;
    for (size_t i : m_scope)
        inputs.push_back(fast.at(i));
    auto grads = torch::autograd::grad({loss}, inputs, {}, createGraph, createGraph, true);
    for (size_t k = 0; k < m_scope.size(); ++k) {
        const size_t i = m_scope[k];
        auto g = grads[k].defined() ? grads[k] : torch::zeros_like(fast.at(i));
        auto next = fast.at(i) - m_lr * g;
        if (lambda > 0 && anchor)
            next = next - lambda * (fast.at(i) - anchor->at(i));
        fast.at(i) = createGraph ? next : next.detach().set_requires_grad(true);
    }
    return perTask.mean().item<float>();
}

InnerLoop::Result InnerLoop::run(const ParamList& base, const Batch& support, bool createGraph, bool finalLoss) const
{
    Result result;
    result.params = expand(base, support.tasks(), createGraph);
    for (int s = 0; s < m_steps; ++s)
        result.losses.push_back(step(result.params, support, createGraph));
    if (finalLoss) {
        torch::NoGradGuard noGrad;
        result.losses.push_back(taskLoss(result.params, support).mean().item<float>());
    }
    return result;
}

} // namespace fsr
