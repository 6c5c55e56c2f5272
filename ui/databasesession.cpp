#include "databasesession.h"

#include "qtconvert.h"

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

} // namespace fsr::ui
