#include "models/popularity.h"

#include "spec/config.h"

namespace fsr {

namespace {

KindInfo popularityKind()
{
    KindInfo kind;
    kind.name = "popularity";
    kind.title = "Popularity";
    kind.summary = "Recommends what most training users rated; the same list for everyone";
    kind.order = 40;
    kind.uses = {};
    return kind;
}

const bool registered
    = registerBaseline(popularityKind(), [](const ModelConfig&) { return std::make_unique<Popularity>(); });

} // namespace

} // namespace fsr
