#include "adapt/gradientadaptation.h"

#include "adapt/pretraining.h"

#include <algorithm>
#include <cmath>

namespace fsr {

InnerLoop::Result GradientAdaptation::adapt(const Model& model, const ParamList& params, const AdaptInput& input) const
{
    if (input.rows.empty())
        return {params.detached(), {}};
    const InnerLoop inner(model, input.objective, params, m_config.innerLr, m_config.innerSteps, m_config.scope);
    return inner.run(params, supportBatch(model, input), false, true);
}

std::vector<Method::PathPoint> GradientAdaptation::adaptationPath(const Model& model, const ParamList& params,
                                                                  const AdaptInput& input, int steps) const
{
    std::vector<PathPoint> path;
    if (input.rows.empty())
        return path;
    const InnerLoop inner(model, input.objective, params, m_config.innerLr, steps, m_config.scope);
    const Batch support = supportBatch(model, input);
    ParamList fast = inner.expand(params, support.tasks(), false);
    for (int step = 0; step < steps; ++step) {
        ParamList before = fast.detached();
        const float loss = inner.step(fast, support, false); // the loss at `before`
        path.push_back({std::move(before), loss});
    }
    torch::NoGradGuard noGrad;
    path.push_back({fast.detached(), inner.taskLoss(fast, support).mean().item<float>()});
    return path;
}

} // namespace fsr
