#include "widgets/datasetstatsview.h"

#include "charts/barchartview.h"
#include "models/datasetchartdata.h"
#include "qtconvert.h"
#include "textstyle.h"
#include "widgets/controlrows.h"
#include "widgets/emptystate.h"
#include "widgets/stattile.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace fsr::ui {

namespace {

QString count(int64_t value)
{
    return QLocale().toString(static_cast<qlonglong>(value));
}

QString number(double value, int decimals)
{
    return QLocale().toString(value, 'f', decimals);
}

// Rating-matrix densities are tiny (0.06 %); three significant digits keep them readable.
QString percent(double fraction)
{
    return QStringLiteral("%1 %").arg(QLocale().toString(fraction * 100.0, 'g', 3));
}

} // namespace

DatasetStatsView::DatasetStatsView(QWidget* parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_message(new EmptyState(this))
    , m_content(new QWidget(this))
    , m_title(new QLabel(m_content))
    , m_details(new QLabel(m_content))
    , m_ratingChart(new BarChartView(m_content))
    , m_activityChart(new BarChartView(m_content))
    , m_genreChart(new BarChartView(m_content))
{
    setRelativeFont(m_title, 1.25, true);
    m_title->setObjectName(QStringLiteral("datasetTitle"));
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    setMutedText(m_details);
    m_ratingChart->setObjectName(QStringLiteral("ratingChart"));
    m_activityChart->setObjectName(QStringLiteral("activityChart"));
    m_genreChart->setObjectName(QStringLiteral("genreChart"));

    // One row of tiles; two in presentation mode, where eight tiles in the larger font are wider
    // than a 1280 px window has room for next to the navigation.
    auto* tiles = new ControlRows(2, 8, this);
    const QList<QPair<QString, QString>> tileCaptions = {
        {QStringLiteral("ratings"), tr("ratings")},
        {QStringLiteral("users"), tr("users")},
        {QStringLiteral("items"), tr("items")},
        {QStringLiteral("density"), tr("density")},
        {QStringLiteral("range"), tr("rating range")},
        {QStringLiteral("mean"), tr("mean rating")},
        {QStringLiteral("titled"), tr("items with titles")},
        {QStringLiteral("genres"), tr("genres")},
    };
    const int perPresentingRow = (static_cast<int>(tileCaptions.size()) + 1) / 2;
    for (int column = 0; column < tileCaptions.size(); ++column)
        tiles->add(addTile(tileCaptions[column].first, tileCaptions[column].second), 0,
                   column < perPresentingRow ? 0 : 1, 1);

    auto* charts = new QHBoxLayout;
    charts->setSpacing(8);
    charts->addWidget(m_ratingChart, 1);
    charts->addWidget(m_activityChart, 1);
    charts->addWidget(m_genreChart, 1);

    auto* contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(8);
    contentLayout->addWidget(m_title);
    contentLayout->addWidget(m_details);
    contentLayout->addLayout(tiles->layout());
    contentLayout->addLayout(charts, 1);

    m_stack->addWidget(m_content);
    m_stack->addWidget(m_message);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    showMessage(tr("No dataset selected"), tr("Select a dataset in the list to see its statistics."));
}

void DatasetStatsView::showStats(const DatasetStats& stats)
{
    const DatasetSummary& summary = stats.summary;
    m_title->setText(toQString(summary.name));
    m_details->setText(tr("Format: %1  \u00b7  Source: %2").arg(toQString(summary.format), toQString(summary.source)));
    m_details->setToolTip(toQString(summary.source));

    m_tiles[QStringLiteral("ratings")]->setValue(count(summary.ratings));
    m_tiles[QStringLiteral("users")]->setValue(count(summary.users));
    m_tiles[QStringLiteral("items")]->setValue(count(summary.items));
    m_tiles[QStringLiteral("density")]->setValue(percent(stats.density),
                                                 tr("Share of the user \u00d7 item matrix that has a rating"));
    m_tiles[QStringLiteral("range")]->setValue(
        QStringLiteral("%1 \u2013 %2")
            .arg(QLocale().toString(summary.ratingMin), QLocale().toString(summary.ratingMax)));
    m_tiles[QStringLiteral("mean")]->setValue(number(stats.ratingMean, 2));
    const double titledShare = summary.items > 0 ? static_cast<double>(stats.itemsWithTitle) / summary.items : 0.0;
    m_tiles[QStringLiteral("titled")]->setValue(count(stats.itemsWithTitle),
                                                tr("%1 of the items have a title").arg(percent(titledShare)));
    m_tiles[QStringLiteral("genres")]->setValue(count(stats.genres));

    m_ratingChart->setData(ratingValueChart(stats), tr("This dataset has no ratings."));
    m_activityChart->setData(ratingsPerUserChart(stats), tr("This dataset has no ratings."));
    m_genreChart->setData(topGenresChart(stats),
                          tr("The catalog of this dataset has no genres, so there is nothing "
                             "to chart here. MovieLens and MovieTweetings catalogs carry them."));
    m_stack->setCurrentWidget(m_content);
}

void DatasetStatsView::showMessage(const QString& title, const QString& message)
{
    m_message->setTitle(title);
    m_message->setMessage(message);
    m_stack->setCurrentWidget(m_message);
}

bool DatasetStatsView::isShowingStats() const
{
    return m_stack->currentWidget() == m_content;
}

QString DatasetStatsView::tileValue(const QString& key) const
{
    const StatTile* tile = m_tiles.value(key);
    return tile ? tile->value() : QString();
}

StatTile* DatasetStatsView::addTile(const QString& key, const QString& caption)
{
    auto* tile = new StatTile(caption, m_content);
    tile->setObjectName(QStringLiteral("tile_%1").arg(key));
    m_tiles.insert(key, tile);
    return tile;
}

} // namespace fsr::ui
