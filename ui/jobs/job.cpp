#include "jobs/job.h"

#include <algorithm>
#include <exception>

namespace fsr::ui {

void Job::run()
{
    Q_EMIT started();
    try {
        execute();
    } catch (const std::exception& error) {
        fail(tr("Unexpected error: %1").arg(QString::fromLocal8Bit(error.what())));
    } catch (...) {
        fail(tr("Unexpected error of unknown kind"));
    }
    Q_EMIT ended();
}

bool Job::reportProgress(double fraction)
{
    const int permille = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 1000.0);
    if (permille != m_lastPermille) {
        m_lastPermille = permille;
        Q_EMIT progressUpdated(permille / 1000.0);
    }
    return !isCancelRequested();
}

void Job::fail(const QString& message)
{
    Q_EMIT failed(JobFailure {isCancelRequested() ? tr("Cancelled") : message, isCancelRequested()});
}

} // namespace fsr::ui
