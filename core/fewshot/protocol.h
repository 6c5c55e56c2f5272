#pragma once

#include "data/dataset.h"
#include "spec/config.h"
#include "spec/split.h"

#include <cstdint>
#include <functional>
#include <random>
#include <vector>

namespace fsr {

/// How a protocol kind splits a dataset (seeded by the caller).
using ProtocolFactory = std::function<Expected<Split>(const Dataset&, const ProtocolConfig&, std::mt19937_64&)>;
/// Registers a protocol kind: its catalog entry and its split; returns true (for a static).
bool registerProtocol(KindInfo kind, ProtocolFactory factory);

/// Builds the split of `config` over `data`; seeded and deterministic. Fails when the protocol
/// leaves no test entities.
Expected<Split> makeSplit(const Dataset& data, const ProtocolConfig& config, unsigned long long seed);

} // namespace fsr
