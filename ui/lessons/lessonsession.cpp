#include "lessons/lessonsession.h"

#include "databasesession.h"
#include "experiment/runqueue.h"
#include "lessons/lessontext.h"
#include "qtconvert.h"
#include "spec/config.h"

#include <algorithm>
#include <tuple>
#include <vector>

namespace fsr::ui {

namespace {

/// A config as core writes it back with every default, the device left out: a run trained on
/// CUDA serves a lesson as well as one trained on the CPU. With `autoThreshold` the relevance
/// threshold is left out too: a run stores the one it derived from the dataset's scale, and a
/// lesson that leaves it to the dataset accepts that.
std::optional<std::string> canonicalConfig(const std::string& json, bool autoThreshold)
{
    auto parsed = parseExperimentConfig(json);
    if (!parsed)
        return std::nullopt;
    parsed->device = "auto";
    if (autoThreshold)
        parsed->eval.relevanceThreshold = -1;
    return experimentConfigToJson(*parsed);
}

} // namespace

LessonSession::LessonSession(DatabaseSession* session, RunQueue* queue, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_queue(queue)
{
    connect(m_queue, &RunQueue::runFinished, this, [this](int id) {
        const QString config = m_training.take(id);
        if (config.isEmpty())
            return;
        if (const QueuedRun* run = m_queue->find(id); run && isActive())
            for (const LessonRun& lessonRun : m_lesson->runs)
                if (configKey(lessonRun) == config)
                    m_runIds[lessonRun.key] = run->runId;
        Q_EMIT runsChanged();
    });
    connect(m_queue, &RunQueue::runChanged, this, [this](int id) {
        const QueuedRun* run = m_queue->find(id);
        if (!m_training.contains(id) || !run || (run->state != RunState::Failed && run->state != RunState::Cancelled))
            return;
        m_failed[m_training.take(id)] = run->message.isEmpty() ? runStateText(run->state) : run->message;
        Q_EMIT runsChanged();
    });
    // A dataset imported for the lesson (or another database opened) can make its runs trainable.
    auto recheck = [this] {
        if (!isActive())
            return;
        findRuns();
        queueMissingRuns();
        Q_EMIT runsChanged();
    };
    connect(m_session, &DatabaseSession::datasetsChanged, this, recheck);
    connect(m_session, &DatabaseSession::opened, this, recheck);
}

void LessonSession::start(const Lesson& lesson)
{
    m_lesson = lesson;
    m_runIds.clear();
    m_configKeys.clear();
    for (const LessonRun& run : m_lesson->runs)
        m_configKeys.insert(run.key, toQString(canonicalConfig(toStdString(run.configJson), false).value_or("")));
    m_step = 0;
    findRuns();
    queueMissingRuns();
    Q_EMIT stepChanged();
}

void LessonSession::stop()
{
    if (!isActive())
        return;
    m_lesson.reset();
    Q_EMIT ended();
}

void LessonSession::goTo(int index)
{
    if (!isActive() || index < 0 || index >= stepCount() || index == m_step)
        return;
    m_step = index;
    Q_EMIT stepChanged();
}

bool LessonSession::hasDataset() const
{
    if (m_lesson->dataset.isEmpty())
        return true;
    const auto datasets = m_session->datasets();
    return std::any_of(datasets.begin(), datasets.end(),
                       [this](const DatasetSummary& d) { return toQString(d.name) == m_lesson->dataset; });
}

QString LessonSession::configKey(const LessonRun& run) const
{
    return m_configKeys.value(run.key);
}

bool LessonSession::isTraining(const LessonRun& run) const
{
    return std::find(m_training.begin(), m_training.end(), configKey(run)) != m_training.end();
}

void LessonSession::findRuns()
{
    if (!m_session->isOpen())
        return;
    // Each stored config read once, both ways it may be compared: as it is, and with the
    // threshold it derived from the dataset left out. Newest (highest id) first.
    std::vector<std::tuple<int64_t, std::optional<std::string>, std::optional<std::string>>> stored;
    for (const auto& [id, json] : RunCatalog::finishedConfigs(m_session->path()))
        stored.emplace(stored.begin(), id, canonicalConfig(json, false), canonicalConfig(json, true));
    for (const LessonRun& run : m_lesson->runs) {
        const auto parsed = parseExperimentConfig(toStdString(run.configJson));
        const bool autoThreshold = parsed && parsed->eval.relevanceThreshold < 0;
        const auto wanted = canonicalConfig(toStdString(run.configJson), autoThreshold);
        for (const auto& [id, exact, derived] : stored)
            if (wanted && (autoThreshold ? derived : exact) == wanted) {
                m_runIds[run.key] = id;
                break;
            }
    }
}

void LessonSession::queueMissingRuns()
{
    if (!m_trainsMissingRuns || !m_session->isOpen() || !hasDataset())
        return;
    for (const LessonRun& run : m_lesson->runs) {
        // Queued already (for this lesson or another one that shares the run), or failed: not again.
        if (m_runIds.contains(run.key) || m_failed.contains(configKey(run)) || isTraining(run))
            continue;
        // The Experiment page's way: what runs is what core reads back, every default written out.
        const auto parsed = parseExperimentConfig(toStdString(run.configJson));
        if (!parsed)
            continue; // parseLesson has refused such a lesson already
        const int id = m_queue->enqueue(m_session->path(), toQString(experimentConfigToJson(*parsed)),
                                        tr("Lesson \u201c%1\u201d: %2").arg(m_lesson->title, run.title),
                                        toQString(parsed->device == "auto" ? std::string("cpu") : parsed->device));
        m_training.insert(id, configKey(run));
    }
}

PageContext LessonSession::context() const
{
    PageContext context;
    if (!isActive())
        return context;
    const LessonStep& s = step();
    for (const QString& key : s.runs)
        if (const qint64 id = runId(key))
            context.runIds << id;
    if (!context.runIds.isEmpty())
        context.runId = context.runIds.first();
    context.userId = s.userId;
    context.tab = s.tab;
    context.metric = s.metric;
    context.rankBy = s.rankBy;
    context.step = s.step;
    context.ratings = s.ratings;
    return context;
}

QString LessonSession::text() const
{
    if (!isActive())
        return {};
    std::vector<RunEntry> entries;
    if (m_session->isOpen())
        entries = RunCatalog::load(m_session->path());
    QMap<QString, const RunEntry*> runs;
    for (auto it = m_runIds.begin(); it != m_runIds.end(); ++it)
        for (const RunEntry& entry : entries)
            if (entry.summary.id == it.value())
                runs.insert(it.key(), &entry);
    return fillLessonText(step().text, runs);
}

QString LessonSession::status() const
{
    if (!isActive())
        return {};
    if (!m_session->isOpen())
        return tr("Open a database to run this lesson (File \u25b8 Open Database\u2026).");
    if (!hasDataset())
        return tr("This lesson's runs train on the dataset \u201c%1\u201d, which this database does not have. "
                  "Import it (File \u25b8 Import Dataset\u2026; the bundled sample is the folder "
                  "datasets/movietweetings-100k) and the lesson trains them.")
            .arg(m_lesson->dataset);
    QStringList lines, untrained;
    QString now;
    bool training = false;
    for (const LessonRun& run : m_lesson->runs) {
        if (m_runIds.contains(run.key))
            continue;
        if (const auto failed = m_failed.constFind(configKey(run)); failed != m_failed.constEnd())
            lines << tr("\u201c%1\u201d did not train: %2").arg(run.title, failed.value());
        else if (!isTraining(run))
            untrained << QStringLiteral("\u201c%1\u201d").arg(run.title);
        else {
            training = true;
            if (m_training.value(m_queue->currentId()) == configKey(run))
                now = run.title;
        }
    }
    if (!untrained.isEmpty())
        lines << tr("Not trained yet: %1.").arg(untrained.join(QStringLiteral(", ")));
    if (training) {
        const int total = static_cast<int>(m_lesson->runs.size());
        const int ready = static_cast<int>(m_runIds.size());
        lines << (now.isEmpty() ? tr("Training the lesson's runs: %1 of %2 ready.").arg(ready).arg(total)
                                : tr("Training the lesson's runs: %1 of %2 ready, now \u201c%3\u201d (progress on the "
                                     "Training page).")
                                      .arg(ready)
                                      .arg(total)
                                      .arg(now));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace fsr::ui
