#pragma once

#include <QWidget>

class QChart;
class QChartView;
class QStackedLayout;

namespace fsr::ui {

class EmptyState;

/// The card every compare/inspector chart sits in: a Qt Charts view, or a message where there is
/// nothing to draw, and export of whichever shows as PNG or SVG. Subclasses fill chart().
class MetricChartFrame : public QWidget {
    Q_OBJECT

public:
    explicit MetricChartFrame(QWidget* parent = nullptr);

    /// Shows a message instead of the chart (nothing selected, no data, an error).
    void showMessage(const QString& title, const QString& message);
    bool isShowingMessage() const;
    QString messageText() const;

    /// Writes what is shown to `path`: SVG when it ends in .svg, else PNG. False with the reason.
    bool exportImage(const QString& path, QString* error = nullptr);
    /// What is shown as PNG bytes, for embedding in a report. A frame on a tab that is not in front
    /// is drawn at the size its tab would give it (`hiddenSize` when that is not known yet).
    QByteArray toPng(const QSize& hiddenSize = QSize(900, 520));

protected:
    QChart* chart() const { return m_chart; }
    QChartView* view() const { return m_view; }
    /// Empties the chart (series and axes) before a rebuild.
    void clearChart();
    /// Shows the chart (after a rebuild).
    void showChart();
    /// The fonts all charts use, a bit smaller than the window's.
    QFont labelFont() const;
    QFont axisTitleFont() const;
    /// Draws the chart again in the current look (presentation mode turned on or off); only
    /// called while the chart, not a message, shows. Views that build their chart in one place
    /// rebuild it there.
    virtual void restyle() {}

private:
    void updateChartFonts();

    QStackedLayout* m_stack;
    QChartView* m_view;
    QChart* m_chart;
    EmptyState* m_message;
};

} // namespace fsr::ui
