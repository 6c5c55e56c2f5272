#include "common/memory.h"

#include <cstdio>

#include <unistd.h>

namespace fsr {

int64_t memoryBudget()
{
    const long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGE_SIZE);
    const int64_t physical
        = pages > 0 && pageSize > 0 ? static_cast<int64_t>(pages) * pageSize : (static_cast<int64_t>(8) << 30);
    return physical / 2;
}

std::string gibText(int64_t bytes)
{
    // Four significant digits for what fits a machine, whole GiB beyond (no exponent, no
    // digits cut from a large number).
    const double gib = static_cast<double>(bytes) / static_cast<double>(static_cast<int64_t>(1) << 30);
    char text[64];
    std::snprintf(text, sizeof text, gib < 10 ? "%.3f GiB" : gib < 1000 ? "%.1f GiB" : "%.0f GiB", gib);
    return text;
}

} // namespace fsr
