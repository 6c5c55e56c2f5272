#include "adapt/method.h"

#include "spec/kindtable.h"

namespace fsr {

Batch Method::supportBatch(const Model& model, const AdaptInput& input)
{
    return input.batches.tasks({input.rows}, {input.rows}, model.usesContext(), input.useTable);
}

bool registerMethod(KindInfo kind, MethodFactory factory)
{
    kind.family = KindFamily::Method;
    return KindTable<MethodFactory>::instance().add(std::move(kind), std::move(factory));
}

std::unique_ptr<Method> makeMethod(const MethodConfig& config)
{
    const MethodFactory* factory = KindTable<MethodFactory>::instance().find(config.kind);
    return factory ? (*factory)(config) : nullptr;
}

} // namespace fsr
