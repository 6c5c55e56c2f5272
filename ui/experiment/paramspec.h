#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <vector>

namespace fsr::ui {

enum class ParamType { Integer, Number, Choice, SizeList };

/// One hyperparameter as the forms show and check it: core's catalog entry (SettingInfo) in Qt
/// types. Forms are generated from paramTable().
struct ParamSpec {
    QString section; ///< JSON section: protocol, model, train, method, eval
    QString key;     ///< JSON key inside the section
    QString label;   ///< form label
    ParamType type = ParamType::Number;
    double min = 0;
    double max = 1e9;
    bool minOpen = false; ///< true: the value must be > min, not >= min
    bool maxOpen = false;
    QString defaultText;         ///< core's default, as typed in the field
    QString toolTip;             ///< one line on what the setting does
    QStringList kinds;           ///< kinds of the section that use it (when appliesToKinds)
    bool appliesToKinds = false; ///< protocol, model, method settings: only `kinds` use it
    QString unit;                ///< "ratings", "steps" (may be empty)
    QStringList choices;         ///< Choice only
    bool allowAll = false;       ///< SizeList: "all" is accepted
    bool advanced = false;       ///< an expert's knob: presentation mode hides its row

    /// The JSON path core names in its errors ("method.inner_lr").
    QString path() const { return section + QLatin1Char('.') + key; }
};

/// Every setting of core's catalog, in form order.
const std::vector<ParamSpec>& paramTable();
/// The settings of `section` that apply to `kind` (kind is ignored for train and eval).
std::vector<ParamSpec> paramsFor(const QString& section, const QString& kind = QString());

/// Empty when `text` is acceptable, else what is wrong ("must be > 0").
QString validateParam(const ParamSpec& spec, const QString& text);
/// The JSON value of a valid text.
QJsonValue paramValue(const ParamSpec& spec, const QString& text);
/// The text a field shows for a JSON value (presets, remembered configs).
QString paramText(const ParamSpec& spec, const QJsonValue& value);

} // namespace fsr::ui
