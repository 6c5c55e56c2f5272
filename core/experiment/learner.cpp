#include "experiment/learner.h"

#include "adapt/modellearner.h"
#include "models/baseline.h"
#include "models/baselinelearner.h"
#include "models/modelfactory.h"

#include <algorithm>
#include <thread>

namespace fsr {

namespace {

Expected<torch::Device> chooseDevice(const std::string& wanted)
{
    if (wanted == "cpu")
        return torch::Device(torch::kCPU);
    if (wanted == "cuda") {
        if (!torch::cuda::is_available())
            return badInput("device: cuda was requested but no CUDA device is available to LibTorch");
        return torch::Device(torch::kCUDA, 0);
    }
    if (wanted == "auto" || wanted.empty())
        return torch::cuda::is_available() ? torch::Device(torch::kCUDA, 0) : torch::Device(torch::kCPU);
    return badInput("device: must be auto, cpu or cuda, not '" + wanted + "'");
}

Status validate(const ExperimentConfig& c)
{
    const auto& m = c.model;
    if (m.dim < 1 || m.dim > 4096)
        return badInput("model.dim: must be in 1..4096");
    if (m.hidden < 1 || m.hidden > 65536)
        return badInput("model.hidden: must be in 1..65536");
    if (m.kind == "attention") {
        if (m.layers < 1 || m.layers > 2)
            return badInput("model.layers: the attention model has 1 or 2 layers");
        if (m.heads < 1 || m.dim % m.heads != 0)
            return badInput("model.heads: must divide model.dim (" + std::to_string(m.dim) + ")");
    }
    const auto& me = c.method;
    if (me.scope != "user" && me.scope != "head" && me.scope != "all")
        return badInput("method.scope: must be user, head or all");
    if (me.innerSteps < 0 || me.innerSteps > 1000)
        return badInput("method.inner_steps: must be in 0..1000");
    if (!(me.innerLr >= 0))
        return badInput("method.inner_lr: must be >= 0");
    if (me.metaBatch < 1)
        return badInput("method.meta_batch: must be >= 1");
    if (!(me.alpha >= 0 && me.alpha <= 1))
        return badInput("method.alpha: must be in [0, 1]");
    if (!(me.teacherScale >= 1))
        return badInput("method.teacher_scale: must be >= 1");
    if (!(me.lambda >= 0 && me.lambda < 1))
        return badInput("method.lambda: must be in [0, 1)");
    if (c.train.epochs < 0 || c.train.batchSize < 1 || !(c.train.lr > 0))
        return badInput("train: epochs >= 0, batch_size >= 1 and lr > 0 are required");
    return Status::success();
}

} // namespace

Expected<std::unique_ptr<Learner>> makeLearner(const ExperimentConfig& config, const Dataset& data)
{
    // Leave one core to the GUI thread and the rest of the machine.
    torch::set_num_threads(int(std::max(1u, std::thread::hardware_concurrency()) > 1 ? std::thread::hardware_concurrency() - 1 : 1));

    if (data.ratingCount() == 0)
        return badInput("dataset has no ratings");
    if (isBaselineKind(config.model.kind)) // non-learned models have nothing to adapt: the method is ignored
        return std::unique_ptr<Learner>(std::make_unique<BaselineLearner>(config, data, makeBaseline(config.model)));
    if (!isDifferentiableKind(config.model.kind))
        return badInput("model.kind: unknown model '" + config.model.kind + "'");
    if (auto status = validate(config); !status)
        return status.error();
    auto device = chooseDevice(config.device);
    if (!device)
        return device.error();
    return ModelLearner::create(config, data, *device);
}

} // namespace fsr
