#pragma once

#include "inspector/inspection.h"

#include <QWidget>

namespace fsr::ui {

/// A user's ratings in time order as a strip of cells, coloured by what each is for the chosen
/// support size (support, query, unused); hovering a cell names the film, rating and date.
class ProtocolStrip final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProtocolStrip)

public:
    explicit ProtocolStrip(QWidget* parent = nullptr);

    void setTimeline(const QVector<TimelineRating>& timeline);
    const QVector<TimelineRating>& timeline() const { return m_timeline; }
    int count(RatingRole role) const;
    /// The rating under a widget position, or -1.
    int cellAt(const QPoint& position) const;
    QRect cellRect(int index) const;

    static QColor colorOf(RatingRole role);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    QVector<TimelineRating> m_timeline;
};

/// The rule that put the user's ratings where they are, in one sentence with the numbers.
QString protocolSentence(const ProtocolRule& rule, const UserInspection& inspection);

/// "■ support  ■ query  ■ unused" in the strip's colours, as rich text.
QString protocolLegend();

} // namespace fsr::ui
