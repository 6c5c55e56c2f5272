#include "databasesession.h"

#include "pages/page.h"
#include "qtconvert.h"
#include "store/runstore.h"

namespace fsr::ui {

DatabaseSession::DatabaseSession(QObject* parent) : QObject(parent)
{
}

bool DatabaseSession::open(const QString& path, QString* error)
{
    auto store = Store::open(toStdString(path));
    if (!store) {
        if (error)
            *error = toQString(store.error().message);
        return false;
    }
    m_store.emplace(std::move(*store));
    m_path = path;
    Q_EMIT opened(m_path);
    Q_EMIT datasetsChanged();
    return true;
}

std::vector<DatasetSummary> DatabaseSession::datasets()
{
    if (!m_store)
        return {};
    try {
        return m_store->datasets();
    } catch (const SqliteError&) {
        // A file damaged behind our back lists as empty; the next open reports the real error.
        return {};
    }
}

Status DatabaseSession::deleteDataset(const QString& name)
{
    if (!m_store)
        return badInput("no database is open");
    Status status;
    try {
        status = m_store->deleteDataset(toStdString(name));
    } catch (const SqliteError& error) {
        status = badInput(error.what());
    }
    if (status)
        notifyDatasetsChanged();
    return status;
}

void DatabaseSession::notifyDatasetsChanged()
{
    Q_EMIT datasetsChanged();
}

QString DatabaseSession::contextProblem(const PageContext& context)
{
    if (!m_store || (!context.runId && context.userId.isEmpty()))
        return {};
    try {
        int64_t datasetId = 0;
        if (context.runId) {
            const auto run = RunStore(m_store->db()).getRun(*context.runId);
            if (!run)
                return tr("There is no run %1 in this database; see the Compare page for the runs there are.")
                    .arg(*context.runId);
            // A run whose dataset is gone says so on its pages; its users cannot be looked up.
            if (run->summary.dataset != RunDataset::Current || context.userId.isEmpty())
                return {};
            datasetId = run->summary.datasetId;
        }
        auto query
            = m_store->db().prepare(datasetId > 0 ? "SELECT 1 FROM users WHERE external_id = ?1 AND dataset_id = ?2"
                                                  : "SELECT 1 FROM users WHERE external_id = ?1");
        query.bind(1, toStdString(context.userId));
        if (datasetId > 0)
            query.bind(2, datasetId);
        if (query.step())
            return {};
        return context.runId
            ? tr("Run %1's dataset has no user \u201c%2\u201d.").arg(*context.runId).arg(context.userId)
            : tr("No dataset in this database has a user \u201c%1\u201d.").arg(context.userId);
    } catch (const SqliteError&) {
        // A damaged file shows its error where the pages read it.
        return {};
    }
}

} // namespace fsr::ui
