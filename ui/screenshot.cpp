#include "screenshot.h"

#include "mainwindow.h"
#include "pages/page.h"

#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QTimer>

namespace fsr::ui {

namespace {
constexpr int kPollMs = 50;
} // namespace

Screenshot::Screenshot(MainWindow* window, QString path, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_path(std::move(path))
{
}

void Screenshot::start()
{
    QTimer::singleShot(kPollMs, this, &Screenshot::poll);
}

void Screenshot::poll()
{
    const Page* page = m_window->page(m_window->currentPage());
    if (page && page->isLoading() && m_waitedMs < kTimeoutMs) {
        m_waitedMs += kPollMs;
        QTimer::singleShot(kPollMs, this, &Screenshot::poll);
        return;
    }
    // One more turn of the event loop so the freshly shown data is laid out and painted.
    QTimer::singleShot(kPollMs, this, &Screenshot::capture);
}

void Screenshot::capture()
{
    const QPixmap picture = m_window->grab();
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    if (!picture.save(m_path, "PNG")) {
        Q_EMIT done(false, tr("could not write %1").arg(m_path));
        return;
    }
    Q_EMIT done(true, tr("wrote %1 (%2x%3)").arg(m_path).arg(picture.width()).arg(picture.height()));
}

} // namespace fsr::ui
