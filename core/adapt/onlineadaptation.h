#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "adapt/method.h"

namespace fsr {

/// Pretrain, then let the support arrive one rating at a time in timestamp order; after each,
/// one proximal step theta <- theta - lr * grad - lambda * (theta - theta0), which keeps the
/// entity close to where it started while it has seen little. innerLoss[j] is the loss on the
/// whole support after j ratings.
class OnlineAdaptation : public Method {
public:
    explicit OnlineAdaptation(const MethodConfig& config) : m_config(config) { }
    Status train(const Model& model, ParamList& params, const MethodContext& context) override;
    InnerLoop::Result adapt(const Model& model, const ParamList& params, const AdaptInput& input) const override;

private:
    MethodConfig m_config;
};

} // namespace fsr
