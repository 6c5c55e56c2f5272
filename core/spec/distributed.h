#pragma once

#include "common/expected.h"

#include <stdexcept>
#include <string>

namespace fsr {

/// Where one rank of a data-parallel run meets the others: the environment PyTorch's launchers
/// set (MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK). Rank 0 holds the rendezvous store.
struct DistributedSettings {
    std::string masterAddress;
    int masterPort = 0;
    int worldSize = 1;
    int rank = 0;
    /// How long a rank waits for the others to reach the store (and for the store to answer).
    int storeTimeoutSeconds = 60;
};

/// Reads MASTER_ADDR, MASTER_PORT, WORLD_SIZE and RANK. A missing or malformed variable is a
/// usage error naming it.
Expected<DistributedSettings> distributedSettingsFromEnvironment();

/// A data-parallel run cannot go on: another rank stopped, the store cannot be reached, the
/// ranks disagree. Thrown from inside training and caught where the run ends; the message names
/// the rank and says what to do.
class DistributedError : public std::runtime_error {
public:
    DistributedError(const std::string& message, ExitCode code = ExitCode::RunFailed)
        : std::runtime_error(message)
        , m_code(code)
    {
    }
    ExitCode code() const { return m_code; }

private:
    ExitCode m_code;
};

} // namespace fsr
