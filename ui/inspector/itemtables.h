#pragma once

#include "inspector/inspection.h"

#include <QString>
#include <QStringList>

class QTableWidget;
class QWidget;

namespace fsr::ui {

/// A read-only, compact table for the inspector's item lists; `stretchColumn` takes the slack
/// (the title).
QTableWidget* createItemTable(const QStringList& headers, int stretchColumn, QWidget* parent);

/// Support items in the order given to the model: #, title, rating.
void showSupport(QTableWidget* table, const QVector<RatedItem>& support);
/// Held-out items: title, true rating, prediction before and after adaptation.
void showQuery(QTableWidget* table, const QVector<RatedItem>& query);
/// A top-N list: rank, change against the other list, title, score, the user's rating (hits marked).
/// `afterList` says whether this is the list after adaptation (changes read "up 3", "new") or
/// before it (changes read "to #3", "dropped"). `comparedTo` names the other list in tooltips
/// ("before the last rating"; empty: "before adaptation").
void showRanking(QTableWidget* table, const QVector<RankedItem>& items, bool afterList,
                 const QString& comparedTo = QString());

/// Column headers of showRanking's tables.
QStringList rankingHeaders();

} // namespace fsr::ui
