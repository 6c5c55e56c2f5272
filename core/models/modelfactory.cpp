#include "models/modelfactory.h"

#include "spec/kindtable.h"

namespace fsr {

bool registerModel(KindInfo kind, ModelFactory factory)
{
    kind.family = KindFamily::Model;
    kind.capabilities.learned = true;
    kind.capabilities.differentiable = true;
    // Model gives every differentiable kind its ranking score (the entity's ranking vector times
    // each target's vector, plus the popularity prior).
    kind.capabilities.rankingObjective = true;
    return KindTable<ModelFactory>::instance().add(std::move(kind), std::move(factory));
}

std::unique_ptr<Model> makeModel(const std::string& kind, const ModelShape& shape, torch::Device device)
{
    const ModelFactory* factory = KindTable<ModelFactory>::instance().find(kind);
    return factory ? (*factory)(shape, device) : nullptr;
}

} // namespace fsr
