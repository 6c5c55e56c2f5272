#pragma once

#include <QWidget>

class QLabel;

namespace fsr::ui {

/// A centred title and explanation for a view that has nothing to show yet, so no panel is
/// ever blank without saying why and what to do.
class EmptyState : public QWidget {
    Q_OBJECT

public:
    explicit EmptyState(QWidget* parent = nullptr);
    EmptyState(const QString& title, const QString& message, QWidget* parent = nullptr);

    void setTitle(const QString& title);
    void setMessage(const QString& message);
    QString title() const;
    QString message() const;

private:
    QLabel* m_title;
    QLabel* m_message;
};

} // namespace fsr::ui
