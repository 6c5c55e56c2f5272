#pragma once

#include "spec/learner.h"

namespace fsr {

/// Builds the learner of config.model + config.method over `data`. Fails (BadInput) for
/// unknown kinds, combinations that cannot work, an unavailable device, or a model too large.
Expected<std::unique_ptr<Learner>> makeLearner(const ExperimentConfig& config, const Dataset& data);

} // namespace fsr
