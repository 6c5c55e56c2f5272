#pragma once

class QChart;
class QFont;

namespace fsr::ui {

/// Presentation mode on a chart that is already built: title, legend and axis fonts from
/// `base` (the view's font, already enlarged by the mode) and darker, thicker axis and grid lines
/// with black axis labels. Does nothing outside presentation mode, where the chart keeps its own look.
/// Series colours and widths are the views' business (PresentationStyle::seriesColour, lineWidth).
void applyPresentationStyle(QChart* chart, const QFont& base);

} // namespace fsr::ui
