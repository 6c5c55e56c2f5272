#pragma once

#include "store/store.h"

#include <QMap>
#include <QWidget>

class QLabel;
class QStackedWidget;

namespace fsr::ui {

class BarChartView;
class EmptyState;
class StatTile;

/// One dataset's numbers (ratings, users, density, ...) and its distributions as charts.
class DatasetStatsView : public QWidget {
    Q_OBJECT

public:
    explicit DatasetStatsView(QWidget* parent = nullptr);

    void showStats(const DatasetStats& stats);
    /// Replaces the stats with a message (nothing selected, loading, an error).
    void showMessage(const QString& title, const QString& message);
    bool isShowingStats() const;

    /// The value shown in a tile: ratings, users, items, density, range, mean, titled, genres.
    QString tileValue(const QString& key) const;
    BarChartView* ratingChart() const { return m_ratingChart; }
    BarChartView* activityChart() const { return m_activityChart; }
    BarChartView* genreChart() const { return m_genreChart; }

private:
    StatTile* addTile(const QString& key, const QString& caption);

    QStackedWidget* m_stack;
    EmptyState* m_message;
    QWidget* m_content;
    QLabel* m_title;
    QLabel* m_details;
    QMap<QString, StatTile*> m_tiles;
    BarChartView* m_ratingChart;
    BarChartView* m_activityChart;
    BarChartView* m_genreChart;
};

} // namespace fsr::ui
