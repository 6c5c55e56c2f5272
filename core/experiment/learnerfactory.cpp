#include "experiment/learnerfactory.h"

#include "spec/config.h"

#include "adapt/modellearner.h"
#include "models/baseline.h"
#include "models/baselinelearner.h"

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

} // namespace

Expected<std::unique_ptr<Learner>> makeLearner(const ExperimentConfig& config, const Dataset& data)
{
    // Leave one core to the GUI thread and the rest of the machine.
    torch::set_num_threads(static_cast<int>(
        std::max(1u, std::thread::hardware_concurrency()) > 1 ? std::thread::hardware_concurrency() - 1 : 1));

    if (data.ratingCount() == 0)
        return badInput("dataset has no ratings");
    const KindInfo* model = modelKind(config);
    if (!model)
        return badInput("model.kind: unknown model '" + config.model.kind + "'");
    // Configs built in code get the parser's checks too, from the same catalog.
    if (auto status = validateExperimentConfig(config); !status)
        return status.error();
    if (!model->capabilities.learned) // non-learned models have nothing to adapt: the method is ignored
        return std::unique_ptr<Learner>(std::make_unique<BaselineLearner>(config, data, makeBaseline(config.model)));
    auto device = chooseDevice(config.device);
    if (!device)
        return device.error();
    return ModelLearner::create(config, data, *device);
}

} // namespace fsr
