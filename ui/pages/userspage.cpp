#include "pages/userspage.h"

#include "charts/metricbarchartview.h"
#include "inspector/inspectorsession.h"
#include "inspector/itemtables.h"
#include "inspector/protocolstrip.h"
#include "inspector/runuserpicker.h"
#include "inspector/supportsizeslider.h"
#include "textstyle.h"
#include "widgets/controlrows.h"
#include "widgets/emptystate.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace fsr::ui {

namespace {

constexpr int kPickerWidth = 290;

/// A titled panel: bold caption over a widget.
QWidget* titled(QLabel* title, QWidget* content, QWidget* parent)
{
    auto* panel = new QWidget(parent);
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(title);
    layout->addWidget(content, 1);
    return panel;
}

double meanAbsoluteError(const QVector<RatedItem>& query, bool after)
{
    double sum = 0;
    int count = 0;
    for (const RatedItem& item : query) {
        const double predicted = after ? item.after : item.before;
        if (std::isfinite(predicted)) {
            sum += std::abs(predicted - item.rating);
            ++count;
        }
    }
    return count ? sum / count : std::nan("");
}

} // namespace

UsersPage::UsersPage(DatabaseSession* session, QWidget* parent)
    : InspectorPage(parent)
    , m_picker(new RunUserPicker(this))
    , m_slider(new SupportSizeSlider(this))
    , m_topN(new QSpinBox(this))
    , m_rankBy(new QComboBox(this))
    , m_userTitle(new QLabel(this))
    , m_userDetails(new QLabel(this))
    , m_strip(new ProtocolStrip(this))
    , m_mixRow(new QWidget(this))
    , m_mix(new QSlider(Qt::Horizontal, m_mixRow))
    , m_mixLabel(new QLabel(m_mixRow))
    , m_rule(new QLabel(this))
    , m_supportTitle(sectionTitle(tr("Support"), this))
    , m_queryTitle(sectionTitle(tr("Query"), this))
    , m_support(createItemTable({tr("#"), tr("Title"), tr("Rating")}, 1, this))
    , m_query(createItemTable({tr("#"), tr("Title"), tr("True"), tr("Before"), tr("After")}, 1, this))
    , m_queryChart(new MetricBarChartView(this))
    , m_before(createItemTable(rankingHeaders(), 2, this))
    , m_after(createItemTable(rankingHeaders(), 2, this))
{
    m_inspector = new InspectorSession(session, m_picker, m_slider, false, this);
    m_picker->setFixedWidth(kPickerWidth);
    m_topN->setObjectName(QStringLiteral("topN"));
    m_topN->setRange(3, 50);
    m_topN->setValue(10);
    m_topN->setToolTip(tr("Length of the recommendation lists"));
    m_rankBy->setObjectName(QStringLiteral("rankBy"));
    m_rankBy->addItem(tr("relevance"));
    m_rankBy->addItem(tr("predicted rating"));
    m_rankBy->setToolTip(tr("Relevance: the model's ranking score, trained to put what a user will rate first. "
                            "Predicted rating: the stars the model expects, which favours items few people rate "
                            "highly. Runs without a ranking score rank by rating either way."));
    m_support->setObjectName(QStringLiteral("supportTable"));
    m_query->setObjectName(QStringLiteral("queryTable"));
    m_queryChart->setObjectName(QStringLiteral("queryChart"));
    m_before->setObjectName(QStringLiteral("beforeTable"));
    m_after->setObjectName(QStringLiteral("afterTable"));
    m_status->setObjectName(QStringLiteral("inspectorStatus"));
    m_empty->setObjectName(QStringLiteral("usersEmptyState"));
    m_support->setToolTip(tr("The ratings the model adapts to, in the order it gets them"));
    m_query->setToolTip(tr("Held-out ratings: what the model is judged on. Bold: adaptation moved the prediction "
                           "closer to the truth."));
    m_queryChart->setMinimumWidth(220);
    m_strip->setObjectName(QStringLiteral("protocolStrip"));
    m_rule->setObjectName(QStringLiteral("protocolRule"));
    m_rule->setWordWrap(true);
    m_rule->setTextFormat(Qt::RichText);

    setPageTitleFont(m_userTitle);
    m_userTitle->setText(tr("User inspector"));
    m_userDetails->setWordWrap(true);
    setMutedText(m_userDetails);
    setMutedText(m_status);
    // Status lines can be long (error messages); wrapping keeps them from widening the window.
    m_status->setWordWrap(true);

    // One row normally; in presentation mode the slider gets a row of its own, or the row would
    // not fit a 1280 px window next to the navigation.
    auto* controls = new ControlRows(2, 16, this);
    controls->add(m_slider, 0, 0, 1);
    controls->add(labelled(tr("&Top:"), m_topN, this), 0, 1);
    controls->add(labelled(tr("&Rank by:"), m_rankBy, this), 0, 1);
    controls->add(m_status, 0, 1, 1);

    m_mix->setObjectName(QStringLiteral("mixSlider"));
    m_mix->setRange(0, 100);
    m_mix->setToolTip(tr("Hybrid runs: alpha, the weight of the collaborative scores; 1 - alpha goes to the "
                         "content scores. The lists re-rank as you drag."));
    m_mixLabel->setObjectName(QStringLiteral("mixLabel"));
    auto* mixLayout = new QHBoxLayout(m_mixRow);
    mixLayout->setContentsMargins(0, 0, 0, 0);
    mixLayout->addWidget(new QLabel(tr("Hybrid mix: content"), m_mixRow));
    mixLayout->addWidget(m_mix, 1);
    mixLayout->addWidget(new QLabel(tr("collaborative"), m_mixRow));
    mixLayout->addSpacing(12);
    mixLayout->addWidget(m_mixLabel);
    m_mixRow->hide();

    auto* ratings = new QSplitter(Qt::Horizontal, this);
    ratings->addWidget(titled(m_supportTitle, m_support, ratings));
    ratings->addWidget(titled(m_queryTitle, m_query, ratings));
    ratings->addWidget(m_queryChart);
    ratings->setStretchFactor(0, 3);
    ratings->setStretchFactor(1, 4);
    ratings->setStretchFactor(2, 3);
    ratings->setChildrenCollapsible(false);
    auto* lists = new QSplitter(Qt::Horizontal, this);
    lists->addWidget(titled(sectionTitle(tr("Top recommendations before adaptation"), this), m_before, lists));
    lists->addWidget(
        titled(sectionTitle(tr("After adapting to the support (\u2713 = a held-out item the user liked)"), this),
               m_after, lists));
    lists->setChildrenCollapsible(false);
    auto* content = new QSplitter(Qt::Vertical, m_body);
    content->addWidget(ratings);
    content->addWidget(lists);
    content->setStretchFactor(0, 1);
    content->setStretchFactor(1, 1);
    content->setChildrenCollapsible(false);
    m_body->addWidget(content);
    m_body->addWidget(m_empty);

    auto* right = new QVBoxLayout;
    right->setSpacing(8);
    right->addWidget(m_userTitle);
    right->addWidget(m_userDetails);
    right->addLayout(controls->layout());
    right->addWidget(m_mixRow);
    right->addWidget(m_strip);
    right->addWidget(m_rule);
    right->addWidget(m_body, 1);
    placeBesidePicker(m_picker, right);

    showUnavailable(tr("No run selected"), tr("Pick a finished run and a user on the left."));

    connect(m_topN, &QSpinBox::valueChanged, m_inspector, &InspectorSession::setTopN);
    connect(m_rankBy, &QComboBox::currentIndexChanged, m_inspector,
            [this](int index) { m_inspector->setRankByRating(index == 1); });
    connect(m_mix, &QSlider::valueChanged, this, [this](int percent) {
        const RunUsers* run = m_inspector->run() ? &*m_inspector->run() : nullptr;
        m_mixLabel->setText(tr("\u03b1 = %1 (the run's: %2)")
                                .arg(QLocale().toString(percent / 100.0, 'f', 2),
                                     run && run->mixWeight ? QLocale().toString(*run->mixWeight, 'f', 2) : QString()));
        m_inspector->setMixWeight(percent / 100.0);
    });
    connect(m_inspector, &InspectorSession::runReady, this, [this](const RunUsers& run) {
        m_mixRow->setVisible(run.mixWeight.has_value());
        if (!run.mixWeight)
            return;
        const QSignalBlocker blocker(m_mix);
        m_mix->setValue(static_cast<int>(std::lround(*run.mixWeight * 100)));
        m_mixLabel->setText(tr("\u03b1 = %1 (as trained)").arg(QLocale().toString(*run.mixWeight, 'f', 2)));
    });
    connectInspector();
}

void UsersPage::clearInspection()
{
    m_userTitle->setText(tr("User inspector"));
    m_userDetails->clear();
    m_strip->setTimeline({});
    m_rule->clear();
}

void UsersPage::showInspection(const UserInspection& inspection)
{
    m_body->setCurrentIndex(0);
    const RunUsers* run = m_inspector->run() ? &*m_inspector->run() : nullptr;
    m_userTitle->setText(tr("User %1").arg(inspection.userId));
    QString details = inspection.testUser ? tr("Cold-start user: held out by the run, never seen in training.")
                                          : tr("Warm user: the run trained on their ratings.");
    details += QLatin1Char(' ') + tr("%n rating(s) in all", nullptr, inspection.ratings);
    if (run)
        details += tr(" \u00b7 run %1").arg(run->label);
    if (inspection.innerLoss.size() > 1 && std::isfinite(inspection.innerLoss.front())
        && std::isfinite(inspection.innerLoss.back()))
        details += tr(" \u00b7 support loss %1 \u2192 %2 over %n inner step(s)", nullptr,
                      static_cast<int>(inspection.innerLoss.size() - 1))
                       .arg(QLocale().toString(inspection.innerLoss.front(), 'f', 3),
                            QLocale().toString(inspection.innerLoss.back(), 'f', 3));
    m_userDetails->setText(details);
    m_status->setText(tr("Adapted on %n rating(s).", nullptr, inspection.supportSize));
    m_rankBy->setEnabled(inspection.ranksApart);
    setErrorText(m_status, false);

    m_supportTitle->setText(tr("Support: %n rating(s) given to the model", nullptr, inspection.supportSize));
    const double maeBefore = meanAbsoluteError(inspection.query, false);
    const double maeAfter = meanAbsoluteError(inspection.query, true);
    m_queryTitle->setText(
        std::isfinite(maeAfter)
            ? tr("Query: %n held out \u00b7 MAE %1 \u2192 %2", nullptr, static_cast<int>(inspection.query.size()))
                  .arg(QLocale().toString(maeBefore, 'f', 2), QLocale().toString(maeAfter, 'f', 2))
            : tr("Query: %n held out", nullptr, static_cast<int>(inspection.query.size())));
    m_strip->setTimeline(inspection.timeline);
    m_rule->setText(protocolLegend() + (run ? protocolSentence(run->protocol, inspection).toHtmlEscaped() : QString()));
    showSupport(m_support, inspection.support);
    showQuery(m_query, inspection.query);
    showRanking(m_before, inspection.before, false);
    showRanking(m_after, inspection.after, true);

    MetricBarChartData chart;
    chart.title = tr("Query: true vs predicted");
    chart.valueTitle = tr("Rating");
    MetricBarSet truth {tr("True"), {}};
    MetricBarSet before {tr("Before"), {}};
    MetricBarSet after {tr("After"), {}};
    for (int i = 0; i < inspection.query.size(); ++i) {
        const RatedItem& item = inspection.query[i];
        chart.categories << QString::number(i + 1); // the query table's row numbers
        truth.values << item.rating;
        before.values << item.before;
        after.values << item.after;
    }
    if (!chart.categories.isEmpty())
        chart.sets = {truth, before, after};
    if (run) {
        chart.valueMin = std::min(0.0, run->ratingMin);
        chart.valueMax = run->ratingMax;
    }
    chart.valueFormat = QStringLiteral("%.0f");
    m_queryChart->setData(chart, tr("This user has no held-out ratings to predict: every rating is in the support."));
}

void UsersPage::setContext(const PageContext& context)
{
    if (context.rankBy == QLatin1String("relevance"))
        m_rankBy->setCurrentIndex(0);
    else if (context.rankBy == QLatin1String("rating"))
        m_rankBy->setCurrentIndex(1);
    InspectorPage::setContext(context);
}

} // namespace fsr::ui
