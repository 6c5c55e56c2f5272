#pragma once

#include "store/store.h"

#include <QFutureWatcher>
#include <QMetaType>
#include <QObject>

namespace fsr::ui {

/// Computes a dataset's statistics off the GUI thread (GROUP BY over millions of ratings takes
/// seconds), on a connection of its own. Only the latest request's answer is delivered.
class StatsLoader : public QObject {
    Q_OBJECT

public:
    explicit StatsLoader(QObject* parent = nullptr);
    ~StatsLoader() override;

    void load(const QString& databasePath, const QString& datasetName);
    bool isLoading() const { return m_watcher.isRunning() || m_pending; }

Q_SIGNALS:
    void loaded(const fsr::DatasetStats& stats);
    void failed(const QString& datasetName, const QString& message);

private:
    void startPending();
    void deliver();

    // Default-constructible for QFuture: stats when ok, else the error message.
    struct Outcome {
        bool ok = false;
        DatasetStats stats;
        QString error;
    };
    static Outcome compute(const QString& databasePath, const QString& datasetName);

    QFutureWatcher<Outcome> m_watcher;
    QString m_databasePath;
    QString m_datasetName;
    bool m_pending = false;
};

} // namespace fsr::ui

Q_DECLARE_METATYPE(fsr::DatasetStats)
