#include "adapt/onlineadaptation.h"

#include "adapt/pretraining.h"

#include <algorithm>
#include <cmath>

namespace fsr {

Status OnlineAdaptation::train(const Model& model, ParamList& params, const MethodContext& ctx)
{
    return Pretraining(ctx).run(model, params, nullptr, Pretraining::phase(ctx, "pre-training", 0.0, 1.0));
}

InnerLoop::Result OnlineAdaptation::adapt(const Model& model, const ParamList& params, const AdaptInput& input) const
{
    if (input.rows.empty())
        return {params.detached(), {}};
    std::vector<int32_t> arrival = input.rows;
    const auto& view = input.batches.view();
    std::stable_sort(arrival.begin(), arrival.end(), [&](int32_t a, int32_t b) { return view.time(a) < view.time(b); });

    const InnerLoop inner(model, input.objective, params, m_config.innerLr, 1, m_config.scope);
    InnerLoop::Result result;
    result.params = inner.expand(params, 1, false);
    const ParamList anchor = inner.expand(params, 1, false).detached();
    const auto whole = supportBatch(model, input);
    auto supportLoss = [&] {
        torch::NoGradGuard noGrad;
        return inner.taskLoss(result.params, whole).mean().item<float>();
    };
    result.losses.push_back(supportLoss());
    std::vector<int32_t> seen;
    for (int32_t row : arrival) {
        seen.push_back(row);
        // The newest rating is the step's data; the ratings seen so far are its context.
        const auto batch = input.batches.tasks({{row}}, {seen}, model.usesContext(), input.useTable);
        inner.step(result.params, batch, false, m_config.lambda, &anchor);
        result.losses.push_back(supportLoss());
    }
    return result;
}

namespace {

KindInfo onlineKind()
{
    KindInfo kind;
    kind.name = "online";
    kind.title = "Online proximal updates";
    kind.summary = "One gradient step per incoming rating, pulled back toward the starting weights";
    kind.order = 70;
    kind.capabilities.adapts = true;
    kind.uses = {"method.inner_lr", "method.scope", "method.lambda"};
    return kind;
}

const bool registered = registerMethod(onlineKind(), [](const MethodConfig& config) {
    return std::make_unique<OnlineAdaptation>(config);
});

} // namespace

} // namespace fsr
