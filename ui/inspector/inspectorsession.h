#pragma once

#include "inspector/inspection.h"

#include <QObject>

#include <limits>
#include <optional>

namespace fsr::ui {

class DatabaseSession;
class RecommenderClient;
class RunUserPicker;
class SupportSizeSlider;
struct PageContext;

/// The logic the user inspector and the attention view share: which runs the picker offers,
/// loading the chosen run on the worker, choosing a user (the `--user` one, else the first
/// cold-start user) and re-adapting when the user, support size or list length changes.
class InspectorSession : public QObject {
    Q_OBJECT

public:
    /// `attentionOnly`: offer only runs of the attention model.
    InspectorSession(DatabaseSession* database, RunUserPicker* picker, SupportSizeSlider* slider, bool attentionOnly,
                     QObject* parent = nullptr);

    /// Re-reads the finished runs (the database changed or the page is shown again).
    void reloadRuns();
    void setContext(const PageContext& context);
    void setTopN(int topN);
    void setRankByRating(bool byRating);
    /// > 0: every inspection also steps through the adaptation this many inner steps.
    void setTraceSteps(int steps);
    /// Loading a run also computes its embedding map (the Map page).
    void setWithMap(bool withMap) { m_withMap = withMap; }
    /// Hybrid runs: re-rank with this weight of the collaborative part (NaN: the run's own).
    void setMixWeight(double alpha);
    /// Inspects the sandbox's new user with these ratings on run `runId` instead of a user of the
    /// picker, until a user is picked there.
    void inspectNewUser(qint64 runId, const QVector<SandboxRating>& ratings);
    bool isNewUser() const { return m_newUser.has_value(); }
    /// Runs or adaptations in flight, or a context not applied yet.
    bool isLoading() const;
    void stop();

    const std::optional<RunUsers>& run() const { return m_run; }
    const std::optional<UserInspection>& inspection() const { return m_inspection; }

Q_SIGNALS:
    /// No run to offer: `message` says why and what to do.
    void unavailable(const QString& title, const QString& message);
    void runLoading(qint64 runId);
    void runReady(const fsr::ui::RunUsers& run);
    void adapting(const QString& userId, int supportSize); ///< userId empty: the sandbox user
    void inspected(const fsr::ui::UserInspection& inspection);
    void failed(const QString& message);

private:
    void runChanged(qint64 runId);
    void runLoaded(const RunUsers& run);
    void userChanged(const QString& userId);
    /// Selects the `--user` one once the run is loaded.
    void applyContextUser();
    void requestInspection();
    int defaultSupport(int maxSupport) const;

    DatabaseSession* m_database;
    RunUserPicker* m_picker;
    SupportSizeSlider* m_slider;
    RecommenderClient* m_client;
    bool m_attentionOnly;
    int m_topN = 10;
    bool m_rankByRating = false;
    int m_traceSteps = 0;
    bool m_withMap = false;
    double m_mixWeight = std::numeric_limits<double>::quiet_NaN();
    std::optional<QVector<SandboxRating>> m_newUser; ///< the sandbox user's ratings, while inspected
    std::optional<qint64> m_requestedRun; ///< the run loaded or being loaded
    std::optional<qint64> m_contextRun;
    QString m_contextUser;
    std::optional<RunUsers> m_run;
    std::optional<UserInspection> m_inspection;
};

} // namespace fsr::ui
