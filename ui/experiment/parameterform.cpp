#include "experiment/parameterform.h"

#include "presentationstyle.h"
#include "textstyle.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace fsr::ui {

namespace {

// Only the border changes, so the field keeps the platform look when it is valid.
const QString kInvalidStyle
    = QStringLiteral("QLineEdit { border: 2px solid #c62828; border-radius: 3px; padding: 1px; }");

} // namespace

ParameterForm::ParameterForm(QWidget* parent) : QWidget(parent), m_layout(new QFormLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_layout->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_layout->setRowWrapPolicy(QFormLayout::DontWrapRows);
    connect(&PresentationStyle::instance(), &PresentationStyle::changed, this, &ParameterForm::updateRowVisibility);
}

void ParameterForm::updateRowVisibility()
{
    // Hidden, not removed: the value (typed or default) still goes into the config, so turning
    // presentation mode on never changes what a run does.
    const bool presenting = PresentationStyle::active();
    for (const Field& field : m_fields)
        m_layout->setRowVisible(field.editor->parentWidget(), !(field.spec.advanced && presenting));
}

bool ParameterForm::isRowShown(const QString& key) const
{
    for (const Field& field : m_fields)
        if (field.spec.key == key)
            return m_layout->isRowVisible(field.editor->parentWidget());
    return false;
}

void ParameterForm::setSpecs(const std::vector<ParamSpec>& specs)
{
    for (const Field& field : m_fields)
        m_remembered.insert(field.spec.key, text(field));
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_fields.clear();
    m_fields.reserve(specs.size());

    for (const ParamSpec& spec : specs) {
        Field field;
        field.spec = spec;
        field.editor = createEditor(spec);
        field.error = new QLabel(this);
        field.error->setObjectName(QStringLiteral("error_%1").arg(spec.key));
        field.error->setWordWrap(true);
        setErrorText(field.error);
        field.error->hide();

        auto* label = new QLabel(spec.label + QLatin1Char(':'), this);
        label->setToolTip(spec.toolTip);
        label->setBuddy(field.editor);
        auto* cell = new QWidget(this);
        auto* column = new QVBoxLayout(cell);
        column->setContentsMargins(0, 0, 0, 0);
        column->setSpacing(2);
        column->addWidget(field.editor);
        column->addWidget(field.error);
        m_layout->addRow(label, cell);
        m_fields.push_back(field);
    }
    for (Field& field : m_fields) {
        setText(field, m_remembered.value(field.spec.key, field.spec.defaultText));
        refresh(field);
    }
    updateRowVisibility();
    if (m_fields.empty() && !m_emptyText.isEmpty()) {
        auto* note = new QLabel(m_emptyText, this);
        note->setObjectName(QStringLiteral("emptyFormNote"));
        note->setWordWrap(true);
        setMutedText(note);
        m_layout->addRow(note);
    }
    Q_EMIT changed();
}

void ParameterForm::setEmptyText(const QString& text)
{
    m_emptyText = text;
}

QWidget* ParameterForm::createEditor(const ParamSpec& spec)
{
    const QString name = QStringLiteral("param_%1_%2").arg(spec.section, spec.key);
    const QString defaultText
        = spec.unit.isEmpty() ? spec.defaultText : spec.defaultText + QLatin1Char(' ') + spec.unit;
    const QString tip = QStringLiteral("%1\n(%2; default %3)").arg(spec.toolTip, spec.path(), defaultText);
    if (spec.type == ParamType::Choice) {
        auto* combo = new QComboBox(this);
        combo->addItems(spec.choices);
        combo->setObjectName(name);
        combo->setToolTip(tip);
        connect(combo, &QComboBox::currentTextChanged, this, [this, combo] {
            for (Field& field : m_fields)
                if (field.editor == combo)
                    refresh(field);
            Q_EMIT changed();
        });
        return combo;
    }
    auto* edit = new QLineEdit(this);
    edit->setObjectName(name);
    edit->setToolTip(tip);
    edit->setPlaceholderText(spec.defaultText);
    connect(edit, &QLineEdit::textChanged, this, [this, edit] {
        for (Field& field : m_fields) {
            if (field.editor == edit) {
                field.externalError.clear();
                refresh(field);
            }
        }
        Q_EMIT changed();
    });
    return edit;
}

QString ParameterForm::text(const Field& field) const
{
    if (auto* combo = qobject_cast<QComboBox*>(field.editor))
        return combo->currentText();
    return static_cast<QLineEdit*>(field.editor)->text();
}

void ParameterForm::setText(Field& field, const QString& value)
{
    if (auto* combo = qobject_cast<QComboBox*>(field.editor)) {
        const QSignalBlocker blocker(combo);
        const int index = combo->findText(value);
        combo->setCurrentIndex(index >= 0 ? index : combo->findText(field.spec.defaultText));
    } else {
        auto* edit = static_cast<QLineEdit*>(field.editor);
        const QSignalBlocker blocker(edit);
        edit->setText(value);
    }
    field.externalError.clear();
}

void ParameterForm::refresh(Field& field)
{
    QString message = validateParam(field.spec, text(field));
    if (message.isEmpty())
        message = field.externalError;
    const bool invalid = !message.isEmpty();
    if (qobject_cast<QLineEdit*>(field.editor))
        field.editor->setStyleSheet(invalid ? kInvalidStyle : QString());
    field.editor->setProperty("invalid", invalid);
    field.error->setText(message);
    field.error->setVisible(invalid);
}

bool ParameterForm::isValid() const
{
    return firstError().isEmpty();
}

QString ParameterForm::firstError() const
{
    for (const Field& field : m_fields) {
        QString message = validateParam(field.spec, text(field));
        if (message.isEmpty())
            message = field.externalError;
        if (!message.isEmpty())
            return QStringLiteral("%1 (%2): %3").arg(field.spec.label, field.spec.path(), message);
    }
    return {};
}

QJsonObject ParameterForm::values() const
{
    QJsonObject object;
    for (const Field& field : m_fields)
        if (validateParam(field.spec, text(field)).isEmpty())
            object.insert(field.spec.key, paramValue(field.spec, text(field)));
    return object;
}

void ParameterForm::setValues(const QJsonObject& values)
{
    for (Field& field : m_fields) {
        const auto found = values.find(field.spec.key);
        setText(field, found != values.end() ? paramText(field.spec, *found) : field.spec.defaultText);
        refresh(field);
    }
    // Keys of other kinds in the same section (a preset's "hidden" while a baseline is shown)
    // are remembered for when that kind is picked.
    for (auto it = values.begin(); it != values.end(); ++it)
        for (const ParamSpec& spec : paramTable())
            if (spec.key == it.key() && !editor(it.key()))
                m_remembered.insert(it.key(), paramText(spec, it.value()));
    Q_EMIT changed();
}

bool ParameterForm::setExternalError(const QString& key, const QString& message)
{
    for (Field& field : m_fields) {
        if (field.spec.key == key) {
            if (field.externalError != message) {
                field.externalError = message;
                refresh(field);
            }
            return true;
        }
    }
    return false;
}

void ParameterForm::clearExternalErrors()
{
    for (Field& field : m_fields) {
        if (!field.externalError.isEmpty()) {
            field.externalError.clear();
            refresh(field);
        }
    }
}

QWidget* ParameterForm::editor(const QString& key) const
{
    for (const Field& field : m_fields)
        if (field.spec.key == key)
            return field.editor;
    return nullptr;
}

} // namespace fsr::ui
