#pragma once

#include <QString>

namespace fsr::ui {

/// A worked example a lesson step shows below its text, as Markdown, every number computed by
/// core from the example's data. `spec` is "NAME:PART,PART": NAME is a CSV rating matrix in
/// resources/lessons (NAME.csv, see parseRatingMatrix), worked through by user-knn with k = 2;
/// the parts, in order: matrix, baseline, residuals, neighbours, prediction (all of them when
/// none is named). An example that cannot be read says why instead.
QString workedExampleMarkdown(const QString& spec);

} // namespace fsr::ui
