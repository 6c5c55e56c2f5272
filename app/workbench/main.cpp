// fsr-workbench: the GUI. Parses the command line and hands over to ui/.
#include "lessons/lessonsession.h"
#include "mainwindow.h"
#include "pages/comparepage.h"
#include "pages/page.h"
#include "screenshot.h"
#include "store/store.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QMessageBox>
#include <QRegularExpression>

#include <cstdio>

namespace {

/// The workbench's options; one definition serves the display-less help path and the GUI.
struct Options {
    QCommandLineOption db {QStringLiteral("db"), QStringLiteral("Database file (shared with the fsr CLI)."),
                           QStringLiteral("FILE"), QString::fromStdString(fsr::Store::defaultPath())};
    QCommandLineOption page {
        QStringLiteral("page"),
        QStringLiteral("Page to open: datasets, experiment, training, compare, users, attention, sandbox, map, lessons."),
        QStringLiteral("PAGE")};
    QCommandLineOption run {QStringLiteral("run"),
                            QStringLiteral("Run to show (the sandbox shows up to three: repeat --run)."),
                            QStringLiteral("ID")};
    QCommandLineOption user {QStringLiteral("user"), QStringLiteral("User to show."), QStringLiteral("USER")};
    QCommandLineOption rate {QStringLiteral("rate"),
                             QStringLiteral("A sandbox rating, ITEM=RATING with the dataset's item id (repeatable)."),
                             QStringLiteral("ITEM=RATING")};
    QCommandLineOption step {QStringLiteral("step"),
                             QStringLiteral("Map page: show the adaptation after this many inner steps."),
                             QStringLiteral("S")};
    QCommandLineOption tab {QStringLiteral("tab"),
                            QStringLiteral("Compare page: the chart tab to show (curves, bars, paired, activity)."),
                            QStringLiteral("NAME")};
    QCommandLineOption lesson {QStringLiteral("lesson"),
                               QStringLiteral("Start a lesson (its file name in resources/lessons without .json)."),
                               QStringLiteral("NAME")};
    QCommandLineOption lessonStep {QStringLiteral("lesson-step"),
                                   QStringLiteral("With --lesson: open the lesson at this step (1 = the first)."),
                                   QStringLiteral("N")};
    QCommandLineOption presentation {
        QStringLiteral("presentation"),
        QStringLiteral("Start in presentation mode: larger text, bolder charts, expert settings hidden (View menu, F5).")};
    QCommandLineOption screenshot {QStringLiteral("screenshot"),
                                   QStringLiteral("Render the window into a PNG file and exit."),
                                   QStringLiteral("PNG")};
    QCommandLineOption size {QStringLiteral("size"), QStringLiteral("Window size for --screenshot."),
                             QStringLiteral("WxH"), QStringLiteral("1280x800")};
};

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("fsr-workbench"));
#ifdef FSR_VERSION
    QCoreApplication::setApplicationVersion(QStringLiteral(FSR_VERSION));
#endif
}

void setUpParser(QCommandLineParser& parser, const Options& options)
{
    parser.setApplicationDescription(QStringLiteral("Few-Shot Recommender Workbench"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({options.db, options.page, options.run, options.user, options.rate, options.step, options.tab,
                       options.lesson, options.lessonStep, options.presentation, options.screenshot, options.size});
}

/// Answers --help and --version before any QApplication exists: QApplication connects to a
/// display first, and without one (ssh, a package build, a container) Qt aborts looking for xcb.
/// Returns only when neither was asked for; a parse error is left to the GUI path, which also
/// knows Qt's own options (-platform, -style).
void answerHelpOrVersion(int argc, char* argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    Options options;
    QCommandLineParser parser;
    setUpParser(parser, options);
    parser.parse(arguments); // options after an unknown one are still read
    const bool version = parser.isSet(QStringLiteral("version"));
    if (!version && !parser.isSet(QStringLiteral("help")) && !parser.isSet(QStringLiteral("help-all")))
        return;
    QCoreApplication app(argc, argv); // the help text's "Usage:" line names the program from it
    describeApplication();
    if (version)
        parser.showVersion(); // both exit(0), as QCommandLineParser::process would
    parser.showHelp(0);
}

} // namespace

int main(int argc, char* argv[])
{
    answerHelpOrVersion(argc, argv);
    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Few-Shot Recommender Workbench"));
    QApplication::setDesktopFileName(QStringLiteral("fsr-workbench"));

    const Options options;
    QCommandLineParser parser;
    setUpParser(parser, options);
    parser.process(app);

    const auto usageError = [](const QString& message) {
        std::fprintf(stderr, "fsr-workbench: %s\n", qPrintable(message));
        return 2;
    };
    // An empty --db (an unset shell variable) would open the default database unasked, as in fsr.
    if (parser.isSet(options.db) && parser.value(options.db).isEmpty())
        return usageError(QStringLiteral("--db: must name a file; leave --db out for the default database"));
    std::optional<fsr::ui::PageId> startPage;
    if (parser.isSet(options.page)) {
        startPage = fsr::ui::pageFromKey(parser.value(options.page));
        if (!startPage)
            return usageError(QStringLiteral("unknown page '%1'").arg(parser.value(options.page)));
    }
    fsr::ui::PageContext context;
    for (const QString& value : parser.values(options.run)) {
        bool ok = false;
        context.runIds << value.toLongLong(&ok);
        if (!ok)
            return usageError(QStringLiteral("--run needs a number"));
    }
    if (!context.runIds.isEmpty())
        context.runId = context.runIds.front();
    context.userId = parser.value(options.user);
    context.tab = parser.value(options.tab);
    if (!context.tab.isEmpty() && !fsr::ui::ComparePage::tabKeys().contains(context.tab))
        return usageError(QStringLiteral("--tab: unknown tab '%1' (one of %2)")
                              .arg(context.tab, fsr::ui::ComparePage::tabKeys().join(QStringLiteral(", "))));
    for (const QString& value : parser.values(options.rate)) {
        const int equals = static_cast<int>(value.lastIndexOf(QLatin1Char('=')));
        bool ok = false;
        const double rating = equals > 0 ? value.mid(equals + 1).toDouble(&ok) : 0.0;
        if (!ok)
            return usageError(QStringLiteral("--rate %1: expected ITEM=RATING, e.g. --rate 0114709=9").arg(value));
        context.ratings.append({value.left(equals), rating});
    }
    if (parser.isSet(options.step)) {
        bool ok = false;
        context.step = parser.value(options.step).toInt(&ok);
        if (!ok || *context.step < 0)
            return usageError(QStringLiteral("--step needs a number of steps, 0 or more"));
    }
    const auto sizeMatch = QRegularExpression(QStringLiteral("^(\\d+)x(\\d+)$")).match(parser.value(options.size));
    if (!sizeMatch.hasMatch())
        return usageError(QStringLiteral("--size needs WIDTHxHEIGHT, e.g. 1280x800"));
    // A screenshot is one raster image in memory: 8192 x 8192 is 256 MiB, and far larger sizes
    // crash inside Qt's raster engine.
    constexpr int kMaxSide = 8192;
    bool sizeOk = false;
    const int width = sizeMatch.captured(1).toInt(&sizeOk), height = sizeOk ? sizeMatch.captured(2).toInt(&sizeOk) : 0;
    if (!sizeOk || width < 1 || height < 1 || width > kMaxSide || height > kMaxSide)
        return usageError(QStringLiteral("--size: each side must be between 1 and %1 pixels").arg(kMaxSide));

    fsr::ui::MainWindow window;
    const bool screenshotMode = parser.isSet(options.screenshot);
    if (!screenshotMode)
        window.restoreState(); // screenshots do not depend on the user's last session
    QString databaseError;
    const bool opened = window.openDatabase(parser.value(options.db), &databaseError);
    if (!opened && screenshotMode) {
        std::fprintf(stderr, "fsr-workbench: %s\n", qPrintable(databaseError));
        return 3;
    }
    if (parser.isSet(options.presentation))
        window.setPresentationMode(true);
    if (startPage)
        window.showPage(*startPage);
    window.setContext(context);
    if (parser.isSet(options.lesson)) {
        window.lesson()->setTrainsMissingRuns(!screenshotMode);
        if (!window.startLesson(parser.value(options.lesson)))
            return usageError(QStringLiteral("--lesson: no lesson '%1'").arg(parser.value(options.lesson)));
        bool ok = true;
        const int lessonStep = parser.isSet(options.lessonStep) ? parser.value(options.lessonStep).toInt(&ok) : 1;
        if (!ok || lessonStep < 1 || lessonStep > window.lesson()->stepCount())
            return usageError(QStringLiteral("--lesson-step: the lesson has steps 1 to %1").arg(window.lesson()->stepCount()));
        window.lesson()->goTo(lessonStep - 1);
    }

    if (!screenshotMode) {
        window.show();
        if (!opened) // the window still opens, so File > Open can pick another file
            QMessageBox::warning(&window, window.windowTitle(), databaseError);
        return app.exec();
    }
    window.resize(width, height);
    window.show();
    fsr::ui::Screenshot shot(&window, parser.value(options.screenshot));
    int status = 0;
    QObject::connect(&shot, &fsr::ui::Screenshot::done, &app, [&status](bool ok, const QString& message) {
        std::fprintf(ok ? stdout : stderr, "fsr-workbench: %s\n", qPrintable(message));
        status = ok ? 0 : 1;
        QApplication::quit();
    });
    shot.start();
    app.exec();
    return status;
}
