#include "inspector/protocolstrip.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace fsr::ui {

namespace {

constexpr int kCellHeight = 22;
constexpr int kWidestCell = 18;
constexpr int kGap = 1;

QString tr(const char* text, int n = -1)
{
    return QCoreApplication::translate("fsr::ui::ProtocolStrip", text, nullptr, n);
}

QString roleName(RatingRole role)
{
    switch (role) {
    case RatingRole::Support:
        return tr("support");
    case RatingRole::Query:
        return tr("query");
    case RatingRole::Unused:
        return tr("unused");
    }
    return {};
}

QString percent(double fraction)
{
    return QLocale().toString(std::round(fraction * 1000.0) / 10.0, 'g', 3) + QLatin1Char('%');
}

} // namespace

ProtocolStrip::ProtocolStrip(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMouseTracking(true);
}

void ProtocolStrip::setTimeline(const QVector<TimelineRating>& timeline)
{
    m_timeline = timeline;
    update();
}

int ProtocolStrip::count(RatingRole role) const
{
    return static_cast<int>(std::count_if(m_timeline.begin(), m_timeline.end(),
                                          [role](const TimelineRating& rating) { return rating.role == role; }));
}

QRect ProtocolStrip::cellRect(int index) const
{
    const int n = static_cast<int>(m_timeline.size());
    if (index < 0 || index >= n)
        return {};
    // Cells share the width, up to a comfortable size; hundreds of ratings become thin lines.
    const double pitch = std::min<double>(kWidestCell + kGap, static_cast<double>(width()) / n);
    const int left = static_cast<int>(std::floor(index * pitch));
    const int right = static_cast<int>(std::floor((index + 1) * pitch)) - (pitch >= 3 ? kGap : 0);
    return QRect(left, 0, std::max(1, right - left), kCellHeight);
}

int ProtocolStrip::cellAt(const QPoint& position) const
{
    for (int index = 0; index < m_timeline.size(); ++index)
        if (cellRect(index).adjusted(0, 0, kGap, 0).contains(position))
            return index;
    return -1;
}

QColor ProtocolStrip::colorOf(RatingRole role)
{
    switch (role) {
    case RatingRole::Support:
        return QColor(0x2f, 0x6f, 0xd0);
    case RatingRole::Query:
        return QColor(0xe6, 0x7e, 0x22);
    case RatingRole::Unused:
        return QColor(0xbd, 0xc3, 0xc7);
    }
    return {};
}

QSize ProtocolStrip::sizeHint() const
{
    return {static_cast<int>(m_timeline.size()) * (kWidestCell + kGap), kCellHeight};
}

QSize ProtocolStrip::minimumSizeHint() const
{
    return {60, kCellHeight};
}

void ProtocolStrip::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    for (int index = 0; index < m_timeline.size(); ++index)
        painter.fillRect(cellRect(index), colorOf(m_timeline[index].role));
}

bool ProtocolStrip::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int index = cellAt(help->pos());
        if (index < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const TimelineRating& rating = m_timeline[index];
        QString text = QStringLiteral("#%1 %2 \u00b7 %3 \u2605 \u00b7 %4")
                           .arg(index + 1)
                           .arg(rating.title, QLocale().toString(rating.rating, 'f', 1), roleName(rating.role));
        if (rating.time > 0)
            text += QStringLiteral(" \u00b7 ")
                + QLocale().toString(QDateTime::fromSecsSinceEpoch(rating.time).date(), QLocale::ShortFormat);
        QToolTip::showText(help->globalPos(), text, this, cellRect(index));
        return true;
    }
    return QWidget::event(event);
}

QString protocolSentence(const ProtocolRule& rule, const UserInspection& inspection)
{
    const int support = inspection.supportSize;
    const int query = static_cast<int>(inspection.query.size());
    const int unused = std::max(0, inspection.ratings - support - query);
    const QString rest = tr("%n unused", unused);
    if (rule.kind == QLatin1String("warm"))
        return tr("Warm split: %1 of all ratings were held out at random. This user's held-out ratings are the "
                  "query (%2); the model adapts to %3 of the ratings it trained on (%4).")
            .arg(percent(rule.testFraction), QString::number(query), QString::number(support), rest);
    if (inspection.testUser)
        return tr("A new user: the run held out %1 of the users with %2\u2013%3 ratings. %4 of this user's %5 "
                  "ratings, drawn at random, are the query; the support is the first %6 of the other %7 in the "
                  "run's shuffled order (%8).")
            .arg(percent(rule.coldFraction), QString::number(rule.minRatings), QString::number(rule.maxRatings),
                 QString::number(query), QString::number(inspection.ratings), QString::number(support),
                 QString::number(inspection.ratings - query), rest);
    return tr("A user the run trained on: the support is their first %1 ratings in time order, the query their "
              "latest %2 others (at most 20), so adaptation is judged on what they rated later (%3).")
        .arg(QString::number(support), QString::number(query), rest);
}

QString protocolLegend()
{
    QString legend;
    for (RatingRole role : {RatingRole::Support, RatingRole::Query, RatingRole::Unused})
        legend += QStringLiteral("<span style=\"color:%1\">\u25a0</span>&nbsp;%2&nbsp;&nbsp; ")
                      .arg(ProtocolStrip::colorOf(role).name(), roleName(role));
    return legend;
}

} // namespace fsr::ui
