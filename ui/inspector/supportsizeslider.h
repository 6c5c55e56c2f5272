#pragma once

#include <QWidget>

class QLabel;
class QSlider;

namespace fsr::ui {

/// How many of the user's ratings the model adapts on: a slider with "10 of 35 ratings".
class SupportSizeSlider : public QWidget {
    Q_OBJECT

public:
    explicit SupportSizeSlider(QWidget* parent = nullptr);

    /// New bounds and position without emitting valueChanged (a new user, not a user's move).
    void reset(int maximum, int value);
    int value() const;
    int maximum() const;
    void setValue(int value);

Q_SIGNALS:
    /// Emitted while dragging too: the inspector coalesces, so every position may be asked for.
    void valueChanged(int value);

private:
    void updateLabel();

    QSlider* m_slider;
    QLabel* m_label;
};

} // namespace fsr::ui
