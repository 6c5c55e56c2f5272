#include "spec/distributed.h"

#include <cstdlib>
#include <limits>

namespace fsr {

namespace {

Error notSet(const char* name)
{
    return {std::string(name)
                + " is not set: --distributed reads MASTER_ADDR, MASTER_PORT, WORLD_SIZE and RANK from the "
                  "environment (fsr launch sets them)",
            ExitCode::Usage};
}

Expected<long> wholeNumberVariable(const char* name, long low, long high)
{
    const char* text = std::getenv(name);
    if (!text || !*text)
        return notSet(name);
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (*end != '\0' || value < low || value > high)
        return Error {std::string(name) + " must be a whole number in [" + std::to_string(low) + ", "
                          + std::to_string(high) + "], not '" + text + "'",
                      ExitCode::Usage};
    return value;
}

} // namespace

Expected<DistributedSettings> distributedSettingsFromEnvironment()
{
    DistributedSettings settings;
    const char* address = std::getenv("MASTER_ADDR");
    if (!address || !*address)
        return notSet("MASTER_ADDR");
    settings.masterAddress = address;
    auto port = wholeNumberVariable("MASTER_PORT", 1, 65535);
    if (!port)
        return port.error();
    // Far more ranks than any machine count this tool is meant for; keeps the arithmetic small.
    auto world = wholeNumberVariable("WORLD_SIZE", 1, 1024);
    if (!world)
        return world.error();
    auto rank = wholeNumberVariable("RANK", 0, *world - 1);
    if (!rank)
        return rank.error();
    settings.masterPort = static_cast<int>(*port);
    settings.worldSize = static_cast<int>(*world);
    settings.rank = static_cast<int>(*rank);
    return settings;
}

} // namespace fsr
