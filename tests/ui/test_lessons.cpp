#include "databasesession.h"
#include "experiment/runqueue.h"
#include "lessons/lesson.h"
#include "lessons/lessonpanel.h"
#include "lessons/lessonsession.h"
#include "lessons/lessontext.h"
#include "lessons/lessonworkedexample.h"
#include "mainwindow.h"
#include "pages/lessonspage.h"
#include "test_runfixture.h"
#include "uitestsupport.h"

#include <QDockWidget>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTextBrowser>
#include <QtTest>

using namespace fsr;
using namespace fsr::ui;

namespace {

QByteArray lessonJson(const QString& steps, const QString& runs = QStringLiteral("[]"))
{
    return QStringLiteral(R"({"title": "T", "runs": %1, "steps": %2})").arg(runs, steps).toUtf8();
}

/// The first sentence of a step's text without its placeholders: what the panel must show.
QString opening(const LessonStep& step)
{
    QString text = step.text.section(QLatin1Char('\n'), 0, 0);
    text = text.left(text.indexOf(QStringLiteral("{{"))).left(40);
    return text.remove(QLatin1Char('*')).remove(QLatin1Char('`')).trimmed();
}

} // namespace

/// Lessons: the bundled files, the parser's refusals, the placeholders, and stepping through
/// every lesson in the main window.
class TestLessons : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        uitest::prepareEnvironment();
        QString error;
        QVERIFY2(m_runs.create(&error), qPrintable(error));
    }

    void bundledLessonsParse()
    {
        QStringList errors;
        const auto lessons = loadLessons(QStringLiteral(":/lessons"), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QVERIFY(lessons.size() >= 6);
        for (const Lesson& lesson : lessons) {
            QVERIFY2(!lesson.summary.isEmpty(), qPrintable(lesson.key));
            for (const LessonStep& step : lesson.steps) {
                QVERIFY2(!step.text.isEmpty() && !step.title.isEmpty(), qPrintable(lesson.key));
                QStringList missing;
                fillLessonText(step.text, {}, &missing);
                for (const QString& placeholder : std::as_const(missing)) // every placeholder names a run of the lesson
                    QVERIFY2(lesson.run(placeholder.section(QLatin1Char(':'), 0, 0)),
                             qPrintable(lesson.key + QStringLiteral(": ") + placeholder));
            }
        }
    }

    void parserNamesTheField_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << QByteArray("{") << "lesson bad: not a JSON object";
        QTest::newRow("no steps") << lessonJson(QStringLiteral("[]"))
                                  << "lesson bad: steps: a lesson needs at least one step";
        QTest::newRow("unknown page") << lessonJson(
            QStringLiteral(R"([{"title": "a", "page": "nowhere", "text": "x"}])"))
                                      << "steps[0].page: unknown page \u201cnowhere\u201d";
        QTest::newRow("unknown run") << lessonJson(
            QStringLiteral(R"([{"title": "a", "page": "users", "runs": ["r"], "text": "x"}])"))
                                     << "steps[0].runs: no run \u201cr\u201d";
        QTest::newRow("bad config")
            << lessonJson(QStringLiteral(R"([{"title": "a", "page": "users", "text": "x"}])"),
                          QStringLiteral(R"([{"key": "r", "config": {"dataset": "d", "model": {"kind": "nosuch"}}}])"))
            << "lesson bad: runs[0].config: protocol.kind";
    }
    void parserNamesTheField()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const auto parsed = parseLesson(json, QStringLiteral("bad"));
        QVERIFY(!parsed.lesson);
        QVERIFY2(parsed.error.contains(message), qPrintable(parsed.error));
    }

    void placeholdersTakeTheStoredValues()
    {
        RunEntry run;
        run.summary.id = 7;
        run.summary.model = "biased-mf";
        run.summary.method = "maml";
        run.summary.trainSeconds = 12.25;
        run.metrics["10"]["mae"] = 1.10456;
        QStringList missing;
        const QString text
            = fillLessonText(QStringLiteral(
                                 "MAE {{m:mae:10}}, {{m:label}}, {{m:train_seconds}}; {{m:mae:1}} {{x:mae:10}}"),
                             {{QStringLiteral("m"), &run}}, &missing);
        QCOMPARE(text, QStringLiteral("MAE 1.105, #7 biased-mf + maml, 12.3 s; \u2026 \u2026"));
        QCOMPARE(missing, (QStringList {QStringLiteral("m:mae:1"), QStringLiteral("x:mae:10")}));
    }

    void workedExampleAgreesWithUserKnn()
    {
        const QString board = workedExampleMarkdown(QStringLiteral("cf-by-hand"));
        QVERIFY2(board.contains(QStringLiteral("**The ratings**"))
                     && board.contains(QStringLiteral("**3. Similar users**")),
                 qPrintable(board));
        // "... = **2.89**" by hand and "predicts **2.89**" from the kind: the same number twice.
        const QRegularExpression byHand(QStringLiteral("prediction for [^\\n]* = \\*\\*([0-9.]+)\\*\\*")),
            kind(QStringLiteral("predicts \\*\\*([0-9.]+)\\*\\*"));
        const auto a = byHand.match(board), b = kind.match(board);
        QVERIFY2(a.hasMatch() && b.hasMatch(), qPrintable(board));
        QCOMPARE(a.captured(1), b.captured(1));
        QVERIFY(workedExampleMarkdown(QStringLiteral("nosuch")).contains(QStringLiteral("missing")));
    }

    void sessionFindsATrainedRunByItsConfig()
    {
        DatabaseSession database;
        QVERIFY(database.open(m_runs.databasePath));
        RunQueue queue;
        LessonSession session(&database, &queue);
        auto parsed = parseLesson(QStringLiteral(R"({"title": "T", "dataset": "synthetic",
            "runs": [{"key": "mf", "config": %1}],
            "steps": [{"title": "s", "page": "compare", "runs": ["mf"], "text": "MAE {{mf:mae:all}}"}]})")
                                      .arg(QString::fromStdString(
                                          uitest::RunFixture::configJson(uitest::RunFixture::kMfModelAndMethod)))
                                      .toUtf8(),
                                  QStringLiteral("t"));
        QVERIFY2(parsed.lesson, qPrintable(parsed.error));
        session.start(*parsed.lesson);
        QCOMPARE(session.runId(QStringLiteral("mf")), m_runs.mfRun);
        QVERIFY(!queue.isBusy()); // nothing to train
        QCOMPARE(session.status(), QString());
        QCOMPARE(session.context().runId, std::optional<qint64>(m_runs.mfRun));
        double mae = std::nan("");
        for (const RunEntry& entry : RunCatalog::load(m_runs.databasePath))
            if (entry.summary.id == m_runs.mfRun)
                mae = entry.metric("all", "mae");
        QCOMPARE(session.text(), QStringLiteral("MAE %1").arg(QLocale().toString(mae, 'f', 3)));
    }

    void sessionTrainsAMissingRunAndFillsItIn()
    {
        DatabaseSession database;
        QVERIFY(database.open(m_runs.databasePath));
        RunQueue queue;
        LessonSession session(&database, &queue);
        const QString config = QString::fromStdString(
            uitest::RunFixture::configJson(R"("model": {"kind": "popularity"}, "method": {"kind": "none"})"));
        auto parsed = parseLesson(QStringLiteral(R"({"title": "T", "dataset": "synthetic",
            "runs": [{"key": "pop", "title": "most popular", "config": %1}],
            "steps": [{"title": "s", "page": "compare", "runs": ["pop"], "text": "MAE {{pop:mae:all}}"}]})")
                                      .arg(config)
                                      .toUtf8(),
                                  QStringLiteral("t"));
        QVERIFY2(parsed.lesson, qPrintable(parsed.error));
        QSignalSpy changed(&session, &LessonSession::runsChanged);
        session.start(*parsed.lesson);
        QCOMPARE(session.runId(QStringLiteral("pop")), 0);
        QVERIFY(queue.isBusy() || queue.hasPending());
        QVERIFY2(session.status().contains(QStringLiteral("Training the lesson's runs: 0 of 1 ready")),
                 qPrintable(session.status()));
        // Started again while its run trains (or has just trained): not queued a second time.
        const auto queued = queue.runs().size();
        session.start(*parsed.lesson);
        QCOMPARE(queue.runs().size(), queued);
        QTRY_VERIFY_WITH_TIMEOUT(session.runId(QStringLiteral("pop")) != 0, 60000);
        QVERIFY(changed.count() >= 1);
        QCOMPARE(session.status(), QString());
        QCOMPARE(session.context().runId, std::optional<qint64>(session.runId(QStringLiteral("pop"))));
        QVERIFY2(!session.text().contains(QStringLiteral("\u2026")), qPrintable(session.text()));
        // A second start finds the run it trained instead of training it again.
        session.start(*parsed.lesson);
        QVERIFY(!queue.isBusy() && !queue.hasPending());
        queue.stop();
    }

    void sessionWaitsForAMissingDataset()
    {
        DatabaseSession database;
        QVERIFY(database.open(m_runs.databasePath));
        RunQueue queue;
        LessonSession session(&database, &queue);
        QStringList errors;
        const auto lessons = loadLessons(QStringLiteral(":/lessons"), &errors);
        QVERIFY(!lessons.isEmpty());
        session.start(lessons.last()); // trains on the bundled dataset, which the fixture lacks
        QVERIFY(!queue.isBusy() && !queue.hasPending());
        QVERIFY2(session.status().contains(QStringLiteral("does not have")), qPrintable(session.status()));
    }

    void everyLessonStepsThroughInTheWindow()
    {
        std::unique_ptr<MainWindow> window;
        uitest::openWindowOn(window, m_runs.databasePath, PageId::Lessons);
        if (QTest::currentTestFailed())
            return;
        auto* page = qobject_cast<LessonsPage*>(window->page(PageId::Lessons));
        QVERIFY(page);
        auto* dock = window->findChild<QDockWidget*>(QStringLiteral("lessonDock"));
        QVERIFY(dock && !dock->isVisible());
        LessonPanel* panel = window->lessonPanel();
        QStringList errors;
        const auto lessons = loadLessons(QStringLiteral(":/lessons"), &errors);
        QCOMPARE(page->list()->count(), static_cast<int>(lessons.size()));
        for (int l = 0; l < lessons.size(); ++l) {
            const Lesson& lesson = lessons[l];
            page->list()->setCurrentRow(l);
            window->showPage(PageId::Lessons);
            QTest::mouseClick(page->startButton(), Qt::LeftButton);
            QVERIFY(dock->isVisible());
            QVERIFY(!panel->backButton()->isEnabled());
            for (int s = 0; s < lesson.steps.size(); ++s) {
                const LessonStep& step = lesson.steps[s];
                const QString where = lesson.key + QStringLiteral(" step ") + QString::number(s + 1);
                QVERIFY2(panel->stepLabel()->text().startsWith(
                             QStringLiteral("Step %1 of %2").arg(s + 1).arg(lesson.steps.size())),
                         qPrintable(where));
                QCOMPARE(window->currentPage(), step.page);
                QVERIFY2(panel->textView()->toPlainText().contains(opening(step)), qPrintable(where));
                if (!step.worked.isEmpty())
                    QVERIFY2(page->board()->isVisible() && page->board()->toPlainText().contains(QStringLiteral("Ann")),
                             qPrintable(where));
                QCOMPARE(panel->nextButton()->isEnabled(), s + 1 < lesson.steps.size());
                if (s + 1 < lesson.steps.size())
                    QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
            }
            if (lesson.steps.size() > 1) {
                QTest::mouseClick(panel->backButton(), Qt::LeftButton);
                QCOMPARE(window->lesson()->stepIndex(), static_cast<int>(lesson.steps.size()) - 2);
                QCOMPARE(window->currentPage(), lesson.steps[lesson.steps.size() - 2].page);
            }
            QTest::mouseClick(panel->endButton(), Qt::LeftButton);
            QVERIFY(!dock->isVisible());
            QVERIFY(!window->lesson()->isActive());
        }
        // The fixture lacks the bundled dataset: nothing was queued.
        QVERIFY(!window->runQueue()->hasPending() && !window->runQueue()->isBusy());
        window->close();
    }

private:
    uitest::RunFixture m_runs;
};

QTEST_MAIN(TestLessons)
#include "test_lessons.moc"
