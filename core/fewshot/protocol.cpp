#include "fewshot/protocol.h"

#include "spec/kindtable.h"

namespace fsr {

bool registerProtocol(KindInfo kind, ProtocolFactory factory)
{
    return KindTable<ProtocolFactory>::instance().add(std::move(kind), std::move(factory));
}

Expected<Split> makeSplit(const Dataset& data, const ProtocolConfig& config, unsigned long long seed)
{
    if (data.ratingCount() == 0)
        return badInput("dataset \"" + data.name + "\" has no ratings");
    const ProtocolFactory* factory = KindTable<ProtocolFactory>::instance().find(config.kind);
    if (!factory)
        return badInput("protocol.kind: unknown value \"" + config.kind + "\"");
    std::mt19937_64 rng(seed);
    return (*factory)(data, config, rng);
}

} // namespace fsr
