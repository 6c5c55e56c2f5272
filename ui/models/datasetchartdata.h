#pragma once

#include "charts/barchartdata.h"
#include "store/store.h"

namespace fsr::ui {

/// How many distinct rating values still get one bar each; finer scales are binned.
inline constexpr int kMaxRatingBars = 21;
/// Genres shown in the top-genres chart.
inline constexpr int kTopGenres = 12;

/// Ratings per star value (one bar per value, or equal-width bins for fine-grained scales).
BarChartData ratingValueChart(const DatasetStats& stats);
/// Users per activity level in doubling buckets (1, 2, 3-4, 5-8, ...): the long tail of heavy
/// users stays readable next to the crowd with a handful of ratings.
BarChartData ratingsPerUserChart(const DatasetStats& stats);
/// The most common genres by number of items, most common first.
BarChartData topGenresChart(const DatasetStats& stats, int limit = kTopGenres);

} // namespace fsr::ui
