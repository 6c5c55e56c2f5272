#include "models/baseline.h"

#include "spec/config.h"
#include "spec/kindtable.h"

namespace fsr {

bool registerBaseline(KindInfo kind, BaselineFactory factory)
{
    kind.family = KindFamily::Model;
    return KindTable<BaselineFactory>::instance().add(std::move(kind), std::move(factory));
}

std::unique_ptr<Baseline> makeBaseline(const ModelConfig& config)
{
    const BaselineFactory* factory = KindTable<BaselineFactory>::instance().find(config.kind);
    return factory ? (*factory)(config) : nullptr;
}

} // namespace fsr
