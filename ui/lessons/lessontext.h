#pragma once

#include "compare/runcatalog.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace fsr::ui {

/// A lesson's Markdown with its placeholders filled from the stored runs, so the text states the
/// numbers the pages show:
///   {{run:metric:support}}  the metric at that support size, as the Compare page's table writes
///                           it ("{{maml:mae:10}}" -> "1.105"; "{{maml:ndcg@10:all}}")
///   {{run:label}}           the run as charts name it ("#4 biased-mf + maml")
///   {{run:train_seconds}}   its training time ("27.4 s")
/// `runs` maps the lesson's run keys to the stored runs found for them. A placeholder without a
/// value (the run is not trained yet, or did not record the metric) becomes "…" and is listed
/// in `missing`.
QString fillLessonText(const QString& text, const QMap<QString, const RunEntry*>& runs, QStringList* missing = nullptr);

} // namespace fsr::ui
