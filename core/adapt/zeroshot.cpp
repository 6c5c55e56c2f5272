#include "adapt/zeroshot.h"

#include "adapt/pretraining.h"

#include <algorithm>
#include <cmath>

namespace fsr {

Status ZeroShot::train(const Model& model, ParamList& params, const MethodContext& ctx)
{
    return Pretraining(ctx).run(model, params, nullptr, Pretraining::phase(ctx, "pre-training", 0.0, 1.0));
}

InnerLoop::Result ZeroShot::adapt(const Model& model, const ParamList& params, const AdaptInput& input) const
{
    InnerLoop::Result result;
    result.params = params.detached();
    if (!input.rows.empty()) {
        torch::NoGradGuard noGrad;
        const auto support = supportBatch(model, input);
        result.losses.push_back(
            Objective::perTask(input.objective.terms(model, result.params, support)).mean().item<float>());
    }
    return result;
}

namespace {

KindInfo noneKind()
{
    KindInfo kind;
    kind.name = "none";
    kind.title = "None (zero-shot)";
    kind.summary = "No adaptation: the trained model scores every new user as it is";
    kind.order = 10;
    kind.uses = {};
    return kind;
}

const bool registered = registerMethod(noneKind(), [](const MethodConfig&) { return std::make_unique<ZeroShot>(); });

} // namespace

} // namespace fsr
