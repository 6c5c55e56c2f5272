#pragma once

#include "inspector/inspection.h"
#include "store/runstore.h"

#include <QWidget>

#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QSpinBox;
class QStandardItemModel;

namespace fsr::ui {

class UserFilterModel;

/// Picks a finished run and one of its users: a run combo, a searchable user list, and filters by
/// number of ratings and cold (held out by the run) or warm (trained on). Shared by the user
/// inspector and the attention view.
class RunUserPicker : public QWidget {
    Q_OBJECT

public:
    explicit RunUserPicker(QWidget* parent = nullptr);

    /// Fills the run combo, keeping the current run when it is still there.
    void setRuns(const std::vector<RunSummary>& runs);
    std::optional<qint64> currentRun() const;
    bool setCurrentRun(qint64 runId);
    int runCount() const;
    /// No run chosen (the one asked for cannot be shown); picking any run then signals.
    void clearCurrentRun();

    /// The users of the loaded run (replaces the list; keeps the current user when present).
    void setUsers(const RunUsers& users);
    void clearUsers(const QString& placeholder);
    QString currentUser() const;
    bool selectUser(const QString& userId);
    /// The first cold-start user, else the first user (a sensible start).
    QString firstUser() const;
    int visibleUserCount() const;

Q_SIGNALS:
    void runChanged(qint64 runId);
    void userChanged(const QString& userId);

private:
    void updateCount();

    QComboBox* m_runCombo;
    QLineEdit* m_search;
    QSpinBox* m_minRatings;
    QComboBox* m_kind;
    QListView* m_list;
    QLabel* m_count;
    QStandardItemModel* m_users;
    UserFilterModel* m_filter;
};

} // namespace fsr::ui
