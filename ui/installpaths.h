#pragma once
// Files installed for people next to an installed workbench (`cmake --install`, the .deb).

#include <QString>

namespace fsr::ui {

/// The bundled MovieTweetings sample's folder when the workbench runs from an installation:
/// PREFIX/share/fsr-workbench/datasets/movietweetings-100k beside PREFIX/bin, where
/// `applicationDir` (QCoreApplication::applicationDirPath()) is. Empty when it is not there, as
/// in a build tree, where the sample is the repository's datasets/movietweetings-100k.
QString installedSampleDataset(const QString& applicationDir);

} // namespace fsr::ui
