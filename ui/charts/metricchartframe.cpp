#include "charts/metricchartframe.h"

#include "charts/chartstyle.h"
#include "presentationstyle.h"
#include "widgets/emptystate.h"

#include <QChart>
#include <QChartView>
#include <QBuffer>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QImage>
#include <QLayout>
#include <QLegend>
#include <QPainter>
#include <QStackedLayout>
#include <QSvgGenerator>

namespace fsr::ui {

MetricChartFrame::MetricChartFrame(QWidget* parent)
    : QWidget(parent)
    , m_stack(new QStackedLayout(this))
    , m_view(new QChartView(this))
    , m_chart(new QChart())
    , m_message(new EmptyState(this))
{
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_chart->setBackgroundBrush(palette().base());
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setMargins(QMargins(6, 6, 10, 6));
    updateChartFonts();
    m_view->setChart(m_chart); // the view owns the chart
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFrameShape(QFrame::StyledPanel);
    m_view->setBackgroundBrush(palette().base());
    m_view->setMinimumHeight(180);
    m_message->setAutoFillBackground(true);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_message);
    showMessage(QString(), tr("Nothing to show yet."));
    // By then the application font has changed, so font() is the new one.
    connect(&PresentationStyle::instance(), &PresentationStyle::changed, this, [this] {
        updateChartFonts();
        if (!isShowingMessage())
            restyle();
    });
}

void MetricChartFrame::updateChartFonts()
{
    QFont title = font();
    title.setPointSizeF(title.pointSizeF() * 1.05);
    title.setBold(true);
    m_chart->setTitleFont(title);
    m_chart->legend()->setFont(labelFont());
}

QFont MetricChartFrame::labelFont() const
{
    QFont font = this->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    return font;
}

QFont MetricChartFrame::axisTitleFont() const
{
    QFont font = this->font();
    font.setPointSizeF(font.pointSizeF() * 0.95);
    font.setBold(true);
    return font;
}

void MetricChartFrame::showMessage(const QString& title, const QString& message)
{
    clearChart();
    m_message->setTitle(title);
    m_message->setMessage(message);
    m_stack->setCurrentWidget(m_message);
}

bool MetricChartFrame::isShowingMessage() const
{
    return m_stack->currentWidget() == m_message;
}

QString MetricChartFrame::messageText() const
{
    return m_message->title() + QLatin1Char('\n') + m_message->message();
}

void MetricChartFrame::clearChart()
{
    m_chart->removeAllSeries();
    for (QAbstractAxis* axis : m_chart->axes()) {
        m_chart->removeAxis(axis); // hands ownership back
        delete axis;
    }
}

void MetricChartFrame::showChart()
{
    applyPresentationStyle(m_chart, font());
    m_stack->setCurrentWidget(m_view);
}

bool MetricChartFrame::exportImage(const QString& path, QString* error)
{
    QWidget* shown = m_stack->currentWidget();
    const QSize size = shown->size().isEmpty() ? QSize(800, 500) : shown->size();
    if (QFileInfo(path).suffix().compare(QStringLiteral("svg"), Qt::CaseInsensitive) == 0) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(m_chart->title());
        QPainter painter;
        if (!painter.begin(&svg)) {
            if (error)
                *error = tr("cannot write %1").arg(path);
            return false;
        }
        shown->render(&painter);
        painter.end();
        return true;
    }
    const QPixmap picture = shown->grab();
    if (!picture.save(path, "PNG")) {
        if (error)
            *error = tr("cannot write %1").arg(path);
        return false;
    }
    return true;
}

QByteArray MetricChartFrame::toPng(const QSize& hiddenSize)
{
    // A frame on a tab not in front gets no resize events, so no layout has placed it since (or
    // ever). Place the hidden tab page the way its visible parent would, and the layouts from
    // there down, so that the chart is drawn as its tab would show it.
    if (!isVisible()) {
        QList<QWidget*> hidden;
        for (QWidget* widget = this; widget; widget = widget->parentWidget()) {
            hidden.prepend(widget);
            if (!widget->parentWidget() || widget->parentWidget()->isVisible())
                break;
        }
        QWidget* page = hidden.front();
        QSize size = page->parentWidget() ? page->parentWidget()->size() : hiddenSize;
        if (size.width() < hiddenSize.width() / 2 || size.height() < hiddenSize.height() / 2)
            size = hiddenSize;
        page->resize(size);
        for (QWidget* widget : hidden)
            if (widget->layout())
                widget->layout()->setGeometry(widget->rect());
    }
    const QPixmap picture = m_stack->currentWidget()->grab();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!picture.save(&buffer, "PNG"))
        return {};
    return bytes;
}

} // namespace fsr::ui
