#pragma once

#include <QFrame>

class QLabel;

namespace fsr::ui {

/// One number with its caption ("16,554" over "users"), the unit of the stats overview.
class StatTile : public QFrame {
    Q_OBJECT

public:
    StatTile(const QString& caption, QWidget* parent = nullptr);

    void setValue(const QString& value, const QString& toolTip = QString());
    QString value() const;
    QString caption() const;

private:
    QLabel* m_value;
    QLabel* m_caption;
};

} // namespace fsr::ui
