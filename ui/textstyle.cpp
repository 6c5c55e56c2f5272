#include "textstyle.h"

#include <QLabel>

#include <QApplication>
#include <QColor>
#include <QEvent>
#include <QPalette>
#include <QPointer>
#include <QSet>
#include <QWidget>

namespace fsr::ui {

namespace {

constexpr char kScaleProperty[] = "fsrFontScale";
constexpr char kBoldProperty[] = "fsrFontBold";

void applyRelativeFont(QWidget* widget)
{
    QFont font = QApplication::font(widget);
    font.setPointSizeF(font.pointSizeF() * widget->property(kScaleProperty).toReal());
    font.setBold(widget->property(kBoldProperty).toBool());
    widget->setFont(font);
}

// A widget with a font of its own keeps its size when the application font changes (Qt tells
// only the windows and the widgets without one); this derives the fonts again when the
// application hears of the change, which it does before any widget.
class RelativeFonts final : public QObject {
public:
    static RelativeFonts& instance()
    {
        static QPointer<RelativeFonts> fonts;
        if (!fonts) {
            fonts = new RelativeFonts(QCoreApplication::instance());
            QCoreApplication::instance()->installEventFilter(fonts);
        }
        return *fonts;
    }

    void track(QWidget* widget)
    {
        if (m_widgets.contains(widget))
            return;
        m_widgets.insert(widget);
        connect(widget, &QObject::destroyed, this, [this, widget] { m_widgets.remove(widget); });
    }

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::ApplicationFontChange && watched == QCoreApplication::instance())
            for (QWidget* widget : std::as_const(m_widgets))
                applyRelativeFont(widget);
        return false;
    }

private:
    using QObject::QObject;

    QSet<QWidget*> m_widgets;
};

} // namespace

void setRelativeFont(QWidget* widget, qreal scale, bool bold)
{
    widget->setProperty(kScaleProperty, scale);
    widget->setProperty(kBoldProperty, bold);
    applyRelativeFont(widget);
    RelativeFonts::instance().track(widget);
}

void setMutedText(QWidget* widget)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    palette.setColor(QPalette::Text, palette.color(QPalette::PlaceholderText));
    widget->setPalette(palette);
}

void setErrorText(QWidget* widget, bool isError)
{
    if (!isError) {
        setMutedText(widget);
        return;
    }
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, QColor(0xb0, 0x1e, 0x1e));
    palette.setColor(QPalette::Text, QColor(0xb0, 0x1e, 0x1e));
    widget->setPalette(palette);
}

void setPageTitleFont(QWidget* widget)
{
    setRelativeFont(widget, 1.5, true);
}

QLabel* sectionTitle(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    // Wraps rather than widening the page: long titles side by side (and presentation mode's
    // larger font) would otherwise push the window past 1280 px.
    label->setWordWrap(true);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace fsr::ui
