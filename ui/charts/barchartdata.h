#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace fsr::ui {

/// What a bar chart shows, in plain Qt types: the chart classes draw it, the rest of the UI
/// builds it without touching the chart library.
struct BarChartData {
    QString title;
    QString categoryTitle; ///< axis title under the categories
    QString valueTitle;    ///< axis title of the counts
    QStringList categories;
    QVector<double> values;  ///< one per category
    bool horizontal = false; ///< long category names (genres) read better on the vertical axis
    bool logScale = false;   ///< counts spanning orders of magnitude (a long tail) stay visible

    bool isEmpty() const { return values.isEmpty(); }
};

} // namespace fsr::ui
