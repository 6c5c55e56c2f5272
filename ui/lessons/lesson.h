#pragma once

#include "pageid.h"

#include <QByteArray>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace fsr::ui {

/// A run a lesson shows: an experiment config, trained once and found again by what it ran.
struct LessonRun {
    QString key;        ///< how the lesson's steps and text name it ("maml")
    QString title;      ///< what the lesson calls it ("biased-mf + MAML")
    QString configJson; ///< the experiment config, as the Experiment page would queue it
};

/// One screen of a lesson: a page with its settings and the explanation shown beside it.
struct LessonStep {
    QString title;
    PageId page = PageId::Datasets;
    QStringList runs; ///< run keys the page shows, first = the run a single-run page shows
    QString userId;
    QString tab;                             ///< Compare page chart tab
    QString metric;                          ///< Compare page metric
    QString rankBy;                          ///< Users page: "relevance" or "rating"
    std::optional<int> step;                 ///< Map page inner step
    QVector<QPair<QString, double>> ratings; ///< Sandbox / Map: a brand-new user's ratings
    QString worked;                          ///< a worked example shown with the text (see lessonworkedexample.h)
    QString text;                            ///< Markdown with {{run:metric:support}} placeholders
};

/// A lesson: a file in resources/lessons (one JSON object; see resources/lessons/README.md).
struct Lesson {
    QString key; ///< the file's base name ("03-maml-vs-fine-tuning")
    QString title;
    QString summary;
    QString dataset; ///< the dataset its runs train on; empty when it brings its own data
    QVector<LessonRun> runs;
    QVector<LessonStep> steps;

    const LessonRun* run(const QString& key) const;
};

/// A lesson file read, or why it could not be (naming the file and the field).
struct LessonParse {
    std::optional<Lesson> lesson;
    QString error;
};

LessonParse parseLesson(const QByteArray& json, const QString& key);

/// Every lesson in `folder` (by default the ones compiled in, ":/lessons"), in file-name order;
/// files that do not parse are left out and their errors appended to `errors`.
QVector<Lesson> loadLessons(const QString& folder = QStringLiteral(":/lessons"), QStringList* errors = nullptr);

} // namespace fsr::ui
