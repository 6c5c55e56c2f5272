#include "lessons/lessontext.h"

#include "qtconvert.h"

#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace fsr::ui {

namespace {

std::optional<QString> placeholderValue(const QStringList& parts, const QMap<QString, const RunEntry*>& runs)
{
    const RunEntry* run = runs.value(parts.value(0), nullptr);
    if (!run)
        return std::nullopt;
    if (parts.size() == 2 && parts[1] == QLatin1String("label"))
        return run->label();
    if (parts.size() == 2 && parts[1] == QLatin1String("train_seconds"))
        return QStringLiteral("%1 s").arg(QLocale().toString(run->summary.trainSeconds, 'f', 1));
    if (parts.size() != 3)
        return std::nullopt;
    const double value = run->metric(toStdString(parts[2]), toStdString(parts[1]));
    if (std::isnan(value))
        return std::nullopt;
    return QLocale().toString(value, 'f', 3); // as the Compare page's table
}

} // namespace

QString fillLessonText(const QString& text, const QMap<QString, const RunEntry*>& runs, QStringList* missing)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{\\{([^{}]+)\\}\\}"));
    QString out;
    qsizetype from = 0;
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        out += text.mid(from, match.capturedStart() - from);
        const QString name = match.captured(1).trimmed();
        const auto value = placeholderValue(name.split(QLatin1Char(':')), runs);
        if (!value && missing)
            missing->append(name);
        out += value.value_or(QStringLiteral("\u2026"));
        from = match.capturedEnd();
    }
    return out + text.mid(from);
}

} // namespace fsr::ui
