#pragma once

#include <QSet>
#include <QString>

namespace fsr::ui {

/// `base`, or `base-2`, `base-3`, ... whichever is not taken yet.
QString uniqueDatasetName(const QString& base, const QSet<QString>& taken);
/// Why `name` cannot name a new dataset (empty, already used); empty when it can.
QString datasetNameProblem(const QString& name, const QSet<QString>& taken);

} // namespace fsr::ui
