#include "models/itemmean.h"

#include "spec/config.h"

namespace fsr {

namespace {

KindInfo itemMeanKind()
{
    KindInfo kind;
    kind.name = "item-mean";
    kind.title = "Item mean";
    kind.summary = "Predicts each item's (shrunk) mean rating; ignores the user";
    kind.order = 20;
    kind.uses = {"model.shrinkage"};
    return kind;
}

const bool registered = registerBaseline(itemMeanKind(), [](const ModelConfig& config) {
    return std::make_unique<ItemMean>(config.shrinkage);
});

} // namespace

} // namespace fsr
