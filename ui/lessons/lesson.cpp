#include "lessons/lesson.h"

#include "qtconvert.h"
#include "spec/config.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fsr::ui {

namespace {

QString fieldError(const QString& key, const QString& field, const QString& problem)
{
    return QStringLiteral("lesson %1: %2: %3").arg(key, field, problem);
}

std::optional<LessonRun> parseRun(const QJsonValue& value, const QString& key, int index, QString* error)
{
    const QString field = QStringLiteral("runs[%1]").arg(index);
    const QJsonObject object = value.toObject();
    LessonRun run;
    run.key = object.value(QStringLiteral("key")).toString();
    run.title = object.value(QStringLiteral("title")).toString(run.key);
    if (run.key.isEmpty()) {
        *error = fieldError(key, field + QStringLiteral(".key"), QStringLiteral("missing"));
        return std::nullopt;
    }
    if (!object.value(QStringLiteral("config")).isObject()) {
        *error = fieldError(key, field + QStringLiteral(".config"),
                            QStringLiteral("an experiment config object is needed"));
        return std::nullopt;
    }
    run.configJson = QString::fromUtf8(
        QJsonDocument(object.value(QStringLiteral("config")).toObject()).toJson(QJsonDocument::Compact));
    // The same checks as the Experiment page's: a lesson never queues a config core refuses.
    const auto parsed = parseExperimentConfig(toStdString(run.configJson));
    if (!parsed) {
        *error = fieldError(key, field + QStringLiteral(".config"), toQString(parsed.error().message));
        return std::nullopt;
    }
    return run;
}

std::optional<LessonStep> parseStep(const QJsonValue& value, const Lesson& lesson, int index, QString* error)
{
    const QString field = QStringLiteral("steps[%1]").arg(index);
    const QJsonObject object = value.toObject();
    LessonStep step;
    step.title = object.value(QStringLiteral("title")).toString();
    step.text = object.value(QStringLiteral("text")).toString();
    if (object.value(QStringLiteral("text")).isArray()) // long texts may be written as lines
        for (const QJsonValue& line : object.value(QStringLiteral("text")).toArray())
            step.text += line.toString() + QLatin1Char('\n');
    const auto page = pageFromKey(object.value(QStringLiteral("page")).toString());
    if (!page) {
        *error = fieldError(
            lesson.key, field + QStringLiteral(".page"),
            QStringLiteral("unknown page \u201c%1\u201d").arg(object.value(QStringLiteral("page")).toString()));
        return std::nullopt;
    }
    step.page = *page;
    for (const QJsonValue& run : object.value(QStringLiteral("runs")).toArray()) {
        if (!lesson.run(run.toString())) {
            *error = fieldError(lesson.key, field + QStringLiteral(".runs"),
                                QStringLiteral("no run \u201c%1\u201d in the lesson's runs").arg(run.toString()));
            return std::nullopt;
        }
        step.runs << run.toString();
    }
    step.userId = object.value(QStringLiteral("user")).toVariant().toString();
    step.tab = object.value(QStringLiteral("tab")).toString();
    step.metric = object.value(QStringLiteral("metric")).toString();
    step.rankBy = object.value(QStringLiteral("rank_by")).toString();
    step.worked = object.value(QStringLiteral("worked")).toString();
    if (object.contains(QStringLiteral("step")))
        step.step = object.value(QStringLiteral("step")).toInt();
    // [["tt0083907", 9], ...]: in the order the new user gives them.
    for (const QJsonValue& rating : object.value(QStringLiteral("ratings")).toArray())
        step.ratings.append({rating.toArray().at(0).toString(), rating.toArray().at(1).toDouble()});
    return step;
}

} // namespace

const LessonRun* Lesson::run(const QString& runKey) const
{
    for (const LessonRun& r : runs)
        if (r.key == runKey)
            return &r;
    return nullptr;
}

LessonParse parseLesson(const QByteArray& json, const QString& key)
{
    LessonParse result;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (document.isNull() || !document.isObject()) {
        result.error = QStringLiteral("lesson %1: not a JSON object (%2 at offset %3)")
                           .arg(key, parseError.errorString())
                           .arg(parseError.offset);
        return result;
    }
    const QJsonObject object = document.object();
    Lesson lesson;
    lesson.key = key;
    lesson.title = object.value(QStringLiteral("title")).toString();
    lesson.summary = object.value(QStringLiteral("summary")).toString();
    lesson.dataset = object.value(QStringLiteral("dataset")).toString();
    if (lesson.title.isEmpty()) {
        result.error = fieldError(key, QStringLiteral("title"), QStringLiteral("missing"));
        return result;
    }
    const QJsonArray runs = object.value(QStringLiteral("runs")).toArray();
    for (int i = 0; i < runs.size(); ++i) {
        auto run = parseRun(runs.at(i), key, i, &result.error);
        if (!run)
            return result;
        if (lesson.run(run->key)) {
            result.error = fieldError(key, QStringLiteral("runs[%1].key").arg(i),
                                      QStringLiteral("\u201c%1\u201d is used twice").arg(run->key));
            return result;
        }
        lesson.runs.append(*run);
    }
    const QJsonArray steps = object.value(QStringLiteral("steps")).toArray();
    if (steps.isEmpty()) {
        result.error = fieldError(key, QStringLiteral("steps"), QStringLiteral("a lesson needs at least one step"));
        return result;
    }
    for (int i = 0; i < steps.size(); ++i) {
        auto step = parseStep(steps.at(i), lesson, i, &result.error);
        if (!step)
            return result;
        lesson.steps.append(*step);
    }
    result.lesson = std::move(lesson);
    return result;
}

QVector<Lesson> loadLessons(const QString& folder, QStringList* errors)
{
    QVector<Lesson> lessons;
    const QDir dir(folder);
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            if (errors)
                errors->append(QStringLiteral("%1: %2").arg(file.fileName(), file.errorString()));
            continue;
        }
        auto parsed = parseLesson(file.readAll(), QFileInfo(name).completeBaseName());
        if (parsed.lesson)
            lessons.append(*parsed.lesson);
        else if (errors)
            errors->append(parsed.error);
    }
    return lessons;
}

} // namespace fsr::ui
