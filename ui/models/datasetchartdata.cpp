#include "models/datasetchartdata.h"

#include "qtconvert.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace fsr::ui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("fsr::ui::DatasetCharts", text);
}

QString formatRating(double value)
{
    return QLocale().toString(value, 'g', 4);
}

QString rangeLabel(int64_t low, int64_t high)
{
    if (low == high)
        return QLocale().toString(static_cast<qlonglong>(low));
    return QStringLiteral("%1\u2013%2")
        .arg(QLocale().toString(static_cast<qlonglong>(low)), QLocale().toString(static_cast<qlonglong>(high)));
}

} // namespace

BarChartData ratingValueChart(const DatasetStats& stats)
{
    BarChartData chart;
    chart.title = tr("Rating values");
    chart.categoryTitle = tr("Rating");
    chart.valueTitle = tr("Ratings");
    const auto& histogram = stats.ratingHistogram;
    if (histogram.empty())
        return chart;
    if (static_cast<int>(histogram.size()) <= kMaxRatingBars) {
        for (const auto& [value, count] : histogram) {
            chart.categories << formatRating(value);
            chart.values << static_cast<double>(count);
        }
        return chart;
    }
    // A continuous scale (e.g. implicit scores): equal-width bins over the observed range.
    const double low = histogram.begin()->first;
    const double high = histogram.rbegin()->first;
    const int bins = kMaxRatingBars - 1;
    const double width = (high - low) / bins;
    chart.values.fill(0.0, bins);
    for (const auto& [value, count] : histogram) {
        const int bin = std::min(bins - 1, static_cast<int>((value - low) / width));
        chart.values[bin] += static_cast<double>(count);
    }
    for (int bin = 0; bin < bins; ++bin)
        chart.categories << formatRating(low + width * bin);
    return chart;
}

BarChartData ratingsPerUserChart(const DatasetStats& stats)
{
    BarChartData chart;
    chart.title = tr("Ratings per user");
    chart.categoryTitle = tr("Ratings per user");
    chart.valueTitle = tr("Users");
    chart.logScale = true;
    const auto& perUser = stats.ratingsPerUser;
    if (perUser.empty())
        return chart;
    const int64_t most = perUser.rbegin()->first;
    // Buckets [1], [2], [3, 4], [5, 8], ...: each one twice as wide as the one before.
    int64_t low = 1;
    int64_t high = 1;
    while (low <= most) {
        double users = 0;
        for (auto it = perUser.lower_bound(low); it != perUser.end() && it->first <= high; ++it)
            users += static_cast<double>(it->second);
        chart.categories << rangeLabel(low, high);
        chart.values << users;
        low = high + 1;
        high = std::max<int64_t>(2 * high, low);
    }
    return chart;
}

BarChartData topGenresChart(const DatasetStats& stats, int limit)
{
    BarChartData chart;
    chart.title = tr("Top genres");
    chart.categoryTitle = tr("Genre");
    chart.valueTitle = tr("Items");
    chart.horizontal = true;
    for (const auto& [genre, count] : stats.genreCounts) {
        if (chart.values.size() >= limit)
            break;
        if (count <= 0)
            continue;
        chart.categories << toQString(genre);
        chart.values << static_cast<double>(count);
    }
    return chart;
}

} // namespace fsr::ui
