#pragma once

#include <QFrame>

class QLabel;
class QProgressBar;
class QPushButton;

namespace fsr::ui {

/// A slim bar saying what runs in the background, how far it is, with a Cancel button.
class JobProgressPanel : public QFrame {
    Q_OBJECT

public:
    explicit JobProgressPanel(QWidget* parent = nullptr);

    void begin(const QString& text);
    void setFraction(double fraction);
    void end();
    int percent() const;

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel* m_text;
    QProgressBar* m_bar;
    QPushButton* m_cancel;
};

} // namespace fsr::ui
