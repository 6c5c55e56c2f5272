#pragma once

#include "lessons/lesson.h"
#include "pages/page.h"

#include <QMap>
#include <QObject>

#include <optional>

namespace fsr::ui {

class DatabaseSession;
class RunQueue;

/// The lesson being taught: which step is on screen, and the stored runs its steps show. A run
/// trained before with the same config (any device) is used again; the others are queued on the
/// window's run queue when the lesson starts, and the steps fill in as they finish.
class LessonSession : public QObject {
    Q_OBJECT

public:
    LessonSession(DatabaseSession* session, RunQueue* queue, QObject* parent = nullptr);

    /// Whether start() queues the runs not trained yet (the default). Screenshots only show what
    /// is there: a run they queued would be cancelled, and stored so, when they exit.
    void setTrainsMissingRuns(bool trains) { m_trainsMissingRuns = trains; }

    /// Starts at the first step; finds or queues the lesson's runs.
    void start(const Lesson& lesson);
    /// Ends the lesson (queued runs go on training: they are ordinary runs).
    void stop();
    bool isActive() const { return m_lesson.has_value(); }
    const Lesson& lesson() const { return *m_lesson; }

    int stepIndex() const { return m_step; }
    int stepCount() const { return isActive() ? static_cast<int>(m_lesson->steps.size()) : 0; }
    const LessonStep& step() const { return m_lesson->steps.at(m_step); }
    void next() { goTo(m_step + 1); }
    void back() { goTo(m_step - 1); }
    void goTo(int index);

    /// What the window shows for the current step: its page's run(s), user, tab and settings.
    PageContext context() const;
    /// The current step's text, its numbers filled in from the stored runs.
    QString text() const;
    /// What the lesson waits for ("Training 2 of 3 runs: biased-mf + MAML…", a missing dataset,
    /// a run that failed); empty when every run is there.
    QString status() const;
    /// The stored run of a lesson run key, 0 while it is not trained.
    qint64 runId(const QString& key) const { return m_runIds.value(key, 0); }

Q_SIGNALS:
    /// Another step is current (or the lesson started): the window shows its page.
    void stepChanged();
    /// A run of the lesson finished or failed: the text, status and context may have changed.
    void runsChanged();
    void ended();

private:
    void findRuns();
    void queueMissingRuns();
    bool hasDataset() const;

    DatabaseSession* m_session;
    RunQueue* m_queue;
    std::optional<Lesson> m_lesson;
    int m_step = 0;
    /// The run's config as the queue and the failures are keyed by it (worked out at start()).
    QString configKey(const LessonRun& run) const;
    bool isTraining(const LessonRun& run) const;

    QMap<QString, qint64> m_runIds;      ///< lesson run key -> stored run id
    QMap<QString, QString> m_configKeys; ///< lesson run key -> configKey()

    /// Run queue id -> config, while training. Kept across lessons: a run queued by one lesson
    /// serves another that shows it too, once it has finished.
    QMap<int, QString> m_training;
    QMap<QString, QString> m_failed; ///< config -> why its run failed
    bool m_trainsMissingRuns = true;
};

} // namespace fsr::ui
