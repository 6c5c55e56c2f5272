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

} // namespace fsr
