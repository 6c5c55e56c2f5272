#include "widgets/recordtable.h"

#include <QHeaderView>
#include <QTableView>

namespace fsr::ui {

void setUpRecordTable(QTableView* table, QAbstractItemView::SelectionMode selection, int stretchColumn, int minimumRows)
{
    table->setSortingEnabled(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(selection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 10);
    table->horizontalHeader()->setHighlightSections(false);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    table->setMinimumHeight(table->verticalHeader()->defaultSectionSize() * minimumRows);
}

} // namespace fsr::ui
