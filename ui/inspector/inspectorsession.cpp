#include "inspector/inspectorsession.h"

#include "compare/runcatalog.h"
#include "databasesession.h"
#include "experiment/kindcatalog.h"
#include "inspector/recommenderclient.h"
#include "inspector/runuserpicker.h"
#include "inspector/supportsizeslider.h"
#include "pages/page.h"
#include "qtconvert.h"

#include <algorithm>
#include <cmath>

namespace fsr::ui {

InspectorSession::InspectorSession(DatabaseSession* database, RunUserPicker* picker, SupportSizeSlider* slider,
                                   bool attentionOnly, QObject* parent)
    : QObject(parent)
    , m_database(database)
    , m_picker(picker)
    , m_slider(slider)
    , m_client(new RecommenderClient(this))
    , m_attentionOnly(attentionOnly)
{
    connect(m_picker, &RunUserPicker::runChanged, this, &InspectorSession::runChanged);
    connect(m_picker, &RunUserPicker::userChanged, this, &InspectorSession::userChanged);
    connect(m_slider, &SupportSizeSlider::valueChanged, this, &InspectorSession::requestInspection);
    connect(m_client, &RecommenderClient::runLoaded, this, &InspectorSession::runLoaded);
    connect(m_client, &RecommenderClient::inspected, this, [this](const UserInspection& inspection) {
        // A result for a run or user no longer chosen (the user clicked on): not shown.
        const bool shown = m_newUser ? inspection.newUser : !inspection.newUser && inspection.userId == m_picker->currentUser();
        if (!m_run || inspection.runId != m_run->runId || !shown)
            return;
        m_inspection = inspection;
        Q_EMIT inspected(inspection);
    });
    connect(m_client, &RecommenderClient::failed, this,
            [this](quint64, const QString& message) { Q_EMIT failed(message); });
    connect(m_database, &DatabaseSession::opened, this, [this] {
        m_requestedRun.reset();
        m_run.reset();
        m_inspection.reset();
        reloadRuns();
    });
}

void InspectorSession::setContext(const PageContext& context)
{
    m_contextRun = context.runId;
    m_contextUser = context.userId;
    if (m_contextRun) {
        reloadRuns();
    } else {
        applyContextUser();
    }
}

void InspectorSession::setTopN(int topN)
{
    if (topN == m_topN)
        return;
    m_topN = topN;
    requestInspection();
}

void InspectorSession::setRankByRating(bool byRating)
{
    if (byRating == m_rankByRating)
        return;
    m_rankByRating = byRating;
    requestInspection();
}

void InspectorSession::setTraceSteps(int steps)
{
    if (steps == m_traceSteps)
        return;
    m_traceSteps = steps;
    requestInspection();
}

void InspectorSession::setMixWeight(double alpha)
{
    if (alpha == m_mixWeight || (std::isnan(alpha) && std::isnan(m_mixWeight)))
        return;
    m_mixWeight = alpha;
    requestInspection();
}

void InspectorSession::inspectNewUser(qint64 runId, const QVector<SandboxRating>& ratings)
{
    m_newUser = ratings;
    m_inspection.reset();
    if (m_run && m_run->runId == runId)
        requestInspection();
    else if (!m_picker->setCurrentRun(runId)) // loading it asks for the new user's inspection
        Q_EMIT failed(tr("Run #%1 is not available here.").arg(runId));
}

bool InspectorSession::isLoading() const
{
    return m_client->isBusy();
}

void InspectorSession::stop()
{
    m_client->stop();
}

void InspectorSession::reloadRuns()
{
    const std::optional<qint64> contextRun = m_contextRun;
    m_contextRun.reset();
    if (!m_database->isOpen()) {
        Q_EMIT unavailable(tr("No database open"), tr("Open a database with File \u203a Open Database\u2026"));
        return;
    }
    QString error;
    std::vector<RunSummary> finished = RunCatalog::finishedRuns(m_database->path(), &error);
    if (!error.isEmpty()) {
        Q_EMIT unavailable(tr("Cannot read the runs"), error);
        return;
    }
    std::vector<RunSummary> offered;
    for (const RunSummary& run : finished)
        if (!m_attentionOnly || explainsWithAttention(toQString(run.model)))
            offered.push_back(run);
    m_picker->setRuns(offered);

    if (contextRun && !m_picker->setCurrentRun(*contextRun)) {
        // Nothing shown now: choosing any run in the picker loads it afresh.
        m_requestedRun.reset();
        m_run.reset();
        m_inspection.reset();
        m_picker->clearCurrentRun();
        const auto found = std::find_if(finished.begin(), finished.end(),
                                        [&](const RunSummary& run) { return run.id == *contextRun; });
        if (found != finished.end())
            Q_EMIT unavailable(tr("Run #%1 has no attention").arg(*contextRun),
                               tr("Run #%1 uses the %2 model, which has no attention weights to show. Pick a run "
                                  "of the attention model on the left, or start one (preset "
                                  "\u201cuser-cold-start-attention-none\u201d).")
                                   .arg(*contextRun)
                                   .arg(toQString(found->model)));
        else
            Q_EMIT unavailable(tr("Run #%1 is not available").arg(*contextRun),
                               tr("There is no finished run #%1 in this database. Finished runs are listed on the "
                                  "Compare page.")
                                   .arg(*contextRun));
        return;
    }
    if (m_picker->runCount() == 0) {
        if (m_attentionOnly)
            Q_EMIT unavailable(tr("No attention-model runs"),
                               tr("The attention view shows which of a user's rated items the attention model looks at "
                                  "for each recommendation. Start a run of the attention model on the Experiment page "
                                  "(preset \u201cuser-cold-start-attention-none\u201d) and come back when it has "
                                  "finished."));
        else
            Q_EMIT unavailable(tr("No finished runs"),
                               tr("The user inspector adapts a trained model to one user. Start an experiment on the "
                                  "Experiment page and come back when it has finished."));
        m_requestedRun.reset();
        m_run.reset();
        m_inspection.reset();
        return;
    }
    const auto current = m_picker->currentRun();
    if (current && m_requestedRun != *current)
        runChanged(*current);
    else
        applyContextUser();
}

void InspectorSession::applyContextUser()
{
    if (m_contextUser.isEmpty() || !m_run || m_picker->currentRun() != m_run->runId)
        return; // applied when the run has loaded
    const QString user = m_contextUser;
    m_contextUser.clear();
    if (!m_picker->selectUser(user))
        Q_EMIT failed(tr("Run #%1 has no user \u201c%2\u201d.").arg(m_run->runId).arg(user));
}

void InspectorSession::runChanged(qint64 runId)
{
    if (m_requestedRun == runId)
        return;
    m_requestedRun = runId;
    m_run.reset();
    m_inspection.reset();
    m_mixWeight = std::numeric_limits<double>::quiet_NaN(); // each run starts at its own mix
    m_picker->clearUsers(tr("Loading the run\u2026"));
    Q_EMIT runLoading(runId);
    InspectRequest request;
    request.databasePath = m_database->path();
    request.runId = runId;
    request.withMap = m_withMap;
    m_client->request(request);
}

void InspectorSession::runLoaded(const RunUsers& run)
{
    if (m_requestedRun != run.runId || m_picker->currentRun() != run.runId)
        return;
    m_run = run;
    m_picker->setUsers(run);
    Q_EMIT runReady(run);
    if (m_newUser) {
        requestInspection();
        return;
    }
    QString user = m_picker->currentUser();
    if (!m_contextUser.isEmpty()) {
        const auto known = std::find_if(run.users.begin(), run.users.end(),
                                        [&](const RunUser& entry) { return entry.id == m_contextUser; });
        if (known != run.users.end())
            user = m_contextUser;
        else
            Q_EMIT failed(
                tr("Run #%1 has no user \u201c%2\u201d; showing another user.").arg(run.runId).arg(m_contextUser));
        m_contextUser.clear();
    }
    if (user.isEmpty())
        user = m_picker->firstUser();
    if (user == m_picker->currentUser())
        userChanged(user); // already current: selecting it again would not signal
    else
        m_picker->selectUser(user);
}

void InspectorSession::userChanged(const QString& userId)
{
    if (!m_run)
        return;
    m_newUser.reset(); // a user picked: the sandbox user is no longer shown
    const auto found = std::find_if(m_run->users.begin(), m_run->users.end(),
                                    [&](const RunUser& entry) { return entry.id == userId; });
    if (found == m_run->users.end())
        return;
    m_slider->reset(found->maxSupport, defaultSupport(found->maxSupport));
    requestInspection();
}

int InspectorSession::defaultSupport(int maxSupport) const
{
    // The largest support size the run evaluated that the user can give: comparable to the run.
    int best = 0;
    for (int size : m_run->supportSizes)
        if (size <= maxSupport)
            best = std::max(best, size);
    return best > 0 ? best : maxSupport;
}

void InspectorSession::requestInspection()
{
    const QString user = m_newUser ? QString() : m_picker->currentUser();
    if (!m_run || (user.isEmpty() && !m_newUser))
        return;
    Q_EMIT adapting(user,
                    m_newUser ? static_cast<int>(m_newUser->size()) : m_slider->value());
    InspectRequest request;
    request.newUser = m_newUser.has_value();
    request.ratings = m_newUser.value_or(QVector<SandboxRating> {});
    request.databasePath = m_database->path();
    request.runId = m_run->runId;
    request.userId = user;
    request.supportSize = m_slider->value();
    request.topN = m_topN;
    request.rankByRating = m_rankByRating;
    request.traceSteps = m_traceSteps;
    request.withMap = m_withMap;
    request.mixWeight = m_mixWeight;
    m_client->request(request);
}

} // namespace fsr::ui
