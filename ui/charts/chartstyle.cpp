#include "charts/chartstyle.h"

#include "presentationstyle.h"

#include <QAbstractAxis>
#include <QChart>
#include <QFont>
#include <QLegend>
#include <QPen>

namespace fsr::ui {

namespace {

QFont relative(const QFont& base, qreal factor, bool bold)
{
    QFont font = base;
    if (base.pointSizeF() > 0)
        font.setPointSizeF(base.pointSizeF() * factor);
    font.setBold(bold);
    return font;
}

} // namespace

void applyPresentationStyle(QChart* chart, const QFont& base)
{
    if (!PresentationStyle::active())
        return;
    chart->setTitleFont(relative(base, 1.05, true));
    chart->legend()->setFont(relative(base, 0.9, false));
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsFont(relative(base, 0.9, false));
        axis->setTitleFont(relative(base, 0.95, true));
        axis->setLabelsColor(Qt::black);
        axis->setTitleBrush(Qt::black);
        axis->setLinePen(QPen(Qt::black, 2.0));
        QPen grid(PresentationStyle::gridColour(axis->gridLinePen().color()));
        grid.setWidthF(1.2);
        axis->setGridLinePen(grid);
    }
}

} // namespace fsr::ui
