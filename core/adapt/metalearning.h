#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "adapt/gradientadaptation.h"
#include "adapt/metatraining.h"

namespace fsr {

/// MAML, first-order MAML or Reptile: the starting point is meta-trained so that the inner loop
/// adapts well, then each new entity is adapted with that same inner loop.
class MetaLearning : public GradientAdaptation {
public:
    MetaLearning(const MethodConfig& config, MetaVariant variant) : GradientAdaptation(config), m_variant(variant) { }
    Status train(const Model& model, ParamList& params, const MethodContext& context) override;
    bool usesEntityTable() const override { return false; }
    int64_t taskCopyFloats(int64_t modelParameters) const override;
    std::string sizeHint() const override;

private:
    MetaVariant m_variant;
};

} // namespace fsr
