#include "adapt/distillation.h"

#include "adapt/pretraining.h"
#include "common/text.h"

#include <algorithm>
#include <cmath>

namespace fsr {

Status Distillation::train(const Model& model, ParamList& params, const MethodContext& ctx)
{
    // teacherFits (below) keeps the product within model.dim's range; clamped all the same so
    // that a config from elsewhere can never wrap it.
    m_teacherDim = static_cast<int>(std::clamp(std::round(model.shape().dim * m_config.teacherScale), 1.0,
                                               static_cast<double>(ModelConfig::kMaxDim)));
    if (model.shape().heads > 0 && m_teacherDim % model.shape().heads != 0)
        m_teacherDim += model.shape().heads - m_teacherDim % model.shape().heads;
    auto teacherModel = ctx.makeModel(m_teacherDim, model.shape().entityTable);
    Teacher teacher;
    teacher.model = teacherModel.get();
    teacher.params = teacherModel->init(ctx.rng);
    teacher.alpha = m_config.alpha;
    m_teacherParams = teacherModel->parameterCount();
    m_studentParams = model.parameterCount();
    ctx.sink.onMessage(describe());
    auto phase = Pretraining::phase(ctx, "teacher training", 0.0, 0.5);
    phase.series = "teacher";
    if (auto status = Pretraining(ctx).run(*teacherModel, teacher.params, nullptr, phase); !status)
        return status;
    teacher.params = teacher.params.detached();
    return Pretraining(ctx).run(model, params, &teacher, Pretraining::phase(ctx, "distillation", 0.5, 1.0));
}

std::string Distillation::describe() const
{
    return "teacher: " + std::to_string(m_teacherParams) + " parameters (dim " + std::to_string(m_teacherDim)
        + "); student: " + std::to_string(m_studentParams) + " parameters";
}

void Distillation::save(TensorBlob& blob) const
{
    blob.put("distill.sizes",
             torch::tensor({m_teacherParams, m_studentParams, static_cast<int64_t>(m_teacherDim)}, torch::kInt64));
}

void Distillation::load(const TensorBlob& blob)
{
    auto sizes = blob.get("distill.sizes");
    if (sizes.defined() && sizes.numel() == 3) {
        m_teacherParams = sizes[0].item<int64_t>();
        m_studentParams = sizes[1].item<int64_t>();
        m_teacherDim = static_cast<int>(sizes[2].item<int64_t>());
    }
}

int64_t Distillation::trainedParameters(int64_t modelParameters,
                                        const std::function<int64_t(double dimScale)>& parametersAtScale) const
{
    return modelParameters + parametersAtScale(m_config.teacherScale);
}

namespace {

/// The teacher's dim (model.dim times teacher_scale) is a model dim too: within model.dim's
/// range, checked in floating point so that a large scale cannot overflow an int.
std::optional<ConfigProblem> teacherFits(const ExperimentConfig& config)
{
    const double teacherDim = std::round(config.model.dim * config.method.teacherScale);
    if (teacherDim <= ModelConfig::kMaxDim)
        return std::nullopt;
    return ConfigProblem {"method.teacher_scale",
                          "makes a teacher of dim " + text::significant(teacherDim, 4) + " (model.dim "
                              + std::to_string(config.model.dim) + " x teacher_scale), more than the largest dim, "
                              + std::to_string(ModelConfig::kMaxDim) + "; lower method.teacher_scale or model.dim"};
}

KindInfo distillKind()
{
    KindInfo kind;
    kind.name = "distill";
    kind.title = "Distillation";
    kind.summary
        = "Train a larger teacher, then a small student on its predictions; the student adapts like fine-tuning";
    kind.order = 60;
    kind.capabilities.adapts = true;
    kind.uses = {"method.inner_lr", "method.inner_steps", "method.scope", "method.alpha", "method.teacher_scale"};
    kind.check = teacherFits;
    return kind;
}

const bool registered
    = registerMethod(distillKind(), [](const MethodConfig& config) { return std::make_unique<Distillation>(config); });

} // namespace

} // namespace fsr
