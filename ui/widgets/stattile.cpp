#include "widgets/stattile.h"

#include "textstyle.h"

#include <QLabel>
#include <QVBoxLayout>

namespace fsr::ui {

StatTile::StatTile(const QString& caption, QWidget* parent)
    : QFrame(parent)
    , m_value(new QLabel(QStringLiteral("\u2013"), this))
    , m_caption(new QLabel(caption, this))
{
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setRelativeFont(m_value, 1.35, true);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setMutedText(m_caption);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(2);
    layout->addWidget(m_value);
    layout->addWidget(m_caption);
}

void StatTile::setValue(const QString& value, const QString& toolTip)
{
    m_value->setText(value);
    setToolTip(toolTip);
}

QString StatTile::value() const
{
    return m_value->text();
}

QString StatTile::caption() const
{
    return m_caption->text();
}

} // namespace fsr::ui
