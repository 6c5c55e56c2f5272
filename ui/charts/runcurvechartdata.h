#pragma once

#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>

namespace fsr::ui {

/// One line of a line chart.
struct RunCurveSeries {
    QString name;
    QVector<QPointF> points;
};

/// What a line chart shows, in plain Qt types (loss curves, metric vs support size).
struct RunCurveChartData {
    QString title;
    QString xTitle;
    QString yTitle;
    /// When set, x values are indices into these labels (support sizes "1", "3", "all").
    QStringList xCategories;
    QVector<RunCurveSeries> series;
    bool markers = false; ///< a dot on every point (few points per line)

    bool isEmpty() const
    {
        for (const RunCurveSeries& line : series)
            if (!line.points.isEmpty())
                return false;
        return true;
    }
};

} // namespace fsr::ui
