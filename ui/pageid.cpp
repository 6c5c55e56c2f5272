#include "pageid.h"

#include <QCoreApplication>

namespace fsr::ui {

QString pageKey(PageId page)
{
    switch (page) {
    case PageId::Datasets:
        return QStringLiteral("datasets");
    case PageId::Experiment:
        return QStringLiteral("experiment");
    case PageId::Training:
        return QStringLiteral("training");
    case PageId::Compare:
        return QStringLiteral("compare");
    case PageId::Users:
        return QStringLiteral("users");
    case PageId::Attention:
        return QStringLiteral("attention");
    case PageId::Sandbox:
        return QStringLiteral("sandbox");
    case PageId::Map:
        return QStringLiteral("map");
    case PageId::Lessons:
        return QStringLiteral("lessons");
    }
    return {};
}

std::optional<PageId> pageFromKey(const QString& key)
{
    for (PageId page : kAllPages)
        if (pageKey(page) == key)
            return page;
    return std::nullopt;
}

QString pageTitle(PageId page)
{
    switch (page) {
    case PageId::Datasets:
        return QCoreApplication::translate("fsr::ui", "Datasets");
    case PageId::Experiment:
        return QCoreApplication::translate("fsr::ui", "Experiment");
    case PageId::Training:
        return QCoreApplication::translate("fsr::ui", "Training");
    case PageId::Compare:
        return QCoreApplication::translate("fsr::ui", "Compare");
    case PageId::Users:
        return QCoreApplication::translate("fsr::ui", "Users");
    case PageId::Attention:
        return QCoreApplication::translate("fsr::ui", "Attention");
    case PageId::Sandbox:
        return QCoreApplication::translate("fsr::ui", "Sandbox");
    case PageId::Map:
        return QCoreApplication::translate("fsr::ui", "Map");
    case PageId::Lessons:
        return QCoreApplication::translate("fsr::ui", "Lessons");
    }
    return {};
}

QIcon pageIcon(PageId page)
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(pageKey(page)));
}

} // namespace fsr::ui
