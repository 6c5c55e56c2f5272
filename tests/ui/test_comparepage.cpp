#include "charts/metricbarchartview.h"
#include "charts/pairedscatterview.h"
#include "charts/runcurvechartview.h"
#include "compare/comparisonreport.h"
#include "compare/runcatalog.h"
#include "compare/runtablemodel.h"
#include "mainwindow.h"
#include "pages/comparepage.h"
#include "test_runfixture.h"
#include "uitestsupport.h"
#include "widgets/emptystate.h"

#include <QComboBox>
#include <QDir>
#include <QTabWidget>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QRegularExpression>
#include <QSignalSpy>

#include <QTableView>
#include <QtTest>
#include <sys/stat.h>

using namespace fsr;
using namespace fsr::ui;

namespace {

QString readText(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// The images a page embeds, decoded: each data: URI has to be a picture a browser can show.
QList<QImage> embeddedImages(const QString& html)
{
    QList<QImage> images;
    const QRegularExpression uri(QStringLiteral("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\""));
    for (auto match = uri.globalMatch(html); match.hasNext();)
        images << QImage::fromData(QByteArray::fromBase64(match.next().captured(1).toLatin1()), "PNG");
    return images;
}

} // namespace

/// The compare page over a database with two finished runs.
class TestComparePage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        uitest::prepareEnvironment();
        QString error;
        QVERIFY2(m_runs.create(&error), qPrintable(error));
    }

    void init()
    {
        m_window = std::make_unique<MainWindow>();
        QVERIFY(m_window->openDatabase(m_runs.databasePath));
        m_window->showPage(PageId::Compare);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_page = qobject_cast<ComparePage*>(m_window->page(PageId::Compare));
        QVERIFY(m_page);
    }

    void cleanup() { m_window.reset(); }

    void listsBothRunsWithMetrics()
    {
        RunTableModel* model = m_page->model();
        QCOMPARE(model->rowCount(), 2);
        const int mfRow = model->rowOf(m_runs.mfRun);
        QVERIFY(mfRow >= 0);
        QCOMPARE(model->index(mfRow, RunTableModel::Model).data().toString(), QStringLiteral("biased-mf"));
        QCOMPARE(model->index(mfRow, RunTableModel::Method).data().toString(), QStringLiteral("fine-tune"));
        QCOMPARE(model->index(mfRow, RunTableModel::Status).data().toString(), QStringLiteral("finished"));
        QCOMPARE(model->index(mfRow, RunTableModel::Support).data().toString(), QStringLiteral("all"));
        const double mae = model->index(mfRow, RunTableModel::Mae).data(RunTableModel::SortRole).toDouble();
        QVERIFY(mae > 0 && mae < 4);
        QVERIFY(!model->index(mfRow, RunTableModel::Mae).data().toString().isEmpty());
    }

    void sortsByMetric()
    {
        QTableView* table = m_page->table();
        table->sortByColumn(RunTableModel::Rmse, Qt::AscendingOrder);
        const double first = table->model()->index(0, RunTableModel::Rmse).data(RunTableModel::SortRole).toDouble();
        const double second = table->model()->index(1, RunTableModel::Rmse).data(RunTableModel::SortRole).toDouble();
        QVERIFY(first <= second);
    }

    void chartsShowOneLinePerSelectedRun()
    {
        m_page->selectRuns({m_runs.mfRun, m_runs.attentionRun});
        QCOMPARE(m_page->selectedRunIds().size(), 2);
        QTRY_COMPARE(m_page->kshotChart()->seriesCount(), 2);
        // Support sizes 1, 3, 5, all: one point each.
        QCOMPARE(m_page->kshotChart()->data().xCategories,
                 QStringList({QStringLiteral("1"), QStringLiteral("3"), QStringLiteral("5"), QStringLiteral("all")}));
        for (const RunCurveSeries& line : m_page->kshotChart()->data().series)
            QCOMPARE(line.points.size(), 4);
        QTRY_COMPARE(m_page->barChart()->barSetCount(), 2); // before and after
        QCOMPARE(m_page->barChart()->data().categories.size(), 2);
        QTRY_VERIFY(m_page->curveChart()->seriesCount() >= 1);

        m_page->setMetric(QStringLiteral("rmse"));
        QTRY_VERIFY(m_page->kshotChart()->data().title.startsWith(QStringLiteral("RMSE")));
        m_page->setMetric(QStringLiteral("ndcg@10"));
        QTRY_VERIFY(m_page->kshotChart()->data().title.startsWith(QStringLiteral("nDCG@10")));

        m_page->selectRuns({m_runs.mfRun});
        QTRY_COMPARE(m_page->kshotChart()->seriesCount(), 1);
    }

    void twoRunsArePairedUserByUser()
    {
        m_page->selectRuns({m_runs.mfRun, m_runs.attentionRun});
        m_page->setMetric(QStringLiteral("ndcg@10"));
        QTRY_VERIFY(m_page->paired().has_value());
        const PairedRuns& paired = *m_page->paired();
        QCOMPARE(m_page->pairedSupport()->currentText(), QStringLiteral("all")); // the largest both have
        QVERIFY(paired.test.pairs >= 20);                                        // 20% of the synthetic users
        QCOMPARE(paired.test.firstBetter + paired.test.secondBetter + paired.test.ties, paired.test.pairs);
        QCOMPARE(m_page->pairedChart()->data().points.size(), paired.test.pairs);
        const QString summary = m_page->pairedSummary()->text();
        QVERIFY2(summary.contains(QStringLiteral("Wilcoxon")) && summary.contains(QStringLiteral("sign test")),
                 qPrintable(summary));

        m_page->pairedSupport()->setCurrentText(QStringLiteral("1"));
        QTRY_COMPARE(m_page->pairedChart()->data().title, QStringLiteral("nDCG@10 per user at K = 1"));

        // A point opens that user of the first run on the Users page.
        QSignalSpy opened(m_page, &ComparePage::userRequested);
        Q_EMIT m_page->pairedChart()->pointClicked(0);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(m_window->currentPage(), PageId::Users);
        QCOMPARE(opened.first().at(1).toString(), QString::fromStdString(m_page->paired()->externalIds.front()));

        m_page->selectRuns({m_runs.mfRun});
        QTRY_VERIFY(m_page->pairedChart()->isShowingMessage());
        QVERIFY(m_page->pairedChart()->messageText().contains(QStringLiteral("exactly two runs")));
    }

    void contextSelectsRunsAndTab()
    {
        PageContext context;
        context.runIds = {m_runs.mfRun, m_runs.attentionRun};
        context.runId = m_runs.mfRun;
        context.tab = QStringLiteral("activity");
        m_window->setContext(context);
        QTRY_COMPARE(m_page->selectedRunIds().size(), 2);
        QCOMPARE(m_page->findChild<QTabWidget*>(QStringLiteral("chartTabs"))->currentWidget(),
                 static_cast<QWidget*>(m_page->activityChart()));
    }

    void contextSetsTheMetric()
    {
        PageContext context;
        context.runIds = {m_runs.mfRun, m_runs.attentionRun};
        context.runId = m_runs.mfRun;
        context.metric = QStringLiteral("ndcg@10");
        m_window->setContext(context);
        QCOMPARE(m_page->metric(), QStringLiteral("ndcg@10"));
        context.runIds.clear(); // a metric alone keeps the runs
        context.runId.reset();
        context.metric = QStringLiteral("mae");
        m_window->setContext(context);
        QCOMPARE(m_page->metric(), QStringLiteral("mae"));
        QCOMPARE(m_page->selectedRunIds().size(), 2);
    }

    void activityBreakdownHasABarPerRunAndBucket()
    {
        m_page->selectRuns({m_runs.mfRun, m_runs.attentionRun});
        m_page->setMetric(QStringLiteral("mae"));
        QTRY_COMPARE(m_page->activityChart()->barSetCount(), 2);
        const MetricBarChartData& data = m_page->activityChart()->data();
        QVERIFY(data.categories.size() >= 2); // the synthetic users have 8 to 200 ratings
        QVERIFY(data.categories.first().startsWith(QStringLiteral("6-10"))
                || data.categories.first().startsWith(QStringLiteral("11-20")));
        for (const MetricBarSet& set : data.sets)
            for (double value : set.values)
                QVERIFY(std::isnan(value) || (value > 0 && value < 4)); // MAE on 1-5 stars
    }

    void noSelectionShowsMessagesNotEmptyCharts()
    {
        m_page->selectRuns({});
        QTRY_VERIFY(m_page->kshotChart()->isShowingMessage());
        QVERIFY(m_page->curveChart()->isShowingMessage());
        QVERIFY(m_page->barChart()->isShowingMessage());
        QTRY_VERIFY2(m_page->kshotChart()->messageText().contains(QStringLiteral("Select runs")),
                     qPrintable(m_page->kshotChart()->messageText()));
    }

    void exportsTableAsCsv()
    {
        const QString path = m_runs.dir.filePath(QStringLiteral("runs.csv"));
        QString error;
        QVERIFY2(m_page->exportCsv(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith(QStringLiteral("run_id,name,dataset,model,method")));
        QVERIFY(lines.join(QLatin1Char('\n')).contains(QStringLiteral(",biased-mf,fine-tune,")));
        QVERIFY(lines.join(QLatin1Char('\n')).contains(QStringLiteral(",attention,none,")));
    }

    void exportsChartsAsPngAndSvg()
    {
        m_page->selectRuns({m_runs.mfRun, m_runs.attentionRun});
        QTRY_COMPARE(m_page->kshotChart()->seriesCount(), 2);
        const QString png = m_runs.dir.filePath(QStringLiteral("kshot.png"));
        const QString svg = m_runs.dir.filePath(QStringLiteral("kshot.svg"));
        QVERIFY(m_page->kshotChart()->exportImage(png));
        QVERIFY(m_page->kshotChart()->exportImage(svg));
        QImage image(png);
        QVERIFY(!image.isNull());
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("<svg"));
    }

    void reportHoldsTableChartsAndPairedTest()
    {
        m_page->selectRuns({m_runs.mfRun, m_runs.attentionRun});
        m_page->setMetric(QStringLiteral("ndcg@10"));
        QTRY_VERIFY(m_page->paired().has_value());
        const QString path = m_runs.dir.filePath(QStringLiteral("paired.html"));
        QString error;
        QVERIFY2(m_page->exportReport(path, &error), qPrintable(error));
        const QString html = readText(path);
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));

        // Each run as the table shows it: its label, dataset and metric cells.
        RunTableModel* model = m_page->model();
        for (qint64 id : {m_runs.mfRun, m_runs.attentionRun}) {
            const int row = model->rowOf(id);
            QVERIFY(html.contains(model->runAt(row)->label().toHtmlEscaped()));
            for (int column : {int(RunTableModel::Mae), int(RunTableModel::Rmse), int(RunTableModel::Ndcg)}) {
                const QString cell = model->index(row, column).data().toString();
                QVERIFY2(html.contains(QStringLiteral(">%1</td>").arg(cell.toHtmlEscaped())), qPrintable(cell));
            }
        }
        QVERIFY(html.contains(QStringLiteral("user-cold-start: 8\u2013200 ratings")));

        // Self-contained: the K-shot chart, the scatter and the breakdown drawn in, nothing fetched.
        const QList<QImage> images = embeddedImages(html);
        QCOMPARE(images.size(), 3);
        for (const QImage& image : images) // a hidden tab's chart drawn at its tab's size, not a sliver
            QVERIFY(!image.isNull() && image.width() >= 200 && image.height() >= 150);
        QVERIFY(!html.contains(QStringLiteral("http://")));
        QVERIFY(!html.contains(QStringLiteral("https://")));
        QVERIFY(!html.contains(QStringLiteral("src=\"file")));

        // The paired test as the page computed it.
        const PairedTest& test = m_page->paired()->test;
        QVERIFY(html.contains(QStringLiteral("Wilcoxon")));
        QVERIFY(html.contains(QStringLiteral(">%1</td>").arg(ComparisonReport::formatP(test.wilcoxonP).toHtmlEscaped())));
        QVERIFY(html.contains(QStringLiteral(">%1</td>").arg(ComparisonReport::formatP(test.signP).toHtmlEscaped())));
        QVERIFY(html.contains(QStringLiteral("<td>Tied</td><td class=\"number\">%1</td>").arg(test.ties)));
        const ComparisonReportContent content = m_page->reportContent();
        QVERIFY(content.paired.has_value());
        QCOMPARE(content.paired->firstBetter, test.firstBetter);
        QCOMPARE(content.paired->secondBetter, test.secondBetter);
        QCOMPARE(content.activity.headers.size(), 3); // the bucket and a column per run
        QCOMPARE(content.activity.rows.size(), m_page->activityChart()->data().categories.size());
    }

    void reportOfOneRunLeavesThePairedTestOut()
    {
        m_page->selectRuns({m_runs.attentionRun});
        const QString path = m_runs.dir.filePath(QStringLiteral("single.html"));
        QString error;
        QVERIFY2(m_page->exportReport(path, &error), qPrintable(error));
        const QString html = readText(path);
        const RunTableModel* model = m_page->model();
        QVERIFY(html.contains(model->runAt(model->rowOf(m_runs.attentionRun))->label().toHtmlEscaped()));
        QVERIFY(!html.contains(model->runAt(model->rowOf(m_runs.mfRun))->label().toHtmlEscaped()));
        QVERIFY(!html.contains(QStringLiteral("Wilcoxon")));
        QCOMPARE(embeddedImages(html).size(), 2); // K-shot and breakdown
    }

    void reportToAnUnwritablePathSaysWhichFile()
    {
        m_page->selectRuns({m_runs.mfRun});
        const QString path = m_runs.dir.filePath(QStringLiteral("no-such-folder/report.html"));
        QString error;
        QVERIFY(!m_page->exportReport(path, &error));
        QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
        QVERIFY(!QFile::exists(path));
    }

    void reportEscapesText()
    {
        ComparisonReportContent content;
        content.title = QStringLiteral("Runs <b>& co");
        content.metric = QStringLiteral("MAE");
        content.metrics.headers = QStringList {QStringLiteral("Name")};
        content.metrics.rows = {QStringList {QStringLiteral("<script>x</script>")}};
        const QString html = ComparisonReport(content).toHtml();
        QVERIFY(html.contains(QStringLiteral("Runs &lt;b&gt;&amp; co")));
        QVERIFY(html.contains(QStringLiteral("&lt;script&gt;x&lt;/script&gt;")));
        QVERIFY(!html.contains(QStringLiteral("<script>")));
        QVERIFY(!html.contains(QStringLiteral("Wilcoxon")));
        QVERIFY(html.contains(QStringLiteral("could not be drawn"))); // no K-shot image given
    }

    void renameShowsInTableAndCharts()
    {
        QString error;
        QVERIFY2(RunCatalog::rename(m_runs.databasePath, m_runs.mfRun, QStringLiteral("my baseline"), &error),
                 qPrintable(error));
        m_page->reload();
        const int row = m_page->model()->rowOf(m_runs.mfRun);
        QCOMPARE(m_page->model()->index(row, RunTableModel::Name).data().toString(), QStringLiteral("my baseline"));
        m_page->selectRuns({m_runs.mfRun});
        QTRY_COMPARE(m_page->kshotChart()->seriesCount(), 1);
        QCOMPARE(m_page->kshotChart()->data().series.front().name, QStringLiteral("#%1 my baseline").arg(m_runs.mfRun));
    }

    void contextRunIsSelected()
    {
        PageContext context;
        context.runId = m_runs.attentionRun;
        m_window->setContext(context);
        QCOMPARE(m_page->selectedRunIds(), QList<qint64>({m_runs.attentionRun}));
    }

    void emptyDatabaseSaysHowToMakeRuns()
    {
        const QString empty = m_runs.dir.filePath(QStringLiteral("empty.sqlite"));
        QVERIFY(m_window->openDatabase(empty));
        QCOMPARE(m_page->model()->rowCount(), 0);
        auto* state = m_page->findChild<EmptyState*>(QStringLiteral("noRunsState"));
        QVERIFY(state && state->isVisible());
        QVERIFY(state->message().contains(QStringLiteral("Experiment")));
    }

    void readOnlyDatabaseListsItsRuns()
    {
        // A read-only copy whose newest run was left "running" by a process that is gone: listed,
        // as interrupted, and the file stays as it was.
        const QString copy = m_runs.dir.filePath(QStringLiteral("readonly.sqlite"));
        {
            auto store = Store::open(m_runs.databasePath.toStdString());
            QVERIFY(store.ok());
            store->db().exec("VACUUM INTO '" + copy.toStdString() + "'");
        }
        {
            auto store = Store::open(copy.toStdString());
            QVERIFY(store.ok());
            store->db().exec("UPDATE runs SET status = 'running', pid = 999999999 WHERE id = "
                             + std::to_string(m_runs.attentionRun));
        }
        QVERIFY(::chmod(copy.toLocal8Bit().constData(), 0444) == 0);
        QFile file(copy);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray before = file.readAll();
        file.close();
        QVERIFY(m_window->openDatabase(copy));
        RunTableModel* model = m_page->model();
        QCOMPARE(model->rowCount(), 2);
        const int row = model->rowOf(m_runs.attentionRun);
        QVERIFY(row >= 0);
        QCOMPARE(model->index(row, RunTableModel::Status).data().toString(), QStringLiteral("interrupted"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before);
    }

    // Last: these change the shared database.
    void deletedRunLeavesTheTable()
    {
        QString error;
        QVERIFY2(RunCatalog::remove(m_runs.databasePath, m_runs.mfRun, &error), qPrintable(error));
        m_page->reload();
        QCOMPARE(m_page->model()->rowCount(), 1);
        QCOMPARE(m_page->model()->rowOf(m_runs.mfRun), -1);
    }

    void runsOfADeletedOrReplacedDatasetAreMarked()
    {
        {
            auto store = Store::open(m_runs.databasePath.toStdString());
            QVERIFY(store.ok());
            QVERIFY(store->deleteDataset("synthetic").ok());
        }
        m_page->reload();
        RunTableModel* model = m_page->model();
        const QModelIndex dataset = model->index(model->rowOf(m_runs.attentionRun), RunTableModel::Dataset);
        QCOMPARE(dataset.data().toString(), QStringLiteral("synthetic (deleted)"));
        QVERIFY2(dataset.data(Qt::ToolTipRole).toString().contains(QStringLiteral("cannot be adapted")),
                 qPrintable(dataset.data(Qt::ToolTipRole).toString()));

        QCOMPARE(uitest::createSyntheticDatabase(m_runs.databasePath), QString()); // the same name again
        m_page->reload();
        const QModelIndex replaced = model->index(model->rowOf(m_runs.attentionRun), RunTableModel::Dataset);
        QCOMPARE(replaced.data().toString(), QStringLiteral("synthetic (replaced)"));
        QVERIFY(model->toCsv().contains(QStringLiteral("synthetic (replaced)")));
    }

    // Last: it adds a run on the replaced dataset.
    void runsOnAnotherSplitAreNotPaired()
    {
        QCOMPARE(uitest::createSyntheticDatabase(m_runs.databasePath).isEmpty(), false); // the name is taken
        const auto config = parseExperimentConfig(R"({"dataset": "synthetic", "seed": 4, "device": "cpu",
            "protocol": {"kind": "user-cold-start", "min_ratings": 8, "query_size": 5, "support_sizes": [1, "all"]},
            "model": {"kind": "bias-foldin"}, "method": {"kind": "none"}})");
        QVERIFY(config.ok());
        NullProgressSink sink;
        const auto other = ExperimentRunner(m_runs.databasePath.toStdString(), *config, makeLearner).run(sink);
        QVERIFY2(other.ok(), other.ok() ? "" : other.error().message.c_str());
        m_page->reload();
        m_page->selectRuns({m_runs.attentionRun, other->runId}); // the fine-tune run was deleted above
        QTRY_VERIFY(
            m_page->pairedChart()->isShowingMessage()
            && m_page->pairedChart()->messageText().contains(QStringLiteral("cannot be compared user by user")));
        QVERIFY(!m_page->paired().has_value());
    }

private:
    uitest::RunFixture m_runs;
    std::unique_ptr<MainWindow> m_window;
    ComparePage* m_page = nullptr;
};

QTEST_MAIN(TestComparePage)
#include "test_comparepage.moc"
