#include "inspector/supportsizeslider.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>

#include <algorithm>

namespace fsr::ui {

SupportSizeSlider::SupportSizeSlider(QWidget* parent)
    : QWidget(parent)
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_label(new QLabel(this))
{
    m_slider->setObjectName(QStringLiteral("supportSlider"));
    m_slider->setRange(1, 1);
    m_slider->setPageStep(5);
    m_slider->setTickPosition(QSlider::TicksBelow);
    m_slider->setToolTip(tr("How many of the user's ratings the model adapts to; the rest stay hidden from it"));
    m_slider->setMinimumWidth(160);
    auto* caption = new QLabel(tr("S&upport size:"), this);
    caption->setBuddy(m_slider);
    // Wide enough for "100 of 100 ratings" so the slider does not jump while dragging.
    m_label->setMinimumWidth(m_label->fontMetrics().horizontalAdvance(tr("%1 of %2 ratings").arg(8888).arg(8888)));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(caption);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_label);
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        updateLabel();
        Q_EMIT valueChanged(value);
    });
    updateLabel();
}

void SupportSizeSlider::reset(int maximum, int value)
{
    const QSignalBlocker blocker(m_slider);
    m_slider->setRange(1, std::max(1, maximum));
    m_slider->setTickInterval(maximum > 50 ? 10 : (maximum > 20 ? 5 : 1));
    m_slider->setValue(value);
    updateLabel();
}

int SupportSizeSlider::value() const
{
    return m_slider->value();
}

int SupportSizeSlider::maximum() const
{
    return m_slider->maximum();
}

void SupportSizeSlider::setValue(int value)
{
    m_slider->setValue(value);
}

void SupportSizeSlider::updateLabel()
{
    m_label->setText(tr("%1 of %2 ratings").arg(m_slider->value()).arg(m_slider->maximum()));
}

} // namespace fsr::ui
