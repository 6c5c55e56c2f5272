#pragma once

#include "common/expected.h"
#include "data/dataset.h"
#include "experiment/learnerfactory.h"
#include "experiment/runresult.h"
#include "spec/config.h"
#include "spec/distributed.h"
#include "spec/progress.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace fsr {

/// Builds the learner of a config (makeLearner in the product; tests pass their own).
using LearnerFactory
    = std::function<Expected<std::unique_ptr<Learner>>(const ExperimentConfig& config, const Dataset& data)>;

/// Runs one experiment: load the dataset, split it, train, adapt to every test entity at every
/// support size, evaluate, and store the run (config, curves, metrics, per-user results, model).
/// Holds no global state and opens its own database connection, so a GUI worker thread can own
/// one; progress goes to the caller's sink.
///
/// Errors: a bad dataset, config or device is BadInput and stores nothing; once training has
/// started, a failure (NaN/inf loss, internal error) is RunFailed and a cancellation is
/// Cancelled, and the stored run is marked failed or cancelled with the message.
class ExperimentRunner {
public:
    ExperimentRunner(std::string dbPath, ExperimentConfig config, LearnerFactory factory);

    /// A label stored with the run (optional).
    void setRunName(std::string name) { m_runName = std::move(name); }
    /// Makes the run one rank of a data-parallel run (DataParallel): the ranks meet before
    /// loading, check that they have the same config and data (BadInput otherwise), share each
    /// training step and the evaluation's users; rank 0 alone stores the run and returns the
    /// results, the others return an empty result with run id 0.
    void setDistributed(DistributedSettings settings) { m_distributed = std::move(settings); }

    /// Runs to the end, a failure or a cancellation (polled through sink.cancelled()).
    Expected<RunResult> run(ProgressSink& sink);

    /// The stored run's id: 0 until the run row exists; kept after a failure so callers can
    /// show the failed run.
    int64_t runId() const { return m_runId; }

private:
    std::string m_dbPath;
    ExperimentConfig m_config;
    LearnerFactory m_factory;
    std::string m_runName;
    std::optional<DistributedSettings> m_distributed;
    int64_t m_runId = 0;
};

} // namespace fsr
