#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace fsr::ui {

/// One colour of bars: a value per category (NaN: no bar).
struct MetricBarSet {
    QString name;
    QVector<double> values;
};

/// Grouped bars: categories along the axis (runs, query items), one bar per set in each group
/// (before / after adaptation, true / predicted).
struct MetricBarChartData {
    QString title;
    QString valueTitle;
    QStringList categories;
    QVector<MetricBarSet> sets;
    /// Fixed value range (ratings: the dataset's scale); unset (min >= max) fits the data.
    double valueMin = 0;
    double valueMax = 0;
    QString valueFormat = QStringLiteral("%.2f");

    bool isEmpty() const { return categories.isEmpty() || sets.isEmpty(); }
};

} // namespace fsr::ui
