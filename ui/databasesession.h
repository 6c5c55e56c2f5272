#pragma once

#include "store/store.h"

#include <QObject>
#include <QString>

#include <optional>
#include <vector>

namespace fsr::ui {

struct PageContext;

/// The database file the window works on, with the GUI thread's own Store connection (workers
/// open theirs from path()). Pages listen to its signals instead of to each other.
class DatabaseSession : public QObject {
    Q_OBJECT

public:
    explicit DatabaseSession(QObject* parent = nullptr);

    /// Opens (creating it when missing) and makes it current; on failure the previous database
    /// stays open and the message says why.
    bool open(const QString& path, QString* error = nullptr);
    bool isOpen() const { return m_store.has_value(); }
    QString path() const { return m_path; }

    /// Datasets of the open database (empty when none is open or the file cannot be read).
    std::vector<DatasetSummary> datasets();
    Status deleteDataset(const QString& name);

    /// Call after something else (a worker) changed the datasets in the file.
    void notifyDatasetsChanged();

    /// Why the window cannot focus on `context` (`--run`, `--user`): a run the open database
    /// does not hold, or a user its dataset (any dataset, without a run) does not have. Empty
    /// when there is nothing to say.
    QString contextProblem(const PageContext& context);

Q_SIGNALS:
    void opened(const QString& path);
    void datasetsChanged();

private:
    std::optional<Store> m_store;
    QString m_path;
};

} // namespace fsr::ui
