#pragma once

// Shared by the GUI tests: fixture paths and a predictable environment.

#include "io/importer.h"

#include <QDir>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>
#include <QtTest>

namespace fsr::uitest {

/// tests/fixtures/ui/<name> (FSR_FIXTURES is set by CTest).
inline QString fixture(const QString& name)
{
    return QDir(qEnvironmentVariable("FSR_FIXTURES")).filePath(QStringLiteral("ui/") + name);
}

/// datasets/<name> in the source tree (FSR_SOURCE_DIR is set by CTest).
inline QString bundledDataset(const QString& name)
{
    return QDir(qEnvironmentVariable("FSR_SOURCE_DIR")).filePath(QStringLiteral("datasets/") + name);
}

/// Settings go to a test location of this test executable alone (ctest runs several at once,
/// and one must not read another's remembered page), never the user's; numbers print the same
/// everywhere.
inline void prepareEnvironment()
{
    QStandardPaths::setTestModeEnabled(true);
    static QTemporaryDir settingsDir(QDir::tempPath() + QStringLiteral("/fsr-qttest-settings-XXXXXX"));
    QVERIFY(settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY2(!qEnvironmentVariableIsEmpty("FSR_FIXTURES"), "FSR_FIXTURES is not set (run through ctest)");
}

/// An import of a MovieTweetings folder (ratings.dat + movies.dat).
inline ImportRequest movieTweetingsImport(const QString& folder)
{
    ImportRequest request;
    request.format = ImportFormat::MovieTweetings;
    request.path = folder.toStdString();
    return request;
}

} // namespace fsr::uitest
