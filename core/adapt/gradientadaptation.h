#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "adapt/method.h"

namespace fsr {

/// Methods that adapt with the shared inner loop (inner_steps SGD steps of inner_lr on the
/// support, limited to the scope); they differ only in how they train.
class GradientAdaptation : public Method {
public:
    explicit GradientAdaptation(const MethodConfig& config) : m_config(config) { }
    InnerLoop::Result adapt(const Model& model, const ParamList& params, const AdaptInput& input) const override;
    bool takesGradientSteps() const override { return true; }
    std::vector<PathPoint> adaptationPath(const Model& model, const ParamList& params, const AdaptInput& input,
                                          int steps) const override;

protected:
    MethodConfig m_config;
};

} // namespace fsr
