#include "experiment/explanations.h"

#include <QFile>
#include <QObject>

namespace fsr::ui {

QString explanationMarkdown(KindFamily family, const QString& kind)
{
    QFile file(QStringLiteral(":/explanations/%1/%2.md").arg(familyKey(family), kind));
    if (!file.open(QIODevice::ReadOnly))
        return QObject::tr("### %1\n\nNo explanation has been written for this choice yet.")
            .arg(kindTitle(family, kind));
    return QString::fromUtf8(file.readAll());
}

} // namespace fsr::ui
