#include "experiment/paramspec.h"

#include "spec/config.h"

#include <QJsonArray>
#include <QLocale>
#include <QObject>

#include <cmath>
#include <limits>

namespace fsr::ui {

namespace {

constexpr double kIntMax = std::numeric_limits<int>::max();

QString number(double value)
{
    return QString::number(value, 'g', 10);
}

ParamType typeOf(SettingType type)
{
    switch (type) {
    case SettingType::Integer:
        return ParamType::Integer;
    case SettingType::Number:
        return ParamType::Number;
    case SettingType::Choice:
        return ParamType::Choice;
    case SettingType::SizeList:
        return ParamType::SizeList;
    }
    return ParamType::Number;
}

// Optimiser details and fine print: a class following the projected Experiment page needs the
// protocol, the model's size, the learning rates and the steps, not these. A path, not a kind's
// name, so the catalog stays the only place that knows the kinds.
bool isAdvanced(const QString& path)
{
    static const QStringList advanced
        = {QStringLiteral("train.batch_size"),     QStringLiteral("train.weight_decay"),
           QStringLiteral("train.patience"),       QStringLiteral("train.ranking_weight"),
           QStringLiteral("train.optimizer"),      QStringLiteral("method.meta_batch"),
           QStringLiteral("method.teacher_scale"), QStringLiteral("model.shrinkage"),
           QStringLiteral("model.neighbourhood")};
    return advanced.contains(path);
}

// Forms show what core's catalog declares; the parser stays the final judge (the page
// round-trips every config through parseExperimentConfig and shows its message on the field).
std::vector<ParamSpec> buildTable()
{
    const Catalog& catalog = Catalog::instance();
    std::vector<ParamSpec> table;
    for (const SettingInfo* setting : catalog.settings()) {
        ParamSpec spec;
        spec.section = QString::fromStdString(setting->section());
        spec.key = QString::fromStdString(setting->key());
        spec.label = QString::fromStdString(setting->label);
        spec.type = typeOf(setting->type);
        spec.min = setting->min;
        spec.max = setting->max;
        spec.minOpen = setting->minOpen;
        spec.maxOpen = setting->maxOpen;
        spec.defaultText = QString::fromStdString(settingValueText(setting->defaultValue));
        spec.toolTip = QString::fromStdString(setting->help);
        if (!setting->unit.empty())
            spec.unit = QString::fromStdString(setting->unit);
        if (familyOfSection(setting->section()))
            for (const std::string& kind : catalog.kindsUsing(*setting))
                spec.kinds << QString::fromStdString(kind);
        spec.appliesToKinds = familyOfSection(setting->section()).has_value();
        for (const std::string& choice : setting->choices)
            spec.choices << QString::fromStdString(choice);
        spec.allowAll = setting->allowAll;
        spec.advanced = isAdvanced(spec.path());
        table.push_back(spec);
    }
    return table;
}

bool inRange(const ParamSpec& spec, double value)
{
    const bool aboveMin = spec.minOpen ? value > spec.min : value >= spec.min;
    const bool belowMax = spec.maxOpen ? value < spec.max : value <= spec.max;
    return aboveMin && belowMax;
}

QString rangeRule(const ParamSpec& spec)
{
    const bool integer = spec.type == ParamType::Integer;
    const bool unboundedMax = std::isinf(spec.max) || (integer && spec.max >= kIntMax);
    const bool unboundedMin = std::isinf(spec.min) || (integer && spec.min <= -kIntMax);
    if (unboundedMin && unboundedMax)
        return QObject::tr("must be a number");
    if (unboundedMax)
        return QObject::tr("must be %1 %2")
            .arg(spec.minOpen ? QStringLiteral(">") : QStringLiteral("\u2265"), number(spec.min));
    return QObject::tr("must be in %1%2, %3%4")
        .arg(spec.minOpen ? QStringLiteral("(") : QStringLiteral("["), number(spec.min), number(spec.max),
             spec.maxOpen ? QStringLiteral(")") : QStringLiteral("]"));
}

QStringList listItems(const QString& text)
{
    QStringList items;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        items << part.trimmed();
    return items;
}

} // namespace

const std::vector<ParamSpec>& paramTable()
{
    static const std::vector<ParamSpec> table = buildTable();
    return table;
}

std::vector<ParamSpec> paramsFor(const QString& section, const QString& kind)
{
    std::vector<ParamSpec> specs;
    for (const ParamSpec& spec : paramTable())
        if (spec.section == section && (!spec.appliesToKinds || spec.kinds.contains(kind)))
            specs.push_back(spec);
    return specs;
}

QString validateParam(const ParamSpec& spec, const QString& rawText)
{
    const QString text = rawText.trimmed();
    if (text.isEmpty())
        return QObject::tr("required");
    switch (spec.type) {
    case ParamType::Integer: {
        bool ok = false;
        const qlonglong value = text.toLongLong(&ok);
        if (!ok)
            return QObject::tr("must be a whole number");
        if (!inRange(spec, static_cast<double>(value)))
            return rangeRule(spec);
        return {};
    }
    case ParamType::Number: {
        bool ok = false;
        const double value = text.toDouble(&ok);
        if (!ok || !std::isfinite(value))
            return QObject::tr("must be a number (e.g. 0.005 or 5e-3)");
        if (!inRange(spec, value))
            return rangeRule(spec);
        return {};
    }
    case ParamType::Choice:
        return spec.choices.contains(text) ? QString() : QObject::tr("must be one of %1").arg(spec.choices.join(", "));
    case ParamType::SizeList: {
        const QStringList items = listItems(text);
        if (items.isEmpty())
            return QObject::tr("needs at least one value");
        QStringList seen;
        for (const QString& item : items) {
            bool ok = false;
            const qlonglong value = item.toLongLong(&ok);
            const bool isAll = spec.allowAll && item.compare(QLatin1String("all"), Qt::CaseInsensitive) == 0;
            if (!isAll && (!ok || value < 1 || value > kIntMax))
                return spec.allowAll
                    ? QObject::tr("\u201c%1\u201d: use whole numbers \u2265 1 or \u201call\u201d").arg(item)
                    : QObject::tr("\u201c%1\u201d: use whole numbers \u2265 1").arg(item);
            const QString normal = isAll ? QStringLiteral("all") : QString::number(value);
            if (seen.contains(normal))
                return QObject::tr("%1 is listed twice").arg(normal);
            seen << normal;
        }
        return {};
    }
    }
    return {};
}

QJsonValue paramValue(const ParamSpec& spec, const QString& rawText)
{
    const QString text = rawText.trimmed();
    switch (spec.type) {
    case ParamType::Integer:
        return QJsonValue(text.toLongLong());
    case ParamType::Number:
        return QJsonValue(text.toDouble());
    case ParamType::Choice:
        return QJsonValue(text);
    case ParamType::SizeList: {
        QJsonArray array;
        for (const QString& item : listItems(text)) {
            if (item.compare(QLatin1String("all"), Qt::CaseInsensitive) == 0)
                array.append(QStringLiteral("all"));
            else
                array.append(item.toLongLong());
        }
        return array;
    }
    }
    return {};
}

QString paramText(const ParamSpec& spec, const QJsonValue& value)
{
    switch (spec.type) {
    case ParamType::Integer:
    case ParamType::Number:
        return value.isDouble() ? number(value.toDouble()) : value.toVariant().toString();
    case ParamType::Choice:
        return value.toString();
    case ParamType::SizeList: {
        if (!value.isArray())
            return value.toVariant().toString();
        QStringList parts;
        for (const QJsonValue& item : value.toArray())
            parts << (item.isString() ? item.toString() : number(item.toDouble()));
        return parts.join(QStringLiteral(", "));
    }
    }
    return {};
}

} // namespace fsr::ui
