#pragma once

#include "experiment/kindcatalog.h"
#include "pages/page.h"

#include <QJsonObject>

class QComboBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTextBrowser;

namespace fsr::ui {

class DatabaseSession;
class ParameterForm;
class RunQueue;

/// Sets up an experiment: dataset, protocol, base model and adaptation method with an
/// explanation of each choice, hyperparameter forms generated from the parameter table and
/// checked as the user types, device, seed and presets. Start queues the run on the RunQueue.
class ExperimentPage : public Page {
    Q_OBJECT

public:
    ExperimentPage(DatabaseSession* session, RunQueue* queue, QWidget* parent = nullptr);

    /// The config the form describes (also when invalid: core's parser has the last word).
    QJsonObject config() const;
    /// Empty when the form can start, else the first problem.
    QString problem() const { return m_problem; }
    bool canStart() const { return m_problem.isEmpty(); }

    /// Fills the page from a config (a preset or the last run); kinds and values it lacks keep
    /// their defaults. A dataset missing from the database keeps the current choice.
    void applyConfig(const QJsonObject& config);
    /// Loads one of the presets compiled from resources/presets; false if unknown.
    bool loadPreset(const QString& name);
    QStringList presetNames() const;

    ParameterForm* form(const QString& section) const;
    QComboBox* kindCombo(KindFamily family) const;
    QComboBox* datasetCombo() const { return m_dataset; }
    QPushButton* startButton() const { return m_start; }

public Q_SLOTS:
    /// Validates once more and queues the run; returns the queue id, 0 (with a dialog) if not.
    int start();

Q_SIGNALS:
    void runQueued(int queueId);

private:
    QGroupBox* addForm(const QString& section, const QString& title, ParameterForm*& form);
    void reloadDatasets();
    void kindsChanged();
    void validate();
    void updateExplanation();
    void remember() const;
    void showMessage(const QString& title, const QString& text);
    QString currentKind(KindFamily family) const;

    DatabaseSession* m_session;
    RunQueue* m_queue;
    QComboBox* m_preset;
    QPushButton* m_loadPreset;
    QComboBox* m_dataset;
    QComboBox* m_protocol;
    QComboBox* m_model;
    QComboBox* m_method;
    QComboBox* m_device;
    QLabel* m_deviceNote;
    QSpinBox* m_seed;
    ParameterForm* m_protocolForm = nullptr;
    ParameterForm* m_modelForm = nullptr;
    ParameterForm* m_trainForm = nullptr;
    ParameterForm* m_methodForm = nullptr;
    ParameterForm* m_evalForm = nullptr;
    QGroupBox* m_modelBox = nullptr;
    QGroupBox* m_trainBox = nullptr;
    QGroupBox* m_methodBox = nullptr;
    QTextBrowser* m_explanation;
    QLabel* m_status;
    QPushButton* m_start;
    QString m_problem;
    QString m_presetNote;
    bool m_applying = false;
};

} // namespace fsr::ui
