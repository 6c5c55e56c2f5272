#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "adapt/gradientadaptation.h"

namespace fsr {

/// A teacher with teacher_scale times the embedding size is trained first; the (run's) student
/// model then learns from a mix of true ratings and the teacher's predictions (weight alpha), and
/// adapts like fine-tuning. Reports both parameter counts.
class Distillation : public GradientAdaptation {
public:
    using GradientAdaptation::GradientAdaptation;
    Status train(const Model& model, ParamList& params, const MethodContext& context) override;
    std::string describe() const override;
    int64_t trainedParameters(int64_t modelParameters,
                              const std::function<int64_t(double dimScale)>& parametersAtScale) const override;
    void save(TensorBlob& blob) const override;
    void load(const TensorBlob& blob) override;

private:
    int64_t m_teacherParams = 0;
    int64_t m_studentParams = 0;
    int m_teacherDim = 0;
};

} // namespace fsr
