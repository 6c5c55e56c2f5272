#include "adapt/finetune.h"

#include "adapt/pretraining.h"

#include <algorithm>
#include <cmath>

namespace fsr {

Status FineTune::train(const Model& model, ParamList& params, const MethodContext& ctx)
{
    return Pretraining(ctx).run(model, params, nullptr, Pretraining::phase(ctx, "pre-training", 0.0, 1.0));
}

namespace {

KindInfo fineTuneKind()
{
    KindInfo kind;
    kind.name = "fine-tune";
    kind.title = "Fine-tune";
    kind.summary = "Pretrain on the training users, then take a few gradient steps on each new user's support";
    kind.order = 20;
    kind.capabilities.adapts = true;
    kind.uses = {"method.inner_lr", "method.inner_steps", "method.scope"};
    return kind;
}

const bool registered
    = registerMethod(fineTuneKind(), [](const MethodConfig& config) { return std::make_unique<FineTune>(config); });

} // namespace

} // namespace fsr
