#include "jobs/statsloader.h"

#include "qtconvert.h"

#include <QtConcurrent/QtConcurrentRun>

namespace fsr::ui {

StatsLoader::Outcome StatsLoader::compute(const QString& databasePath, const QString& datasetName)
{
    Outcome outcome;
    try {
        auto store = Store::open(toStdString(databasePath));
        if (!store) {
            outcome.error = toQString(store.error().message);
            return outcome;
        }
        auto stats = store->stats(toStdString(datasetName));
        if (!stats) {
            outcome.error = toQString(stats.error().message);
            return outcome;
        }
        outcome.stats = std::move(*stats);
        outcome.ok = true;
    } catch (const std::exception& error) {
        outcome.error = QString::fromLocal8Bit(error.what());
    }
    return outcome;
}

StatsLoader::StatsLoader(QObject* parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &StatsLoader::deliver);
}

StatsLoader::~StatsLoader()
{
    m_watcher.waitForFinished();
}

void StatsLoader::load(const QString& databasePath, const QString& datasetName)
{
    m_databasePath = databasePath;
    m_datasetName = datasetName;
    m_pending = true;
    // A running computation cannot be interrupted; the newest request starts when it ends.
    if (!m_watcher.isRunning())
        startPending();
}

void StatsLoader::startPending()
{
    m_pending = false;
    m_watcher.setFuture(QtConcurrent::run(&StatsLoader::compute, m_databasePath, m_datasetName));
}

void StatsLoader::deliver()
{
    if (m_pending) {
        startPending();
        return;
    }
    const Outcome outcome = m_watcher.result();
    if (outcome.ok)
        Q_EMIT loaded(outcome.stats);
    else
        Q_EMIT failed(m_datasetName, outcome.error);
}

} // namespace fsr::ui
