#pragma once

#include <QObject>
#include <QVector>

class QHBoxLayout;
class QString;
class QVBoxLayout;
class QWidget;

namespace fsr::ui {

/// A field with its label (the label's mnemonic focuses the field), kept together on one row:
/// what ControlRows moves between rows.
QWidget* labelled(const QString& text, QWidget* field, QWidget* parent);

/// A page's controls above its content (or a row of tiles), arranged into rows one way normally and another way in
/// presentation mode: there the larger font makes a row of sliders and pickers wider than a
/// 1280 px window has room for next to the navigation, so some of them move to another row.
/// Rows without a control take no space.
class ControlRows final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControlRows)

public:
    /// `rows` rows, `spacing` pixels between neighbouring controls.
    ControlRows(int rows, int spacing, QObject* parent);

    /// Put it in the page's layout where the controls go.
    QVBoxLayout* layout() const { return m_layout; }
    /// Adds `widget` to row `normalRow` normally and to row `presentingRow` in presentation mode,
    /// after the controls added before it.
    void add(QWidget* widget, int normalRow, int presentingRow, int stretch = 0);
    /// Ends every row with a stretch, so its controls keep to the left.
    void setTrailingStretch(bool stretch);
    /// The row `widget` is on now.
    int rowOf(const QWidget* widget) const;

private:
    void arrange();

    struct Control {
        QWidget* widget;
        int normalRow;
        int presentingRow;
        int stretch;
    };
    QVBoxLayout* m_layout;
    QVector<QHBoxLayout*> m_rows;
    QVector<Control> m_controls;
    bool m_trailingStretch = false;
};

} // namespace fsr::ui
