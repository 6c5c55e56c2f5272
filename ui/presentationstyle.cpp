#include "presentationstyle.h"

#include <QApplication>
#include <QPointer>
#include <QStyle>
#include <QWidget>

#include <algorithm>
#include <array>

namespace fsr::ui {

namespace {

// Okabe-Ito's colour-blind safe set, the yellow left out (it vanishes on white when projected)
// and black first, so a single line is as dark as it can be.
constexpr std::array<QRgb, 7> kStrongColours
    = {0xff000000, 0xff0072b2, 0xffd55e00, 0xff009e73, 0xffcc79a7, 0xff56b4e9, 0xffe69f00};

QFont scaled(const QFont& font, qreal factor)
{
    QFont larger = font;
    if (font.pointSizeF() > 0)
        larger.setPointSizeF(font.pointSizeF() * factor);
    else
        larger.setPixelSize(static_cast<int>(font.pixelSize() * factor + 0.5));
    return larger;
}

// QApplication::setFont skips widgets that have a style sheet; their style sheet style takes
// the new font only when it polishes them again.
void repolishStyleSheetWidgets()
{
    for (QWidget* widget : QApplication::allWidgets()) {
        if (!widget->testAttribute(Qt::WA_StyleSheet))
            continue;
        widget->style()->unpolish(widget);
        widget->style()->polish(widget);
        widget->updateGeometry();
        widget->update();
    }
}

} // namespace

PresentationStyle::PresentationStyle(QObject* parent) : QObject(parent)
{
}

PresentationStyle& PresentationStyle::instance()
{
    // Owned by the application, so it goes with it; a new application gets a fresh one.
    static QPointer<PresentationStyle> style;
    if (!style)
        style = new PresentationStyle(QCoreApplication::instance());
    return *style;
}

bool PresentationStyle::active()
{
    return instance().isEnabled();
}

void PresentationStyle::setEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    m_enabled = enabled;
    if (enabled) {
        m_normalFont = QApplication::font();
        QApplication::setFont(scaled(m_normalFont, kFontScale));
    } else {
        QApplication::setFont(m_normalFont);
    }
    // Qt posts the change to the widgets; delivered now, so every widget has its new font when
    // changed() goes out and the views restyle from it.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::ApplicationFontChange);
    repolishStyleSheetWidgets();
    Q_EMIT changed(enabled);
}

qreal PresentationStyle::lineWidth(qreal normal)
{
    return active() ? std::max(3.0, normal * 2.0) : normal;
}

QColor PresentationStyle::seriesColour(int index, const QColor& normal)
{
    if (!active())
        return normal;
    return QColor::fromRgba(kStrongColours[static_cast<std::size_t>(std::max(0, index)) % kStrongColours.size()]);
}

QColor PresentationStyle::gridColour(const QColor& normal)
{
    return active() ? QColor(0x70, 0x70, 0x70) : normal;
}

} // namespace fsr::ui
