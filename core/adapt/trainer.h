#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "common/expected.h"
#include "models/paramlist.h"
#include "spec/config.h"
#include "spec/progress.h"

#include <functional>
#include <string>

namespace fsr {

class DataParallel;

/// The one optimisation loop behind pretraining, distillation and meta-training: epochs of
/// optimizer steps (Adam or SGD per TrainConfig), cancellation polled every step, NaN/inf
/// stopping the run with the epoch and step named, a per-epoch validation that keeps the best
/// parameters seen, and curve/progress reporting.
class Trainer {
public:
    struct Phase {
        std::string name;   ///< progress phase ("pre-training", "meta-training", ...)
        std::string series; ///< curve of the mean training loss per epoch ("train", "outer")
        std::string hint;   ///< what to lower when the loss diverges
        int epochs = 1;
        double progressFrom = 0.0; ///< share of the whole run this phase covers
        double progressTo = 1.0;
    };
    /// Starts an epoch (shuffles); returns the number of steps in it.
    using EpochStart = std::function<int(int epoch)>;
    /// Computes one step's loss. Sets `gradsSet` when it filled the gradients itself;
    /// otherwise the trainer back-propagates the returned loss.
    using Step = std::function<torch::Tensor(int epoch, int step, bool& gradsSet)>;
    /// Validation loss (lower is better), or a negative value for "none".
    using Validate = std::function<double()>;

    /// With `parallel`, each step's gradients and loss are summed over the ranks before the
    /// optimizer steps (each rank's step computes its part, weighted: DataParallel::Part).
    Trainer(const TrainConfig& config, ParamList& params, ProgressSink& sink, DataParallel* parallel = nullptr);
    Status run(const Phase& phase, const EpochStart& epochStart, const Step& step, const Validate& validate);

private:
    const TrainConfig& m_config;
    ParamList& m_params;
    ProgressSink& m_sink;
    DataParallel* m_parallel;
};

} // namespace fsr
