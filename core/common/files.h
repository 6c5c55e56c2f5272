#pragma once

#include "common/expected.h"

#include <cstddef>
#include <optional>
#include <string>

namespace fsr {

/// Why `path` cannot be read as an input, as "PATH: reason", or nullopt when it can. Inputs are
/// regular files or FIFOs (a pipe from another program); a folder too when `folderAllowed`.
/// Devices such as /dev/zero, sockets and (unless allowed) folders are refused up front: reading
/// them fails, or never ends. Reasons come from the system ("too many levels of symbolic links").
std::optional<std::string> inputPathProblem(const std::string& path, bool folderAllowed = false);

/// The whole of a small input file (a config), refused with a message when it is not a regular
/// file or FIFO, or holds more than `maxBytes` (a whole number of MiB): a runaway file is never
/// read into memory whole. `kind` names what the file should be, "an experiment config".
Expected<std::string> readSmallFile(const std::string& path, std::size_t maxBytes, const std::string& kind);

} // namespace fsr
