#include "attention/attentionheatmapdata.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace fsr::ui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("fsr::ui::AttentionHeatmapData", text);
}

} // namespace

HeatmapData attentionHeatmap(const UserInspection& inspection, const AttentionMap& map, bool queryRows, int layer,
                             int head)
{
    HeatmapData data;
    if (map.weights.empty())
        return data;
    layer = std::clamp(layer, 0, static_cast<int>(map.weights.size()) - 1);
    const auto& heads = map.weights[static_cast<std::size_t>(layer)];
    if (heads.empty())
        return data;
    const auto& first = heads.front();
    const int labelRows = static_cast<int>(queryRows ? inspection.query.size() : inspection.after.size());
    const int rows = std::min(static_cast<int>(first.size()), labelRows);
    const int columns = std::min(first.empty() ? 0 : static_cast<int>(first.front().size()),
                                 static_cast<int>(inspection.support.size()));
    const bool mean = head < 0 || head >= static_cast<int>(heads.size());

    data.rows = rows;
    data.columns = columns;
    data.rowTitle = queryRows ? tr("Query item") : tr("Recommended");
    data.columnTitle = tr("Support item (the user's rating)");
    data.valueTitle = mean ? tr("Weight (mean of heads)") : tr("Weight");
    data.values.resize(rows * columns);
    for (int row = 0; row < rows; ++row) {
        for (int column = 0; column < columns; ++column) {
            double value = 0;
            if (mean) {
                for (const auto& matrix : heads)
                    value += matrix[static_cast<std::size_t>(row)][static_cast<std::size_t>(column)];
                value /= static_cast<double>(heads.size());
            } else {
                value = heads[static_cast<std::size_t>(head)][static_cast<std::size_t>(row)]
                             [static_cast<std::size_t>(column)];
            }
            data.values[row * columns + column] = static_cast<float>(value);
        }
        data.rowLabels << (queryRows ? inspection.query[row].title
                                     : QStringLiteral("%1. %2").arg(row + 1).arg(inspection.after[row].title));
    }
    for (int column = 0; column < columns; ++column) {
        const RatedItem& item = inspection.support[column];
        // The rating first: long titles are elided at their end.
        data.columnLabels << QStringLiteral("%1 \u2605 %2").arg(QLocale().toString(item.rating, 'f', 1), item.title);
    }
    return data;
}

} // namespace fsr::ui
