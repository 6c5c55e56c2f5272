#include "installpaths.h"

#include <QDir>
#include <QFileInfo>

namespace fsr::ui {

QString installedSampleDataset(const QString& applicationDir)
{
    const QString folder = QDir::cleanPath(
        QDir(applicationDir).absoluteFilePath(QStringLiteral("../share/fsr-workbench/datasets/movietweetings-100k")));
    // The ratings file, not just the folder: a folder left behind by a removed package is no help.
    return QFileInfo(QDir(folder).filePath(QStringLiteral("ratings.dat"))).isFile() ? folder : QString();
}

} // namespace fsr::ui
