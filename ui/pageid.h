#pragma once

#include <QIcon>
#include <QString>

#include <array>
#include <optional>

namespace fsr::ui {

/// The workbench's pages, in navigation order (Ctrl+1 .. Ctrl+9 follow it).
enum class PageId { Datasets, Experiment, Training, Compare, Users, Attention, Sandbox, Map, Lessons };

inline constexpr std::array<PageId, 9> kAllPages
    = {PageId::Datasets, PageId::Experiment, PageId::Training, PageId::Compare, PageId::Users,
       PageId::Attention, PageId::Sandbox,   PageId::Map,      PageId::Lessons};

/// The name used on the command line (`--page users`) and in the settings.
QString pageKey(PageId page);
std::optional<PageId> pageFromKey(const QString& key);
/// The title shown in the navigation.
QString pageTitle(PageId page);
QIcon pageIcon(PageId page);

} // namespace fsr::ui
