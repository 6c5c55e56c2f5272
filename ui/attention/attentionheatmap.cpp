#include "attention/attentionheatmap.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>

namespace fsr::ui {

namespace {

// Viridis at nine stops: ordered in lightness, readable for colour-blind viewers and in print.
constexpr std::array<QRgb, 9> kStops
    = {0xff440154, 0xff472c7a, 0xff3b518b, 0xff2c718e, 0xff21908d, 0xff27ad81, 0xff5cc863, 0xffaadc32, 0xfffde725};
constexpr int kColorBarWidth = 14;
constexpr int kColorBarTextWidth = 52;
constexpr int kGap = 6;
// Labels are elided to this many pixels at most: titles can be long.
constexpr int kMaxRowLabel = 220;
constexpr int kMaxColumnLabel = 150;

} // namespace

AttentionHeatmap::AttentionHeatmap(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    m_colorBar = QImage(1, 256, QImage::Format_RGB32);
    for (int y = 0; y < 256; ++y)
        m_colorBar.setPixel(0, y, colorAt(1.0 - y / 255.0).rgb());
}

QColor AttentionHeatmap::colorAt(double fraction)
{
    const double t = std::clamp(std::isfinite(fraction) ? fraction : 0.0, 0.0, 1.0) * (kStops.size() - 1);
    const auto low = static_cast<std::size_t>(std::floor(t));
    const std::size_t high = std::min(low + 1, kStops.size() - 1);
    const double mix = t - static_cast<double>(low);
    const QColor a = QColor::fromRgb(kStops[low]);
    const QColor b = QColor::fromRgb(kStops[high]);
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * mix),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * mix),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * mix));
}

void AttentionHeatmap::setData(const HeatmapData& data)
{
    m_data = data;
    m_selected = QPoint(-1, -1);
    m_cells = QImage();
    if (!m_data.isEmpty() && m_data.values.size() == m_data.rows * m_data.columns) {
        const auto [low, high] = std::minmax_element(m_data.values.begin(), m_data.values.end());
        // Weights of many support items are all small: spanning the data's own range gives contrast.
        m_min = *low;
        m_max = *high > m_min ? *high : m_min + 1.0f;
        m_cells = QImage(m_data.columns, m_data.rows, QImage::Format_RGB32);
        for (int row = 0; row < m_data.rows; ++row) {
            auto* line = reinterpret_cast<QRgb*>(m_cells.scanLine(row));
            for (int column = 0; column < m_data.columns; ++column)
                line[column] = colorAt((m_data.value(row, column) - m_min) / (m_max - m_min)).rgb();
        }
    }
    updateLayout();
    update();
}

QSize AttentionHeatmap::sizeHint() const
{
    return {640, 420};
}

QSize AttentionHeatmap::minimumSizeHint() const
{
    return {240, 180};
}

void AttentionHeatmap::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updateLayout();
}

void AttentionHeatmap::updateLayout()
{
    const QFontMetrics metrics = fontMetrics();
    int widestRow = 0;
    for (const QString& label : std::as_const(m_data.rowLabels))
        widestRow = std::max(widestRow, metrics.horizontalAdvance(label));
    int widestColumn = 0;
    for (const QString& label : std::as_const(m_data.columnLabels))
        widestColumn = std::max(widestColumn, metrics.horizontalAdvance(label));
    // Never more than a third of the width for row labels; the cells matter more.
    m_rowLabelWidth = std::min({widestRow + kGap, kMaxRowLabel, width() / 3});
    // Column labels run diagonally up-right from the grid's bottom edge: height ~ 0.71 * length.
    m_columnLabelHeight
        = std::min(static_cast<int>(std::min(widestColumn, kMaxColumnLabel) * 0.71) + metrics.height() + kGap,
                   height() / 3);
    const int titleHeight = metrics.height() + kGap;
    const int right = kColorBarWidth + kColorBarTextWidth + 2 * kGap;
    m_grid = QRect(m_rowLabelWidth + kGap, kGap, width() - m_rowLabelWidth - kGap - right,
                   height() - kGap - m_columnLabelHeight - titleHeight);
    // Square-ish cells are easier to read than very wide ones: cap the cell aspect ratio.
    if (m_data.columns > 0 && m_data.rows > 0) {
        const double cellWidth = static_cast<double>(m_grid.width()) / m_data.columns;
        const double cellHeight = static_cast<double>(m_grid.height()) / m_data.rows;
        if (cellWidth > 3 * cellHeight)
            m_grid.setWidth(static_cast<int>(3 * cellHeight * m_data.columns));
    }
}

QRect AttentionHeatmap::cellRect(int row, int column) const
{
    if (m_data.isEmpty())
        return {};
    const double w = static_cast<double>(m_grid.width()) / m_data.columns;
    const double h = static_cast<double>(m_grid.height()) / m_data.rows;
    const int left = m_grid.left() + static_cast<int>(std::floor(column * w));
    const int top = m_grid.top() + static_cast<int>(std::floor(row * h));
    const int right = m_grid.left() + static_cast<int>(std::floor((column + 1) * w));
    const int bottom = m_grid.top() + static_cast<int>(std::floor((row + 1) * h));
    return QRect(QPoint(left, top), QPoint(right - 1, bottom - 1));
}

QPoint AttentionHeatmap::cellAt(const QPoint& position) const
{
    if (m_data.isEmpty() || !m_grid.contains(position))
        return {-1, -1};
    const int column
        = std::min(m_data.columns - 1, (position.x() - m_grid.left()) * m_data.columns / std::max(1, m_grid.width()));
    const int row
        = std::min(m_data.rows - 1, (position.y() - m_grid.top()) * m_data.rows / std::max(1, m_grid.height()));
    return {column, row};
}

void AttentionHeatmap::setSelectedCell(int row, int column)
{
    m_selected = QPoint(column, row);
    update();
}

QString AttentionHeatmap::cellText(int row, int column) const
{
    return tr("%1: %2\n%3: %4\n%5: %6")
        .arg(m_data.rowTitle, m_data.rowLabels.value(row), m_data.columnTitle, m_data.columnLabels.value(column),
             m_data.valueTitle, QLocale().toString(m_data.value(row, column), 'f', 4));
}

void AttentionHeatmap::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    if (m_cells.isNull())
        return;
    // Sharp cell edges: each cell is a block of one colour, never a blur between neighbours.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(m_grid, m_cells);
    if (m_selected.x() >= 0 && m_selected.y() >= 0) {
        painter.setPen(QPen(palette().color(QPalette::Text), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(cellRect(m_selected.y(), m_selected.x()).adjusted(0, 0, 1, 1));
    }
    paintLabels(painter);
    paintColorBar(painter);
}

void AttentionHeatmap::paintLabels(QPainter& painter)
{
    const QFontMetrics metrics = fontMetrics();
    painter.setPen(palette().color(QPalette::Text));
    const int lineHeight = metrics.height();
    // Every n-th label when they would overlap; the tooltip names every cell.
    const int rowStep = std::max(
        1, static_cast<int>(std::ceil(lineHeight / std::max(1.0, static_cast<double>(m_grid.height()) / m_data.rows))));
    for (int row = 0; row < m_data.rows; row += rowStep) {
        const QRect cell = cellRect(row, 0);
        const QRect box(0, cell.center().y() - lineHeight / 2, m_rowLabelWidth, lineHeight);
        painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter,
                         metrics.elidedText(m_data.rowLabels.value(row), Qt::ElideRight, m_rowLabelWidth));
    }
    const double cellWidth = static_cast<double>(m_grid.width()) / m_data.columns;
    const int columnStep = std::max(1, static_cast<int>(std::ceil(lineHeight / std::max(1.0, cellWidth))));
    const int labelLength = std::min(kMaxColumnLabel, static_cast<int>((m_columnLabelHeight - lineHeight) / 0.71));
    for (int column = 0; column < m_data.columns; column += columnStep) {
        const QRect cell = cellRect(0, column);
        const int x = cell.center().x() + lineHeight / 3;
        // The last columns' labels run toward the widget's right edge: elide them sooner there.
        const int length = std::min(labelLength, static_cast<int>((width() - kGap - x) / 0.71));
        painter.save();
        painter.translate(x, m_grid.bottom() + kGap);
        painter.rotate(45);
        painter.drawText(QRect(0, -lineHeight, length, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(m_data.columnLabels.value(column), Qt::ElideRight, length));
        painter.restore();
    }
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    // Centred under the grid, but never clipped by a narrow grid (few support items).
    const int titleWidth = std::min(QFontMetrics(bold).horizontalAdvance(m_data.columnTitle) + 8, width());
    const int titleLeft = std::clamp(m_grid.center().x() - titleWidth / 2, 0, width() - titleWidth);
    painter.drawText(QRect(titleLeft, height() - lineHeight - 2, titleWidth, lineHeight), Qt::AlignCenter,
                     m_data.columnTitle);
    painter.setFont(font());
}

void AttentionHeatmap::paintColorBar(QPainter& painter)
{
    const QFontMetrics metrics = fontMetrics();
    const QRect bar(m_grid.right() + 2 * kGap, m_grid.top(), kColorBarWidth, m_grid.height());
    painter.drawImage(bar, m_colorBar);
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(bar.adjusted(0, 0, -1, -1));
    painter.setPen(palette().color(QPalette::Text));
    const QRect text(bar.right() + 4, 0, kColorBarTextWidth, metrics.height());
    const auto label = [&](double value, int y) {
        painter.drawText(text.translated(0, std::clamp(y - metrics.height() / 2, 0, height() - metrics.height())),
                         Qt::AlignLeft | Qt::AlignVCenter, QLocale().toString(value, 'f', 3));
    };
    label(m_max, bar.top());
    label((m_min + m_max) / 2.0, bar.center().y());
    label(m_min, bar.bottom());
}

bool AttentionHeatmap::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QPoint cell = cellAt(help->pos());
        if (cell.x() >= 0)
            QToolTip::showText(help->globalPos(), cellText(cell.y(), cell.x()), this, cellRect(cell.y(), cell.x()));
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void AttentionHeatmap::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint cell = cellAt(event->position().toPoint());
    setCursor(cell.x() >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    QWidget::mouseMoveEvent(event);
}

void AttentionHeatmap::mousePressEvent(QMouseEvent* event)
{
    const QPoint cell = cellAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && cell.x() >= 0) {
        setSelectedCell(cell.y(), cell.x());
        Q_EMIT cellClicked(cell.y(), cell.x());
        return;
    }
    QWidget::mousePressEvent(event);
}

} // namespace fsr::ui
