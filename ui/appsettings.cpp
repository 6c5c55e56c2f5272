#include "appsettings.h"

namespace fsr::ui {

std::unique_ptr<QSettings> openSettings()
{
    // Named explicitly rather than through QCoreApplication's names, so tests and tools that do
    // not set them still read the same file.
    return std::make_unique<QSettings>(QStringLiteral("fsr"), QStringLiteral("workbench"));
}

} // namespace fsr::ui
