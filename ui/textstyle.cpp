#include "textstyle.h"

#include <QLabel>

#include <QColor>
#include <QPalette>
#include <QWidget>

namespace fsr::ui {

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
    QFont font = widget->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    widget->setFont(font);
}

QLabel* sectionTitle(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace fsr::ui
