#include "adapt/finetune.h"

#include "adapt/pretraining.h"

#include <algorithm>
#include <cmath>

namespace fsr {

Status FineTune::train(const Model& model, ParamList& params, const MethodContext& ctx)
{
    return Pretraining(ctx).run(model, params, nullptr, Pretraining::phase(ctx, "pre-training", 0.0, 1.0));
}

} // namespace fsr
