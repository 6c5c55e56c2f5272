#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "adapt/gradientadaptation.h"

namespace fsr {

/// Pretrain on the training ratings, then take gradient steps on each new entity's support.
class FineTune : public GradientAdaptation {
public:
    using GradientAdaptation::GradientAdaptation;
    Status train(const Model& model, ParamList& params, const MethodContext& context) override;
};

} // namespace fsr
