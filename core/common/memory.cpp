#include "common/memory.h"

#include <unistd.h>

namespace fsr {

int64_t memoryBudget()
{
    const long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGE_SIZE);
    const int64_t physical = pages > 0 && pageSize > 0 ? int64_t(pages) * pageSize : (int64_t(8) << 30);
    return physical / 2;
}

std::string gibText(int64_t bytes)
{
    return std::to_string(double(bytes) / double(int64_t(1) << 30)).substr(0, 5) + " GiB";
}

} // namespace fsr
