#include "pages/mappage.h"

#include "inspector/inspectorsession.h"
#include "inspector/itemtables.h"
#include "inspector/runuserpicker.h"
#include "inspector/supportsizeslider.h"
#include "map/embeddingmapview.h"
#include "textstyle.h"
#include "widgets/emptystate.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace fsr::ui {

namespace {

constexpr int kPickerWidth = 290;
/// Steps traced unless the box says otherwise: enough to watch the loss level off.
constexpr int kDefaultSteps = 10;
constexpr int kDefaultPaceMs = 700;

QString number(double value, int decimals)
{
    return std::isfinite(value) ? QLocale().toString(value, 'f', decimals) : QStringLiteral("\u2013");
}

} // namespace

MapPage::MapPage(DatabaseSession* session, QWidget* parent)
    : InspectorPage(parent)
    , m_picker(new RunUserPicker(this))
    , m_slider(new SupportSizeSlider(this))
    , m_steps(new QSpinBox(this))
    , m_pace(new QSpinBox(this))
    , m_stepButton(new QPushButton(tr("&Step"), this))
    , m_playButton(new QPushButton(tr("&Play"), this))
    , m_resetButton(new QPushButton(tr("R&eset"), this))
    , m_title(new QLabel(tr("Adaptation map"), this))
    , m_details(new QLabel(this))
    , m_map(new EmbeddingMapView(this))
    , m_stepLabel(new QLabel(this))
    , m_stepsTable(createItemTable({tr("Step"), tr("Support loss"), tr("Query MAE")}, 0, this))
    , m_list(createItemTable(rankingHeaders(), 2, this))
    , m_item(new QLabel(this))
    , m_player(new QTimer(this))
{
    m_inspector = new InspectorSession(session, m_picker, m_slider, false, this);
    m_picker->setFixedWidth(kPickerWidth);
    m_map->setObjectName(QStringLiteral("embeddingMap"));
    m_steps->setObjectName(QStringLiteral("mapSteps"));
    m_steps->setRange(1, 100);
    m_steps->setValue(kDefaultSteps);
    m_steps->setToolTip(tr("Inner gradient steps to walk through (the run itself takes its method's inner_steps)"));
    m_pace->setObjectName(QStringLiteral("mapPace"));
    m_pace->setRange(100, 5000);
    m_pace->setSingleStep(100);
    m_pace->setValue(kDefaultPaceMs);
    m_pace->setSuffix(tr(" ms"));
    m_pace->setToolTip(tr("Time between steps while playing"));
    m_stepButton->setObjectName(QStringLiteral("mapStep"));
    m_playButton->setObjectName(QStringLiteral("mapPlay"));
    m_resetButton->setObjectName(QStringLiteral("mapReset"));
    m_stepButton->setToolTip(tr("One inner gradient step on the support"));
    m_playButton->setToolTip(tr("Step on its own at the chosen pace"));
    m_resetButton->setToolTip(tr("Back to the starting weights"));
    m_stepsTable->setObjectName(QStringLiteral("mapStepsTable"));
    m_list->setObjectName(QStringLiteral("mapList"));
    m_list->setColumnHidden(4, true);
    m_stepLabel->setObjectName(QStringLiteral("mapStepLabel"));
    m_empty->setObjectName(QStringLiteral("mapEmptyState"));
    m_item->setObjectName(QStringLiteral("mapItem"));
    m_item->setWordWrap(true);
    setMutedText(m_item);
    m_item->setText(tr("Hover over a dot for its title; click one to see it here. Wheel: zoom, drag: pan, "
                       "double-click: everything."));

    setPageTitleFont(m_title);
    m_details->setWordWrap(true);
    setMutedText(m_details);
    setMutedText(m_status);
    m_status->setWordWrap(true);
    m_stepLabel->setWordWrap(true);
    QFont bold = m_stepLabel->font();
    bold.setBold(true);
    m_stepLabel->setFont(bold);

    // Two rows, so the page still fits a 1280 px wide window next to the navigation.
    auto* sliderRow = new QHBoxLayout;
    sliderRow->addWidget(m_slider, 1);
    auto* controls = new QHBoxLayout;
    auto* stepsLabel = new QLabel(tr("S&teps:"), this);
    stepsLabel->setBuddy(m_steps);
    controls->addWidget(stepsLabel);
    controls->addWidget(m_steps);
    controls->addWidget(m_stepButton);
    controls->addWidget(m_playButton);
    controls->addWidget(m_pace);
    controls->addWidget(m_resetButton);
    controls->addStretch(1);

    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(m_stepLabel);
    sideLayout->addWidget(m_stepsTable, 2);
    sideLayout->addWidget(m_list, 3);
    sideLayout->addWidget(m_item);
    side->setMinimumWidth(300);
    auto* content = new QSplitter(Qt::Horizontal, m_body);
    content->addWidget(m_map);
    content->addWidget(side);
    content->setStretchFactor(0, 3);
    content->setStretchFactor(1, 2);
    content->setChildrenCollapsible(false);
    m_body->addWidget(content);
    m_body->addWidget(m_empty);

    auto* right = new QVBoxLayout;
    right->setSpacing(8);
    right->addWidget(m_title);
    right->addWidget(m_details);
    right->addLayout(sliderRow);
    right->addLayout(controls);
    right->addWidget(m_status);
    right->addWidget(m_body, 1);
    placeBesidePicker(m_picker, right);

    showUnavailable(tr("No run selected"), tr("Pick a finished run and a user on the left."));
    m_inspector->setTraceSteps(m_steps->value());
    m_inspector->setWithMap(true);
    connect(m_steps, &QSpinBox::valueChanged, m_inspector, &InspectorSession::setTraceSteps);
    connect(m_stepButton, &QPushButton::clicked, this, &MapPage::step);
    connect(m_playButton, &QPushButton::clicked, this, &MapPage::play);
    connect(m_resetButton, &QPushButton::clicked, this, &MapPage::reset);
    connect(m_pace, &QSpinBox::valueChanged, m_player, qOverload<int>(&QTimer::setInterval));
    m_player->setInterval(m_pace->value());
    connect(m_player, &QTimer::timeout, this, [this] {
        if (m_step + 1 < stepCount()) {
            showStep(m_step + 1);
        } else {
            m_player->stop();
            m_playButton->setText(tr("&Play"));
        }
    });
    connect(m_inspector, &InspectorSession::runReady, this, &MapPage::showRun);
    connect(m_map, &EmbeddingMapView::itemClicked, this, &MapPage::showItem);
    connectInspector();
}

void MapPage::setContext(const PageContext& context)
{
    m_contextStep = context.step;
    InspectorPage::setContext(context);
    // `--run ID --rate ITEM=RATING ...`: the sandbox user with these ratings.
    if (context.runId && !context.ratings.isEmpty()) {
        QVector<SandboxRating> ratings;
        for (const auto& [itemId, rating] : context.ratings)
            ratings << SandboxRating {itemId, QString(), rating};
        showNewUser(*context.runId, ratings);
    }
}

int MapPage::stepCount() const
{
    return static_cast<int>(m_trace.size());
}

bool MapPage::isPlaying() const
{
    return m_player->isActive();
}

void MapPage::showNewUser(qint64 runId, const QVector<SandboxRating>& ratings)
{
    m_inspector->inspectNewUser(runId, ratings);
}

void MapPage::step()
{
    if (m_step + 1 < stepCount())
        showStep(m_step + 1);
}

void MapPage::play()
{
    if (m_player->isActive()) {
        m_player->stop();
        m_playButton->setText(tr("&Play"));
        return;
    }
    if (stepCount() == 0)
        return;
    if (m_step + 1 >= stepCount())
        showStep(0); // from the start again
    m_playButton->setText(tr("&Pause"));
    m_player->start();
}

void MapPage::reset()
{
    m_player->stop();
    m_playButton->setText(tr("&Play"));
    if (stepCount() > 0)
        showStep(0);
}

void MapPage::showRun(const RunUsers& run)
{
    m_catalog = run.catalog;
    QStringList titles;
    for (const CatalogItem& item : run.catalog)
        titles << item.title;
    m_map->setMap(run.map, titles);
    m_map->setEmptyMessage(
        run.map.problem.isEmpty()
            ? QString()
            : tr("No map: %1. Runs of biased-mf, neural or attention have one.").arg(run.map.problem));
}

void MapPage::clearInspection()
{
    m_player->stop();
    m_playButton->setText(tr("&Play"));
    m_trace.clear();
    m_step = -1;
    m_title->setText(tr("Adaptation map"));
    m_details->clear();
    m_stepLabel->clear();
    m_stepsTable->setRowCount(0);
    m_list->setRowCount(0);
    m_map->setPath({}, -1);
    m_map->setRatingPath({});
}

void MapPage::showInspection(const UserInspection& inspection)
{
    m_body->setCurrentIndex(0);
    m_player->stop();
    m_playButton->setText(tr("&Play"));
    m_trace = inspection.steps;
    m_title->setText(inspection.newUser ? tr("The sandbox user, step by step")
                                        : tr("User %1, step by step").arg(inspection.userId));
    m_details->setText((inspection.newUser ? tr("%n rating(s) from the Sandbox (squares: after the first 1, 2, \u2026)",
                                                nullptr, inspection.supportSize)
                                           : tr("%n support rating(s)", nullptr, inspection.supportSize))
                       + QStringLiteral(" \u00b7 ") + (m_inspector->run() ? m_inspector->run()->label : QString()));
    m_status->setText(inspection.stepsProblem);
    setErrorText(m_status, !inspection.stepsProblem.isEmpty());
    m_slider->setEnabled(!inspection.newUser); // the sandbox user's support is all their ratings
    for (QPushButton* button : {m_stepButton, m_playButton, m_resetButton})
        button->setEnabled(!m_trace.isEmpty());

    m_stepsTable->setRowCount(static_cast<int>(m_trace.size()));
    QVector<QPointF> path;
    for (int row = 0; row < m_trace.size(); ++row) {
        const AdaptationStepView& view = m_trace[row];
        const auto cell = [](const QString& text) {
            auto* item = new QTableWidgetItem(text);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            return item;
        };
        m_stepsTable->setItem(row, 0, cell(row == 0 ? tr("start") : QString::number(row)));
        m_stepsTable->setItem(row, 1, cell(number(view.supportLoss, 3)));
        m_stepsTable->setItem(row, 2, cell(number(view.queryError, 3)));
        if (view.point)
            path << *view.point;
    }
    m_map->setPath(path.size() == m_trace.size() ? path : QVector<QPointF> {}, 0);
    m_map->setRatingPath(inspection.ratingPath);
    if (m_trace.isEmpty()) {
        m_stepLabel->setText(tr("No steps to show"));
        m_list->setRowCount(0);
        m_step = -1;
        return;
    }
    showStep(std::clamp(m_contextStep.value_or(0), 0, stepCount() - 1));
    m_contextStep.reset();
}

void MapPage::showStep(int step)
{
    m_step = step;
    const AdaptationStepView& view = m_trace[step];
    m_stepLabel->setText(step == 0 ? tr("Start: the run's weights before any step")
                                   : tr("Step %1 of %2 \u00b7 support loss %3 \u00b7 query MAE %4")
                                         .arg(step)
                                         .arg(stepCount() - 1)
                                         .arg(number(view.supportLoss, 3), number(view.queryError, 3)));
    m_stepsTable->selectRow(step);
    showRanking(m_list, view.top, true, tr("one step earlier"));
    m_map->setCurrentStep(step);
}

void MapPage::showItem(int item)
{
    if (item < 0 || item >= m_catalog.size())
        return;
    const CatalogItem& info = m_catalog[item];
    m_item->setText(tr("%1 \u00b7 %2 \u00b7 %n rating(s)", nullptr, info.ratings)
                        .arg(info.title, info.genres.join(QStringLiteral(", "))));
}

} // namespace fsr::ui
