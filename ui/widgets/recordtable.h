#pragma once

#include <QAbstractItemView>

class QTableView;

namespace fsr::ui {

/// The look of the pages' record tables (datasets, runs): sortable, read-only, whole rows
/// selected, alternating compact rows, columns sized to their contents except `stretchColumn`,
/// and room for at least `minimumRows`. Call it once the table has its model.
void setUpRecordTable(QTableView* table, QAbstractItemView::SelectionMode selection, int stretchColumn,
                      int minimumRows);

} // namespace fsr::ui
