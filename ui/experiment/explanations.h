#pragma once

#include "experiment/kindcatalog.h"

#include <QString>

namespace fsr::ui {

/// The Markdown explanation of a kind (what it does, key formula, when it helps), compiled in
/// from resources/explanations/<family>/<kind>.md; a short note when none was written.
QString explanationMarkdown(KindFamily family, const QString& kind);

} // namespace fsr::ui
