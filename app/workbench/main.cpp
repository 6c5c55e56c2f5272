// fsr-workbench: the GUI. Parses the command line and hands over to ui/.
#include "mainwindow.h"
#include "pages/page.h"
#include "screenshot.h"
#include "store/store.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QRegularExpression>

#include <cstdio>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("fsr-workbench"));
    QApplication::setApplicationDisplayName(QStringLiteral("Few-Shot Recommender Workbench"));
#ifdef FSR_VERSION
    QApplication::setApplicationVersion(QStringLiteral(FSR_VERSION));
#endif
    QApplication::setDesktopFileName(QStringLiteral("fsr-workbench"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Few-Shot Recommender Workbench"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("Database file (shared with the fsr CLI)."),
                                QStringLiteral("FILE"), QString::fromStdString(fsr::Store::defaultPath()));
    const QCommandLineOption page(QStringLiteral("page"),
                                  QStringLiteral(
                                      "Page to open: datasets, experiment, training, compare, users, attention."),
                                  QStringLiteral("PAGE"));
    const QCommandLineOption run(QStringLiteral("run"), QStringLiteral("Run to show."), QStringLiteral("ID"));
    const QCommandLineOption user(QStringLiteral("user"), QStringLiteral("User to show."), QStringLiteral("USER"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the window into a PNG file and exit."),
                                        QStringLiteral("PNG"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size for --screenshot."),
                                  QStringLiteral("WxH"), QStringLiteral("1280x800"));
    parser.addOptions({db, page, run, user, screenshot, size});
    parser.process(app);

    const auto usageError = [](const QString& message) {
        std::fprintf(stderr, "fsr-workbench: %s\n", qPrintable(message));
        return 2;
    };
    // An empty --db (an unset shell variable) would open the default database unasked, as in fsr.
    if (parser.isSet(db) && parser.value(db).isEmpty())
        return usageError(QStringLiteral("--db: must name a file; leave --db out for the default database"));
    std::optional<fsr::ui::PageId> startPage;
    if (parser.isSet(page)) {
        startPage = fsr::ui::pageFromKey(parser.value(page));
        if (!startPage)
            return usageError(QStringLiteral("unknown page '%1'").arg(parser.value(page)));
    }
    fsr::ui::PageContext context;
    if (parser.isSet(run)) {
        bool ok = false;
        context.runId = parser.value(run).toLongLong(&ok);
        if (!ok)
            return usageError(QStringLiteral("--run needs a number"));
    }
    context.userId = parser.value(user);
    const auto sizeMatch = QRegularExpression(QStringLiteral("^(\\d+)x(\\d+)$")).match(parser.value(size));
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
    const bool screenshotMode = parser.isSet(screenshot);
    if (!screenshotMode)
        window.restoreState(); // screenshots do not depend on the user's last session
    QString databaseError;
    const bool opened = window.openDatabase(parser.value(db), &databaseError);
    if (!opened && screenshotMode) {
        std::fprintf(stderr, "fsr-workbench: %s\n", qPrintable(databaseError));
        return 3;
    }
    if (startPage)
        window.showPage(*startPage);
    window.setContext(context);

    if (!screenshotMode) {
        window.show();
        if (!opened) // the window still opens, so File > Open can pick another file
            QMessageBox::warning(&window, window.windowTitle(), databaseError);
        return app.exec();
    }
    window.resize(width, height);
    window.show();
    fsr::ui::Screenshot shot(&window, parser.value(screenshot));
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
