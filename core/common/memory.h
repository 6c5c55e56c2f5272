#pragma once

#include <cstdint>
#include <string>

namespace fsr {

/// Bytes a model may plan to hold while it trains or fits: half of physical memory, leaving the
/// rest to the data, the GUI and everything else (8 GiB assumed when the system cannot say).
int64_t memoryBudget();

/// "1.250 GiB": a byte count in the messages that refuse a model too large for memory.
std::string gibText(int64_t bytes);

} // namespace fsr
