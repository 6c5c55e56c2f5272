#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "models/model.h"

#include <memory>
#include <string>

namespace fsr {

/// The differentiable model of `kind` (biased-mf | neural | attention), or nullptr.
std::unique_ptr<Model> makeModel(const std::string& kind, const ModelShape& shape, torch::Device device);
/// True for the kinds makeModel builds.
bool isDifferentiableKind(const std::string& kind);

} // namespace fsr
