#include "appsettings.h"
#include "experiment/kindcatalog.h"
#include "experiment/parameterform.h"
#include "experiment/runqueue.h"
#include "mainwindow.h"
#include "pages/experimentpage.h"
#include "pages/trainingpage.h"
#include "test_experimentsupport.h"
#include "uitestsupport.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTextBrowser>
#include <QtTest>

using namespace fsr;
using namespace fsr::ui;

/// The Experiment page inside the real main window: generated forms, validation, presets,
/// explanations and remembered choices.
class TestExperimentPage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        uitest::prepareEnvironment();
        openSettings()->clear(); // remembered choices of an earlier run would change what the page shows
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("experiment.sqlite"));
        const QString error = uitest::createSyntheticDatabase(m_db);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void init()
    {
        m_window = std::make_unique<MainWindow>();
        QVERIFY(m_window->openDatabase(m_db));
        m_window->showPage(PageId::Experiment);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() { m_window.reset(); }

    void datasetIsOfferedAndDefaultsCanStart()
    {
        ExperimentPage* page = experimentPage();
        QCOMPARE(page->datasetCombo()->currentText(), QStringLiteral("synthetic"));
        selectKind(KindFamily::Model, QStringLiteral("biased-mf"));
        QVERIFY2(page->canStart(), qPrintable(page->problem()));
        QVERIFY(page->startButton()->isEnabled());
    }

    void formsFollowTheChosenKinds_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QStringList>("modelKeys");
        QTest::addColumn<QStringList>("methodKeys");
        QTest::addColumn<bool>("trains");
        QTest::newRow("global mean") << "global-mean"
                                     << "none" << QStringList() << QStringList() << false;
        QTest::newRow("user knn") << "user-knn"
                                  << "none" << QStringList {"neighbours", "shrinkage"} << QStringList() << false;
        QTest::newRow("mf + maml") << "biased-mf"
                                   << "maml" << QStringList {"dim"}
                                   << QStringList {"inner_lr", "inner_steps", "scope", "meta_batch"} << true;
        QTest::newRow("attention + online") << "attention"
                                            << "online" << QStringList {"dim", "hidden", "layers", "heads"}
                                            << QStringList {"inner_lr", "scope", "lambda"} << true;
        QTest::newRow("neural + distill")
            << "neural"
            << "distill" << QStringList {"dim", "hidden"}
            << QStringList {"inner_lr", "inner_steps", "scope", "alpha", "teacher_scale"} << true;
    }

    void formsFollowTheChosenKinds()
    {
        QFETCH(QString, model);
        QFETCH(QString, method);
        QFETCH(QStringList, modelKeys);
        QFETCH(QStringList, methodKeys);
        QFETCH(bool, trains);
        ExperimentPage* page = experimentPage();
        selectKind(KindFamily::Model, model);
        if (trains)
            selectKind(KindFamily::Method, method);
        QCOMPARE(page->kindCombo(KindFamily::Method)->isEnabled(), trains);
        QCOMPARE(page->kindCombo(KindFamily::Method)->currentData().toString(), method);
        for (const QString& key : QStringList {"dim", "hidden", "layers", "heads", "neighbours", "shrinkage"})
            QCOMPARE(page->form("model")->editor(key) != nullptr, modelKeys.contains(key));
        for (const QString& key :
             QStringList {"inner_lr", "inner_steps", "scope", "meta_batch", "alpha", "teacher_scale", "lambda"})
            QCOMPARE(page->form("method")->editor(key) != nullptr, methodKeys.contains(key));
        QCOMPARE(page->form("train")->editor("epochs") != nullptr, trains);
        QVERIFY2(page->canStart(), qPrintable(page->problem()));
    }

    void explanationFollowsTheChoices()
    {
        ExperimentPage* page = experimentPage();
        auto* explanation = page->findChild<QTextBrowser*>(QStringLiteral("explanation"));
        QVERIFY(explanation);
        selectKind(KindFamily::Model, QStringLiteral("biased-mf"));
        selectKind(KindFamily::Method, QStringLiteral("reptile"));
        const QString text = explanation->toPlainText();
        QVERIFY(text.contains(QStringLiteral("User cold-start")));
        QVERIFY(text.contains(QStringLiteral("Biased matrix factorisation")));
        QVERIFY(text.contains(QStringLiteral("Reptile")));
        QVERIFY(text.contains(QStringLiteral("Key formula")));
        // Every kind has its own explanation, none falls back to the placeholder.
        for (KindFamily family : {KindFamily::Protocol, KindFamily::Model, KindFamily::Method}) {
            // The pickers offer exactly the catalog's kinds.
            QCOMPARE(experimentPage()->kindCombo(family)->count(), static_cast<int>(kindsOf(family).size()));
            for (const QString& kind : kindsOf(family)) {
                selectKind(family, kind);
                QVERIFY2(!explanation->toPlainText().contains(QStringLiteral("No explanation")), qPrintable(kind));
            }
        }
    }

    void invalidValuesAreMarkedAndCannotStart_data()
    {
        QTest::addColumn<QString>("section");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("text");
        QTest::newRow("negative inner lr") << "method"
                                           << "inner_lr"
                                           << "-0.1";
        QTest::newRow("not a number") << "train"
                                      << "lr"
                                      << "fast";
        QTest::newRow("fractional epochs") << "train"
                                           << "epochs"
                                           << "2.5";
        QTest::newRow("bad support size") << "protocol"
                                          << "support_sizes"
                                          << "1, 0";
        QTest::newRow("duplicate support size") << "protocol"
                                                << "support_sizes"
                                                << "3, 3";
        QTest::newRow("cold fraction 1") << "protocol"
                                         << "cold_fraction"
                                         << "1";
        // Cross-field rule only core knows: the query must leave a support.
        QTest::newRow("query >= min ratings") << "protocol"
                                              << "query_size"
                                              << "20";
        QTest::newRow("empty") << "model"
                               << "dim"
                               << "";
    }

    void invalidValuesAreMarkedAndCannotStart()
    {
        QFETCH(QString, section);
        QFETCH(QString, key);
        QFETCH(QString, text);
        ExperimentPage* page = experimentPage();
        selectKind(KindFamily::Model, QStringLiteral("biased-mf"));
        selectKind(KindFamily::Method, QStringLiteral("maml"));
        QVERIFY(page->canStart());
        auto* edit = qobject_cast<QLineEdit*>(page->form(section)->editor(key));
        QVERIFY(edit);
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
        QVERIFY(!page->canStart());
        QVERIFY(!page->startButton()->isEnabled());
        QVERIFY(edit->property("invalid").toBool());
        auto* error = page->form(section)->findChild<QLabel*>(QStringLiteral("error_") + key);
        QVERIFY(error);
        QVERIFY(!error->text().isEmpty());
        // Widgets added to a shown layout appear on the next event loop turn.
        QTRY_VERIFY(error->isVisible());

        // Start refuses (with a message) and queues nothing.
        QCOMPARE(page->start(), 0);
        QVERIFY(m_window->runQueue()->runs().empty());
        QTRY_VERIFY(page->findChild<QWidget*>(QStringLiteral("experimentMessage")));
    }

    void presetLoadsWithOneClick()
    {
        ExperimentPage* page = experimentPage();
        QVERIFY(page->presetNames().contains(QStringLiteral("user-cold-start-neural-maml")));
        auto* presets = page->findChild<QComboBox*>(QStringLiteral("presetCombo"));
        presets->setCurrentText(QStringLiteral("user-cold-start-neural-maml"));
        QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("loadPresetButton")), Qt::LeftButton);
        QCOMPARE(page->kindCombo(KindFamily::Model)->currentData().toString(), QStringLiteral("neural"));
        QCOMPARE(page->kindCombo(KindFamily::Method)->currentData().toString(), QStringLiteral("maml"));
        QFile file(QStringLiteral(":/presets/user-cold-start-neural-maml.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject preset = QJsonDocument::fromJson(file.readAll()).object();
        const QJsonObject model = preset.value(QStringLiteral("model")).toObject();
        const QJsonObject method = preset.value(QStringLiteral("method")).toObject();
        QCOMPARE(qobject_cast<QComboBox*>(page->form("method")->editor("scope"))->currentText(),
                 method.value(QStringLiteral("scope")).toString());
        QCOMPARE(qobject_cast<QLineEdit*>(page->form("model")->editor("hidden"))->text(),
                 QString::number(model.value(QStringLiteral("hidden")).toInt()));
        // The preset names a dataset this database lacks: the page keeps its own and says so.
        QCOMPARE(page->datasetCombo()->currentText(), QStringLiteral("synthetic"));
        QVERIFY(page->findChild<QLabel*>(QStringLiteral("experimentStatus"))
                    ->text()
                    .contains(QStringLiteral("movietweetings")));
        QVERIFY2(page->canStart(), qPrintable(page->problem()));
    }

    void deviceSelectorSaysWhetherCudaIsAvailable()
    {
        auto* device = experimentPage()->findChild<QComboBox*>(QStringLiteral("deviceCombo"));
        QCOMPARE(device->count(), 3);
        const QString note = experimentPage()->findChild<QLabel*>(QStringLiteral("deviceNote"))->text();
        QVERIFY(note.contains(QStringLiteral("CUDA")));
        QVERIFY(
            m_window->findChild<QLabel*>(QStringLiteral("deviceLabel"))->text().startsWith(QStringLiteral("Device")));
    }

    void startQueuesTheRunAndChoicesAreRemembered()
    {
        ExperimentPage* page = experimentPage();
        page->applyConfig(uitest::fastConfig(1));
        auto* seed = page->findChild<QWidget*>(QStringLiteral("seedSpin"));
        QVERIFY(seed);
        page->findChild<QSpinBox*>(QStringLiteral("seedSpin"))->setValue(11);
        QVERIFY2(page->canStart(), qPrintable(page->problem()));
        QTest::mouseClick(page->startButton(), Qt::LeftButton);
        QCOMPARE(m_window->runQueue()->runs().size(), static_cast<std::size_t>(1));
        QCOMPARE(m_window->currentPage(), PageId::Training);
        const QueuedRun& run = m_window->runQueue()->runs().front();
        QVERIFY(run.configJson.contains(QStringLiteral("\"maml\"")));
        QVERIFY(run.configJson.contains(QStringLiteral("\"seed\": 11")));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->runQueue()->runs().front().state == RunState::Finished, 40000);

        // A new window starts from the last choices.
        m_window.reset();
        init();
        page = experimentPage();
        QCOMPARE(page->kindCombo(KindFamily::Method)->currentData().toString(), QStringLiteral("maml"));
        QCOMPARE(page->findChild<QSpinBox*>(QStringLiteral("seedSpin"))->value(), 11);
        QCOMPARE(qobject_cast<QLineEdit*>(page->form("protocol")->editor("support_sizes"))->text(),
                 QStringLiteral("1, 3"));
    }

    void fitsSmallScreens()
    {
        // The page must not force the window wider than a 1280 px screen.
        QVERIFY2(experimentPage()->minimumSizeHint().width() <= 1280 - 200,
                 qPrintable(QString::number(experimentPage()->minimumSizeHint().width())));
        QVERIFY2(m_window->page(PageId::Training)->minimumSizeHint().width() <= 1280 - 200,
                 qPrintable(QString::number(m_window->page(PageId::Training)->minimumSizeHint().width())));
    }

private:
    ExperimentPage* experimentPage() const { return static_cast<ExperimentPage*>(m_window->page(PageId::Experiment)); }

    void selectKind(KindFamily family, const QString& kind)
    {
        QComboBox* combo = experimentPage()->kindCombo(family);
        const int index = combo->findData(kind);
        QVERIFY2(index >= 0, qPrintable(kind));
        combo->setCurrentIndex(index);
    }

    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestExperimentPage)
#include "test_experimentpage.moc"
