#pragma once

#include "io/importer.h"

#include <QString>
#include <QStringList>

namespace fsr::ui {

/// What the import dialog says about each of core's formats.
struct ImportFormatInfo {
    ImportFormat format;
    QString label;       ///< human name for the combo
    QString hint;        ///< which files it reads
    bool readsFolder;    ///< the path is a folder (else one file)
    QStringList columns; ///< names of the ratings file's fields, for the preview header
};

/// The formats in core's order (importFormatNames), with their labels.
QList<ImportFormatInfo> importFormatInfos();
ImportFormatInfo importFormatInfo(ImportFormat format);

/// The most frequent of , tab ; | on the first line of `path` (',' when unsure).
char sniffDelimiter(const QString& path);

} // namespace fsr::ui
