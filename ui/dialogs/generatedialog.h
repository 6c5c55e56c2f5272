#pragma once

#include "data/generator.h"

#include <QDialog>
#include <QSet>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace fsr::ui {

/// Asks for the knobs of a synthetic taste-cluster dataset (see core's GeneratorConfig).
class GenerateDialog : public QDialog {
    Q_OBJECT

public:
    explicit GenerateDialog(QSet<QString> takenNames, QWidget* parent = nullptr);

    QString datasetName() const;
    void setDatasetName(const QString& name);
    GeneratorConfig config() const;
    QString problem() const { return m_problem; }

private:
    void validate();

    QSet<QString> m_takenNames;
    QLineEdit* m_name;
    QSpinBox* m_users;
    QSpinBox* m_items;
    QSpinBox* m_clusters;
    QSpinBox* m_medianRatings;
    QSpinBox* m_seed;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
    QString m_problem;
};

} // namespace fsr::ui
