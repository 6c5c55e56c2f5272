#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "models/model.h"
#include "spec/catalog.h"

#include <functional>
#include <memory>
#include <string>

namespace fsr {

/// Builds a differentiable model kind on a device.
using ModelFactory = std::function<std::unique_ptr<Model>(const ModelShape&, torch::Device)>;
/// Registers a differentiable model kind (learned, differentiable); returns true (for a static).
bool registerModel(KindInfo kind, ModelFactory factory);
/// The differentiable model of `kind`, or nullptr.
std::unique_ptr<Model> makeModel(const std::string& kind, const ModelShape& shape, torch::Device device);

} // namespace fsr
