#include "experiment/device.h"

namespace fsr {

bool cudaAvailable()
{
    // Probing initialises the CUDA runtime once (slow on some drivers), so it is asked once.
    static const bool available = torch::cuda::is_available();
    return available;
}

std::string autoDevice()
{
    return cudaAvailable() ? "cuda" : "cpu";
}

} // namespace fsr
