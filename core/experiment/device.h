#pragma once

#include <string>

namespace fsr {

/// True when LibTorch sees a usable CUDA device. Plain declaration so the GUI can ask without
/// including torch; the answer does not change while the process runs.
bool cudaAvailable();

/// What "auto" resolves to on this machine: "cuda" or "cpu".
std::string autoDevice();

} // namespace fsr
