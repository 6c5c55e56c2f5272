#include "widgets/controlrows.h"

#include "presentationstyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <QWidget>

namespace fsr::ui {

QWidget* labelled(const QString& text, QWidget* field, QWidget* parent)
{
    auto* group = new QWidget(parent);
    auto* layout = new QHBoxLayout(group);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(text, group);
    label->setBuddy(field);
    layout->addWidget(label);
    layout->addWidget(field);
    return group;
}


ControlRows::ControlRows(int rows, int spacing, QObject* parent)
    : QObject(parent)
    , m_layout(new QVBoxLayout)
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    for (int row = 0; row < rows; ++row) {
        auto* layout = new QHBoxLayout;
        layout->setSpacing(spacing);
        m_layout->addLayout(layout);
        m_rows << layout;
    }
    connect(&PresentationStyle::instance(), &PresentationStyle::changed, this, &ControlRows::arrange);
}

void ControlRows::add(QWidget* widget, int normalRow, int presentingRow, int stretch)
{
    m_controls.push_back({widget, normalRow, presentingRow, stretch});
    arrange();
}

void ControlRows::setTrailingStretch(bool stretch)
{
    m_trailingStretch = stretch;
    arrange();
}

int ControlRows::rowOf(const QWidget* widget) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows[row]->indexOf(widget) >= 0)
            return row;
    return -1;
}

void ControlRows::arrange()
{
    // Emptied and refilled in order: the simplest way to keep each row's controls in the order
    // they were added, wherever they were before.
    for (QHBoxLayout* row : std::as_const(m_rows))
        while (QLayoutItem* item = row->takeAt(0))
            delete item; // the layout item only; the widget stays, owned by the page
    const bool presenting = PresentationStyle::active();
    for (const Control& control : std::as_const(m_controls))
        m_rows[presenting ? control.presentingRow : control.normalRow]->addWidget(control.widget, control.stretch);
    // A stretch alone would make an empty row count as a row (and its spacing).
    if (m_trailingStretch)
        for (QHBoxLayout* row : std::as_const(m_rows))
            if (row->count() > 0)
                row->addStretch(1);
}

} // namespace fsr::ui
