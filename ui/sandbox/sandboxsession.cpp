#include "sandbox/sandboxsession.h"

#include "inspector/recommenderclient.h"

#include <algorithm>

namespace fsr::ui {

SandboxSession::SandboxSession(QObject* parent) : QObject(parent)
{
    for (int column = 0; column < kColumns; ++column) {
        auto* client = new RecommenderClient(this);
        m_columns[static_cast<std::size_t>(column)].client = client;
        connect(client, &RecommenderClient::runLoaded, this, [this, column](const RunUsers& run) {
            Column& state = m_columns[static_cast<std::size_t>(column)];
            if (run.runId != state.runId)
                return;
            state.loaded = run;
            Q_EMIT runLoaded(column, run);
        });
        connect(client, &RecommenderClient::inspected, this,
                [this, column](const UserInspection& inspection) { received(column, inspection); });
        connect(client, &RecommenderClient::failed, this, [this, column](quint64 serial, const QString& message) {
            Column& state = m_columns[static_cast<std::size_t>(column)];
            if (serial == state.startSerial) {
                state.startSerial = 0;
                Q_EMIT startFailed(message);
            } else if (serial == state.latestSerial) {
                Q_EMIT failed(column, message);
            }
        });
    }
}

SandboxSession::~SandboxSession()
{
    stop();
}

void SandboxSession::setDatabasePath(const QString& path)
{
    if (path == m_databasePath)
        return;
    m_databasePath = path;
    for (int column = 0; column < kColumns; ++column)
        setRun(column, 0);
    clearRatings();
}

void SandboxSession::replaceRatings(const QVector<SandboxRating>& ratings)
{
    m_history << m_ratings;
    changeRatings(ratings);
}

void SandboxSession::clearRatings()
{
    m_history.clear();
    changeRatings({});
}

void SandboxSession::setRun(int column, qint64 runId)
{
    Column& state = m_columns.at(static_cast<std::size_t>(column));
    if (runId == state.runId)
        return;
    state.runId = runId;
    state.loaded.reset();
    state.shown.reset();
    state.startSerial = 0;
    requestColumn(column);
}

qint64 SandboxSession::run(int column) const
{
    return m_columns.at(static_cast<std::size_t>(column)).runId;
}

void SandboxSession::setTopN(int topN)
{
    if (topN == m_topN)
        return;
    m_topN = topN;
    for (int column = 0; column < kColumns; ++column)
        requestColumn(column);
}

void SandboxSession::rate(const SandboxRating& rating)
{
    QVector<SandboxRating> ratings = m_ratings;
    ratings.erase(std::remove_if(ratings.begin(), ratings.end(),
                                 [&](const SandboxRating& given) { return given.itemId == rating.itemId; }),
                  ratings.end());
    ratings << rating;
    replaceRatings(ratings);
}

bool SandboxSession::undo()
{
    if (m_history.isEmpty())
        return false;
    const QVector<SandboxRating> previous = m_history.takeLast();
    changeRatings(previous);
    return true;
}

void SandboxSession::reset()
{
    if (!m_ratings.isEmpty())
        replaceRatings({});
}

void SandboxSession::startFromUser(const QString& userId, int count)
{
    const auto loaded = std::find_if(m_columns.begin(), m_columns.end(),
                                     [](const Column& state) { return state.loaded.has_value(); });
    if (loaded == m_columns.end()) {
        Q_EMIT startFailed(tr("Choose a run first: a real user's ratings are read through one."));
        return;
    }
    InspectRequest request;
    request.databasePath = m_databasePath;
    request.runId = loaded->runId;
    request.userId = userId;
    request.supportSize = std::max(1, count);
    request.topN = m_topN;
    loaded->startSerial = loaded->client->request(request);
}

const std::optional<RunUsers>& SandboxSession::loadedRun(int column) const
{
    return m_columns.at(static_cast<std::size_t>(column)).loaded;
}

const std::optional<UserInspection>& SandboxSession::inspection(int column) const
{
    return m_columns.at(static_cast<std::size_t>(column)).shown;
}

bool SandboxSession::isBusy() const
{
    return std::any_of(m_columns.begin(), m_columns.end(), [](const Column& state) { return state.client->isBusy(); });
}

void SandboxSession::stop()
{
    for (Column& state : m_columns)
        state.client->stop();
}

void SandboxSession::changeRatings(const QVector<SandboxRating>& ratings)
{
    m_ratings = ratings;
    Q_EMIT ratingsChanged();
    for (int column = 0; column < kColumns; ++column)
        requestColumn(column);
}

void SandboxSession::requestColumn(int column)
{
    Column& state = m_columns.at(static_cast<std::size_t>(column));
    if (state.runId == 0 || m_databasePath.isEmpty())
        return;
    InspectRequest request;
    request.databasePath = m_databasePath;
    request.runId = state.runId;
    request.newUser = true;
    request.ratings = m_ratings;
    request.topN = m_topN;
    state.latestSerial = state.client->request(request);
    Q_EMIT adapting(column);
}

void SandboxSession::received(int column, UserInspection inspection)
{
    Column& state = m_columns[static_cast<std::size_t>(column)];
    if (inspection.serial == state.startSerial) {
        state.startSerial = 0;
        QVector<SandboxRating> ratings;
        for (const RatedItem& item : inspection.support)
            ratings << SandboxRating {item.itemId, item.title, item.rating};
        replaceRatings(ratings);
        Q_EMIT started(inspection.userId, static_cast<int>(ratings.size()));
        return;
    }
    if (inspection.serial != state.latestSerial || inspection.runId != state.runId)
        return; // overtaken by a newer rating or another run
    // Rank changes against the list shown before this change; the first list against the
    // run's prior (what it shows a user without ratings).
    const QVector<RankedItem>& previous = state.shown ? state.shown->after : inspection.before;
    for (int rank = 0; rank < inspection.after.size(); ++rank) {
        RankedItem& item = inspection.after[rank];
        const auto found = std::find_if(previous.begin(), previous.end(),
                                        [&](const RankedItem& entry) { return entry.item == item.item; });
        item.otherRank = found == previous.end() ? -1 : static_cast<int>(found - previous.begin());
    }
    state.shown = inspection;
    Q_EMIT updated(column, inspection);
}

} // namespace fsr::ui
