#include "dialogs/datasetnames.h"

#include <QCoreApplication>

namespace fsr::ui {

QString uniqueDatasetName(const QString& base, const QSet<QString>& taken)
{
    QString name = base;
    for (int suffix = 2; taken.contains(name); ++suffix)
        name = QStringLiteral("%1-%2").arg(base).arg(suffix);
    return name;
}

QString datasetNameProblem(const QString& name, const QSet<QString>& taken)
{
    if (name.isEmpty())
        return QCoreApplication::translate("fsr::ui", "Give the dataset a name.");
    if (taken.contains(name))
        return QCoreApplication::translate("fsr::ui",
                                           "A dataset named \u201c%1\u201d already exists; choose another name.")
            .arg(name);
    return {};
}

} // namespace fsr::ui
