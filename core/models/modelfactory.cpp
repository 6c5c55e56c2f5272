#include "models/modelfactory.h"

#include "spec/kindtable.h"

namespace fsr {

bool registerModel(KindInfo kind, ModelFactory factory)
{
    kind.family = KindFamily::Model;
    kind.capabilities.learned = true;
    kind.capabilities.differentiable = true;
    return KindTable<ModelFactory>::instance().add(std::move(kind), std::move(factory));
}

std::unique_ptr<Model> makeModel(const std::string& kind, const ModelShape& shape, torch::Device device)
{
    const ModelFactory* factory = KindTable<ModelFactory>::instance().find(kind);
    return factory ? (*factory)(shape, device) : nullptr;
}

} // namespace fsr
