#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace fsr::ui {

/// A matrix to draw as a heatmap, row-major, with labels for both axes.
struct HeatmapData {
    int rows = 0;
    int columns = 0;
    QVector<float> values; ///< rows * columns, row-major
    QStringList rowLabels;
    QStringList columnLabels;
    QString rowTitle;
    QString columnTitle;
    QString valueTitle;

    float value(int row, int column) const { return values[row * columns + column]; }
    bool isEmpty() const { return rows == 0 || columns == 0; }
};

} // namespace fsr::ui
