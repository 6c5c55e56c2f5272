#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace fsr::ui {

/// A dataset a job has written into the store.
struct DatasetJobResult {
    QString name;
    qint64 ratings = 0;
    qint64 users = 0;
    qint64 items = 0;
    qint64 duplicatesDropped = 0;
    QStringList notes; ///< things the user should know (dropped duplicates, missing catalog)
};

} // namespace fsr::ui

Q_DECLARE_METATYPE(fsr::ui::DatasetJobResult)
