#pragma once

#include <cstddef>
#include <functional>

namespace fsr {

/// Calls work(i) for every i in [0, count) on up to one thread per core and returns when all
/// are done; the first exception a call throws is rethrown here. Calls must not depend on each
/// other's order.
void parallelFor(std::size_t count, const std::function<void(std::size_t)>& work);

} // namespace fsr
