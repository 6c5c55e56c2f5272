#pragma once

#include "experiment/paramspec.h"

#include <QHash>
#include <QJsonObject>
#include <QWidget>

#include <vector>

class QFormLayout;
class QLabel;

namespace fsr::ui {

/// A form generated from ParamSpecs: one field per setting, checked as the user types (red border
/// and the reason under the field). Values typed for a setting survive switching kinds, so going
/// from MAML to Reptile and back keeps the inner learning rate.
class ParameterForm : public QWidget {
    Q_OBJECT

public:
    explicit ParameterForm(QWidget* parent = nullptr);

    /// Replaces the fields; a key seen before keeps its last text, new keys start at the default.
    void setSpecs(const std::vector<ParamSpec>& specs);
    bool isEmpty() const { return m_fields.empty(); }
    /// What the form says when it has no fields ("Global mean has no settings").
    void setEmptyText(const QString& text);
    bool isValid() const;
    /// The first invalid field as "path: reason", empty when valid.
    QString firstError() const;

    /// The section as JSON (valid fields only).
    QJsonObject values() const;
    /// Sets the texts of the keys present in `values`; the others go back to their defaults.
    void setValues(const QJsonObject& values);
    /// Shows a message from core (cross-field rules) on the field with this key; false if absent.
    bool setExternalError(const QString& key, const QString& message);
    void clearExternalErrors();

    /// The editor of a key (a QLineEdit or QComboBox), for tests and focus.
    QWidget* editor(const QString& key) const;
    /// Whether the row of a key shows: advanced rows step aside in presentation mode.
    bool isRowShown(const QString& key) const;

Q_SIGNALS:
    void changed();

private:
    struct Field {
        ParamSpec spec;
        QWidget* editor = nullptr;
        QLabel* error = nullptr;
        QString externalError;
    };

    QString text(const Field& field) const;
    void setText(Field& field, const QString& text);
    void refresh(Field& field);
    QWidget* createEditor(const ParamSpec& spec);
    /// Hides advanced rows in presentation mode, shows them otherwise.
    void updateRowVisibility();

    QFormLayout* m_layout;
    std::vector<Field> m_fields;
    QHash<QString, QString> m_remembered;
    QString m_emptyText;
};

} // namespace fsr::ui
