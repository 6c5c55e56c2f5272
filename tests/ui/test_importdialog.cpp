#include "appsettings.h"
#include "dialogs/csvmappingwidget.h"
#include "dialogs/importdialog.h"
#include "uitestsupport.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QPushButton>
#include <QStandardItemModel>
#include <QtTest>

using namespace fsr;
using namespace fsr::ui;

/// The import dialog: preview, header detection, column mapping and name validation.
class TestImportDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { uitest::prepareEnvironment(); }

    void movieTweetingsFolderPreviewsFourNamedColumns()
    {
        ImportDialog dialog({});
        dialog.setFormat(ImportFormat::MovieTweetings);
        dialog.setPath(uitest::fixture("tiny-movietweetings"));
        dialog.refreshPreview();
        QStandardItemModel* preview = dialog.previewModel();
        QCOMPARE(preview->columnCount(), 4);
        QCOMPARE(preview->rowCount(), 20); // the fixture has 24 rows; the preview stops at 20
        QCOMPARE(preview->headerData(2, Qt::Horizontal).toString(), QStringLiteral("Rating"));
        QCOMPARE(preview->item(0, 1)->text(), QStringLiteral("0068646"));      // ids keep their leading zeros
        QCOMPARE(dialog.datasetName(), QStringLiteral("tiny-movietweetings")); // suggested from the folder
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
        QVERIFY(importButton(dialog)->isEnabled());
        QCOMPARE(dialog.request().format, ImportFormat::MovieTweetings);
    }

    void suggestedNameAvoidsTakenNames()
    {
        ImportDialog dialog({QStringLiteral("tiny-movietweetings")});
        dialog.setFormat(ImportFormat::MovieTweetings);
        dialog.setPath(uitest::fixture("tiny-movietweetings"));
        QCOMPARE(dialog.datasetName(), QStringLiteral("tiny-movietweetings-2"));
    }

    void nameMustBeNewAndNonEmpty_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("new") << QStringLiteral("fresh") << true;
        QTest::newRow("taken") << QStringLiteral("taken") << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("blank") << QStringLiteral("   ") << false;
    }

    void nameMustBeNewAndNonEmpty()
    {
        QFETCH(QString, name);
        QFETCH(bool, accepted);
        ImportDialog dialog({QStringLiteral("taken")});
        dialog.setFormat(ImportFormat::MovieTweetings);
        dialog.setPath(uitest::fixture("tiny-movietweetings"));
        dialog.refreshPreview();
        dialog.setDatasetName(name);
        QCOMPARE(importButton(dialog)->isEnabled(), accepted);
        QCOMPARE(dialog.problem().isEmpty(), accepted);
    }

    void missingPathIsAnInlineError()
    {
        ImportDialog dialog({});
        dialog.setFormat(ImportFormat::MovieTweetings);
        dialog.setPath(uitest::fixture("no-such-folder"));
        dialog.refreshPreview();
        QVERIFY2(dialog.problem().contains(QStringLiteral("no such file")), qPrintable(dialog.problem()));
        QCOMPARE(dialog.previewModel()->rowCount(), 0);
        QVERIFY(!importButton(dialog)->isEnabled());
    }

    void csvHeaderIsDetectedAndRolesGuessed()
    {
        ImportDialog dialog({});
        dialog.setFormat(ImportFormat::Csv);
        QVERIFY(dialog.findChild<QGroupBox*>()->isVisibleTo(&dialog));
        dialog.setPath(uitest::fixture("csv/ratings.csv"));
        dialog.refreshPreview();
        CsvMappingWidget* csv = dialog.csvMapping();
        QCOMPARE(csv->columnCount(), 4);
        QCOMPARE(csv->delimiter(), ',');
        QCOMPARE(dialog.previewModel()->rowCount(), 7); // the header row is not data
        QVERIFY(dialog.previewModel()->headerData(0, Qt::Horizontal).toString().startsWith(QStringLiteral("userId")));
        const CsvMapping mapping = dialog.request().csv;
        QCOMPARE(mapping.userColumn, 0);
        QCOMPARE(mapping.itemColumn, 1);
        QCOMPARE(mapping.ratingColumn, 2);
        QCOMPARE(mapping.timestampColumn, 3);
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
    }

    void csvMappingNeedsEachRoleOnce()
    {
        ImportDialog dialog({});
        dialog.setFormat(ImportFormat::Csv);
        dialog.setPath(uitest::fixture("csv/ratings.csv"));
        dialog.refreshPreview();
        CsvMappingWidget* csv = dialog.csvMapping();
        csv->setRole(2, CsvMappingWidget::Role::Ignore);
        QVERIFY(dialog.problem().contains(QStringLiteral("rating")));
        QVERIFY(!importButton(dialog)->isEnabled());
        csv->setRole(2, CsvMappingWidget::Role::User);
        QVERIFY(dialog.problem().contains(QStringLiteral("Only one column")));
        csv->setRole(2, CsvMappingWidget::Role::Rating);
        QVERIFY(dialog.problem().isEmpty());
        QVERIFY(importButton(dialog)->isEnabled());
    }

    void changingTheDelimiterRereadsThePreview()
    {
        ImportDialog dialog({});
        dialog.setFormat(ImportFormat::Csv);
        dialog.setPath(uitest::fixture("csv/ratings.csv"));
        dialog.refreshPreview();
        QCOMPARE(dialog.previewModel()->columnCount(), 4);
        dialog.csvMapping()->setDelimiter(';');
        // Re-read after a short debounce, without blocking the event loop.
        QTRY_COMPARE(dialog.previewModel()->columnCount(), 1);
        QVERIFY(!importButton(dialog)->isEnabled());
    }

    void folderFormatsRejectAFileForCsvAndViceVersa()
    {
        ImportDialog dialog({});
        dialog.setFormat(ImportFormat::Csv);
        dialog.setPath(uitest::fixture("tiny-movietweetings"));
        dialog.refreshPreview();
        QVERIFY2(dialog.problem().contains(QStringLiteral("folder")), qPrintable(dialog.problem()));
    }

    void acceptingRemembersTheFolderAndFormat()
    {
        {
            ImportDialog dialog({});
            dialog.setFormat(ImportFormat::Csv);
            dialog.setPath(uitest::fixture("csv/ratings.csv"));
            dialog.refreshPreview();
            QVERIFY(importButton(dialog)->isEnabled());
            importButton(dialog)->click();
            QCOMPARE(dialog.result(), static_cast<int>(QDialog::Accepted));
        }
        const auto settings = openSettings();
        QCOMPARE(settings->value(settingskey::lastImportFolder).toString(),
                 QFileInfo(uitest::fixture("csv/ratings.csv")).absolutePath());
        ImportDialog next({});
        QCOMPARE(next.format(), ImportFormat::Csv);
        settings->remove(settingskey::lastImportFormat);
    }

private:
    static QPushButton* importButton(const ImportDialog& dialog)
    {
        return dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    }
};

QTEST_MAIN(TestImportDialog)
#include "test_importdialog.moc"
