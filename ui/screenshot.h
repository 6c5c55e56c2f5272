#pragma once

#include <QObject>
#include <QString>

namespace fsr::ui {

class MainWindow;

/// Renders the window into a PNG once its current page has finished loading (stats are
/// computed off the GUI thread), then emits done(). Used by `fsr-workbench --screenshot`.
class Screenshot : public QObject {
    Q_OBJECT

public:
    Screenshot(MainWindow* window, QString path, QObject* parent = nullptr);
    void start();

    /// Longest wait for the page to load before the picture is taken anyway.
    static constexpr int kTimeoutMs = 20000;

Q_SIGNALS:
    void done(bool ok, const QString& message);

private:
    void poll();
    void capture();

    MainWindow* m_window;
    QString m_path;
    int m_waitedMs = 0;
};

} // namespace fsr::ui
