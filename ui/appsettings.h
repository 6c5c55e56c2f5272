#pragma once

#include <QSettings>
#include <QString>

#include <memory>

namespace fsr::ui {

// One place for the settings file's identity and keys, so the GUI and tests agree on them.
namespace settingskey {
inline const QString geometry = QStringLiteral("window/geometry");
inline const QString windowState = QStringLiteral("window/state");
inline const QString lastPage = QStringLiteral("window/lastPage");
inline const QString presentationMode = QStringLiteral("view/presentationMode");
inline const QString lastImportFolder = QStringLiteral("import/lastFolder");
inline const QString lastImportFormat = QStringLiteral("import/lastFormat");
inline const QString lastDatabaseFolder = QStringLiteral("database/lastFolder");
} // namespace settingskey

/// The workbench's settings (organization "fsr", application "workbench").
std::unique_ptr<QSettings> openSettings();

} // namespace fsr::ui
