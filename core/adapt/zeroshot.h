#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "adapt/method.h"

namespace fsr {

/// No adaptation: the pretrained model as it is. For the attention model, reading the support
/// as context is the adaptation (in-context learning), so it still personalises.
class ZeroShot : public Method {
public:
    Status train(const Model& model, ParamList& params, const MethodContext& context) override;
    InnerLoop::Result adapt(const Model& model, const ParamList& params, const AdaptInput& input) const override;
    bool changesParameters() const override { return false; }
};

} // namespace fsr
