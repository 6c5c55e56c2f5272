#include "common/memory.h"

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
    return std::to_string(static_cast<double>(bytes) / static_cast<double>(static_cast<int64_t>(1) << 30)).substr(0, 5)
        + " GiB";
}

} // namespace fsr
