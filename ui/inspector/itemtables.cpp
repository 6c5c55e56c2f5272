#include "inspector/itemtables.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QLocale>
#include <QPalette>
#include <QTableWidget>

#include <cmath>

namespace fsr::ui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("fsr::ui::ItemTables", text);
}

QTableWidgetItem* cell(const QString& text, Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(alignment);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

QTableWidgetItem* number(double value, int decimals = 2)
{
    return cell(std::isfinite(value) ? QLocale().toString(value, 'f', decimals) : QStringLiteral("\u2013"),
                Qt::AlignRight | Qt::AlignVCenter);
}

// Colours that read on light and dark palettes alike.
const QColor kUp(0x2e, 0x9d, 0x4f);
const QColor kDown(0xc0, 0x39, 0x2b);
const QColor kNew(0x2f, 0x6f, 0xd0);

} // namespace

QTableWidget* createItemTable(const QStringList& headers, int stretchColumn, QWidget* parent)
{
    auto* table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setTextElideMode(Qt::ElideRight);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setHighlightSections(false);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return table;
}

void showSupport(QTableWidget* table, const QVector<RatedItem>& support)
{
    table->setRowCount(static_cast<int>(support.size()));
    for (int row = 0; row < support.size(); ++row) {
        const RatedItem& item = support[row];
        table->setItem(row, 0, cell(QString::number(row + 1), Qt::AlignRight | Qt::AlignVCenter));
        QTableWidgetItem* title = cell(item.title);
        title->setToolTip(QStringLiteral("%1 (id %2)").arg(item.title, item.itemId));
        table->setItem(row, 1, title);
        table->setItem(row, 2, number(item.rating, 1));
    }
}

void showQuery(QTableWidget* table, const QVector<RatedItem>& query)
{
    table->setRowCount(static_cast<int>(query.size()));
    for (int row = 0; row < query.size(); ++row) {
        const RatedItem& item = query[row];
        table->setItem(row, 0, cell(QString::number(row + 1), Qt::AlignRight | Qt::AlignVCenter));
        QTableWidgetItem* title = cell(item.title);
        title->setToolTip(QStringLiteral("%1 (id %2)").arg(item.title, item.itemId));
        table->setItem(row, 1, title);
        table->setItem(row, 2, number(item.rating, 1));
        table->setItem(row, 3, number(item.before));
        QTableWidgetItem* after = number(item.after);
        // Bold where adaptation moved the prediction closer to the truth.
        if (std::abs(item.after - item.rating) < std::abs(item.before - item.rating)) {
            QFont font = after->font();
            font.setBold(true);
            after->setFont(font);
            after->setToolTip(tr("Closer to the true rating than before adaptation"));
        }
        table->setItem(row, 4, after);
    }
}

QStringList rankingHeaders()
{
    // "Predicted": the predicted rating; the order may follow a ranking score instead (Rank by).
    return {tr("Rank"), tr("Change"), tr("Title"), tr("Predicted"), tr("Rated")};
}

void showRanking(QTableWidget* table, const QVector<RankedItem>& items, bool afterList, const QString& comparedTo)
{
    const QString earlier = comparedTo.isEmpty() ? tr("before adaptation") : comparedTo;
    table->setRowCount(static_cast<int>(items.size()));
    const QColor hitBackground = QColor(kUp.red(), kUp.green(), kUp.blue(), 40);
    for (int row = 0; row < items.size(); ++row) {
        const RankedItem& item = items[row];
        QTableWidgetItem* change = nullptr;
        if (afterList) {
            if (item.otherRank < 0) {
                change = cell(tr("new"), Qt::AlignCenter);
                change->setForeground(kNew);
                change->setToolTip(tr("Not in the top list %1").arg(earlier));
            } else if (item.otherRank == row) {
                change = cell(QStringLiteral("="), Qt::AlignCenter);
                change->setForeground(table->palette().color(QPalette::PlaceholderText));
            } else {
                const int moved = item.otherRank - row;
                change
                    = cell(moved > 0 ? QStringLiteral("\u25b2 %1").arg(moved) : QStringLiteral("\u25bc %1").arg(-moved),
                           Qt::AlignCenter);
                change->setForeground(moved > 0 ? kUp : kDown);
                change->setToolTip(tr("Rank %1 %2").arg(item.otherRank + 1).arg(earlier));
            }
        } else if (item.otherRank < 0) {
            change = cell(tr("dropped"), Qt::AlignCenter);
            change->setForeground(kDown);
            change->setToolTip(tr("Not in the top list after adaptation"));
        } else {
            change = cell(QStringLiteral("\u2192 #%1").arg(item.otherRank + 1), Qt::AlignCenter);
            change->setForeground(table->palette().color(QPalette::PlaceholderText));
        }
        table->setItem(row, 0, cell(QString::number(row + 1), Qt::AlignRight | Qt::AlignVCenter));
        table->setItem(row, 1, change);
        QTableWidgetItem* title = cell(item.title);
        title->setToolTip(item.title);
        table->setItem(row, 2, title);
        table->setItem(row, 3, number(item.score));
        QTableWidgetItem* rated = nullptr;
        if (std::isfinite(item.knownRating)) {
            rated = cell(item.hit ? QStringLiteral("\u2713 %1").arg(QLocale().toString(item.knownRating, 'f', 1))
                                  : QLocale().toString(item.knownRating, 'f', 1),
                         Qt::AlignRight | Qt::AlignVCenter);
            rated->setToolTip(item.hit ? tr("A hit: the user rated this held-out item highly")
                                       : tr("The user rated this item (held out from the model)"));
        } else {
            rated = cell(QString(), Qt::AlignRight | Qt::AlignVCenter);
        }
        table->setItem(row, 4, rated);
        if (item.hit)
            for (int column = 0; column < table->columnCount(); ++column)
                table->item(row, column)->setBackground(hitBackground);
    }
}

} // namespace fsr::ui
