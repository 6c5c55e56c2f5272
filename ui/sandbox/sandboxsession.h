#pragma once

#include "inspector/inspection.h"

#include <QObject>
#include <QVector>

#include <array>
#include <optional>

namespace fsr::ui {

class RecommenderClient;

/// The sandbox's logic, apart from its widgets: a brand-new user's ratings (with undo) and up to
/// kColumns stored runs that each re-adapt to them, on their own worker, after every change. A
/// newer rating supersedes an adaptation still waiting, and a result that a newer request has
/// overtaken is dropped. The user lives only here: nothing is written to the database.
class SandboxSession : public QObject {
    Q_OBJECT

public:
    static constexpr int kColumns = 3;

    explicit SandboxSession(QObject* parent = nullptr);
    ~SandboxSession() override;

    void setDatabasePath(const QString& path);
    /// Shows run `runId` in `column`; 0 empties the column.
    void setRun(int column, qint64 runId);
    qint64 run(int column) const;
    void setTopN(int topN);
    int topN() const { return m_topN; }

    const QVector<SandboxRating>& ratings() const { return m_ratings; }
    /// Adds a rating; rating an item again replaces its rating (and makes it the latest).
    void rate(const SandboxRating& rating);
    /// Takes back the last change (a rating, a reset or a start from a user).
    bool undo();
    bool canUndo() const { return !m_history.isEmpty(); }
    void reset();
    /// Replaces every rating at once (one step to undo).
    void replaceRatings(const QVector<SandboxRating>& ratings);
    /// Forgets the ratings and their history (another catalog: they cannot be undone into it).
    void clearRatings();
    /// Replaces the ratings with the first `count` ratings of the dataset user `userId` (time
    /// order; a user the run held out gets the run's support order), read through the run in
    /// the first loaded column.
    void startFromUser(const QString& userId, int count);

    /// The run loaded in `column`, once its worker has read it.
    const std::optional<RunUsers>& loadedRun(int column) const;
    /// The latest lists of `column`: `after`'s otherRank is the rank before the last change (in the
    /// first list of a run: in its prior, the list of a user without ratings).
    const std::optional<UserInspection>& inspection(int column) const;
    /// Runs loading or adaptations in flight.
    bool isBusy() const;
    void stop();

Q_SIGNALS:
    void ratingsChanged();
    void runLoaded(int column, const fsr::ui::RunUsers& run);
    void adapting(int column);
    void updated(int column, const fsr::ui::UserInspection& inspection);
    void failed(int column, const QString& message);
    /// startFromUser() replaced the ratings with `count` of that user's.
    void started(const QString& userId, int count);
    /// startFromUser() could not read the user.
    void startFailed(const QString& message);

private:
    struct Column {
        RecommenderClient* client = nullptr;
        qint64 runId = 0;
        quint64 latestSerial = 0; ///< results of older requests are dropped
        quint64 startSerial = 0;  ///< the startFromUser() request in flight, 0 when none
        std::optional<RunUsers> loaded;
        std::optional<UserInspection> shown;
    };

    void changeRatings(const QVector<SandboxRating>& ratings);
    void requestColumn(int column);
    void received(int column, UserInspection inspection);

    QString m_databasePath;
    std::array<Column, kColumns> m_columns;
    QVector<SandboxRating> m_ratings;
    QVector<QVector<SandboxRating>> m_history;
    int m_topN = 10;
};

} // namespace fsr::ui
