#pragma once

#include "charts/barchartdata.h"

#include <QWidget>

class QChart;
class QBarCategoryAxis;
class QChartView;
class QStackedLayout;

namespace fsr::ui {

class EmptyState;

/// A titled bar chart, or a message where there is nothing to draw. The only class that knows
/// the chart library is Qt Charts (deprecated from Qt 6.10), so replacing it touches this file.
class BarChartView : public QWidget {
    Q_OBJECT

public:
    explicit BarChartView(QWidget* parent = nullptr);

    /// Draws `data`; empty data shows `emptyMessage` instead of an empty plot.
    void setData(const BarChartData& data, const QString& emptyMessage);
    /// Shows a message instead of a chart (nothing selected, loading, an error).
    void showMessage(const QString& title, const QString& message);

    const BarChartData& data() const { return m_data; }
    /// Bars drawn by the chart itself (0 while a message shows).
    int drawnBarCount() const;
    bool isShowingMessage() const;

private:
    void rebuild();
    /// Tilts category labels that would not fit side by side (the chart would elide them).
    void updateLabelAngle();

    BarChartData m_data;
    QStackedLayout* m_stack;
    QChartView* m_view;
    QChart* m_chart;
    QBarCategoryAxis* m_categoryAxis = nullptr;
    EmptyState* m_message;
};

} // namespace fsr::ui
