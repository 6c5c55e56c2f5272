#include "pages/attentionpage.h"

#include "attention/attentionheatmap.h"
#include "attention/attentionheatmapdata.h"
#include "inspector/inspectorsession.h"
#include "inspector/runuserpicker.h"
#include "inspector/supportsizeslider.h"
#include "textstyle.h"
#include "widgets/controlrows.h"
#include "widgets/emptystate.h"

#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace fsr::ui {

namespace {

constexpr int kPickerWidth = 290;

enum class Rows { Recommended, Query };

} // namespace

AttentionPage::AttentionPage(DatabaseSession* session, QWidget* parent)
    : InspectorPage(parent)
    , m_picker(new RunUserPicker(this))
    , m_slider(new SupportSizeSlider(this))
    , m_topN(new QSpinBox(this))
    , m_rows(new QComboBox(this))
    , m_layer(new QComboBox(this))
    , m_head(new QComboBox(this))
    , m_title(new QLabel(tr("Attention"), this))
    , m_details(new QLabel(this))
    , m_heatmap(new AttentionHeatmap(this))
    , m_cell(new QLabel(this))
{
    m_inspector = new InspectorSession(session, m_picker, m_slider, true, this);
    m_picker->setFixedWidth(kPickerWidth);
    m_heatmap->setObjectName(QStringLiteral("attentionHeatmap"));
    m_rows->setObjectName(QStringLiteral("rowsCombo"));
    m_layer->setObjectName(QStringLiteral("layerCombo"));
    m_head->setObjectName(QStringLiteral("headCombo"));
    m_cell->setObjectName(QStringLiteral("cellDetails"));
    m_empty->setObjectName(QStringLiteral("attentionEmptyState"));
    m_topN->setRange(3, 50);
    m_topN->setValue(20);
    m_topN->setToolTip(tr("Number of recommended items (rows)"));
    m_rows->addItem(tr("Recommended after adaptation"), static_cast<int>(Rows::Recommended));
    m_rows->addItem(tr("Held-out query items"), static_cast<int>(Rows::Query));
    m_rows->setToolTip(tr("Which items the rows show: the user's top list after adaptation, or the items they "
                          "rated that the model did not see"));
    m_layer->setToolTip(tr("Attention layer"));
    m_head->setToolTip(tr("One attention head, or the mean over all heads"));

    setPageTitleFont(m_title);
    m_details->setWordWrap(true);
    setMutedText(m_details);
    setMutedText(m_status);
    // Status lines can be long (error messages); wrapping keeps them from widening the window.
    m_status->setWordWrap(true);
    m_cell->setWordWrap(true);
    m_cell->setTextFormat(Qt::RichText);
    m_cell->setFrameShape(QFrame::StyledPanel);
    m_cell->setMargin(8);
    m_cell->setMinimumHeight(m_cell->fontMetrics().height() * 3 + 16);
    m_cell->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Two rows, so the page still fits a 1280 px wide window next to the navigation. Normally the
    // widest picker shares the slider's row; in presentation mode's larger font the slider and
    // that picker no longer fit side by side, so the short Top field takes the picker's place.
    auto* controls = new ControlRows(2, 8, this);
    controls->add(m_slider, 0, 0, 1);
    controls->add(labelled(tr("R&ows:"), m_rows, this), 0, 1);
    controls->add(labelled(tr("&Top:"), m_topN, this), 1, 0);
    controls->add(labelled(tr("&Layer:"), m_layer, this), 1, 1);
    controls->add(labelled(tr("&Head:"), m_head, this), 1, 1);
    controls->setTrailingStretch(true);

    auto* content = new QWidget(m_body);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_heatmap, 1);
    contentLayout->addWidget(m_cell);
    m_body->addWidget(content);
    m_body->addWidget(m_empty);

    auto* right = new QVBoxLayout;
    right->setSpacing(8);
    right->addWidget(m_title);
    right->addWidget(m_details);
    right->addLayout(controls->layout());
    right->addWidget(m_status);
    right->addWidget(m_body, 1);
    placeBesidePicker(m_picker, right);

    showUnavailable(tr("No attention run selected"), tr("Pick a run of the attention model and a user on the left."));

    connect(m_topN, &QSpinBox::valueChanged, m_inspector, &InspectorSession::setTopN);
    m_inspector->setTopN(m_topN->value());
    connect(m_rows, &QComboBox::currentIndexChanged, this, &AttentionPage::updateHeatmap);
    connect(m_layer, &QComboBox::currentIndexChanged, this, &AttentionPage::updateHeatmap);
    connect(m_head, &QComboBox::currentIndexChanged, this, &AttentionPage::updateHeatmap);
    connect(m_heatmap, &AttentionHeatmap::cellClicked, this, &AttentionPage::showCell);
    connectInspector();
}

void AttentionPage::clearInspection()
{
    m_details->clear();
    m_heatmap->setData({});
}

const AttentionMap* AttentionPage::currentMap() const
{
    const auto& inspection = m_inspector->inspection();
    if (!inspection)
        return nullptr;
    return static_cast<Rows>(m_rows->currentData().toInt()) == Rows::Query ? &inspection->attentionQuery
                                                                           : &inspection->attentionTop;
}

void AttentionPage::showInspection(const UserInspection& inspection)
{
    m_title->setText(tr("Attention of user %1").arg(inspection.userId));
    QString details = tr("Each row is an item the model scores, each column one of the %n rating(s) the user gave "
                         "(the support). Bright cells: the support items the model looked at most for that row.",
                         nullptr, inspection.supportSize);
    if (m_inspector->run())
        details += tr(" Run %1.").arg(m_inspector->run()->label);
    m_details->setText(details);
    m_status->setText(inspection.testUser
                          ? tr("Cold-start user, adapted on %n rating(s).", nullptr, inspection.supportSize)
                          : tr("Warm user, adapted on %n rating(s).", nullptr, inspection.supportSize));
    setErrorText(m_status, false);

    // Layer and head choices follow the model's shape; the choice is kept when it still exists.
    const auto& weights
        = inspection.attentionTop.weights.empty() ? inspection.attentionQuery.weights : inspection.attentionTop.weights;
    const int layers = static_cast<int>(weights.size());
    const int heads = layers > 0 ? static_cast<int>(weights.front().size()) : 0;
    if (m_layer->count() != layers) {
        const QSignalBlocker blocker(m_layer);
        m_layer->clear();
        for (int layer = 0; layer < layers; ++layer)
            m_layer->addItem(tr("Layer %1").arg(layer + 1), layer);
        m_layer->setCurrentIndex(layers - 1); // the last layer feeds the score
    }
    if (m_head->count() != heads + 1) {
        const QSignalBlocker blocker(m_head);
        m_head->clear();
        m_head->addItem(tr("Average of heads"), kMeanOfHeads);
        for (int head = 0; head < heads; ++head)
            m_head->addItem(tr("Head %1").arg(head + 1), head);
    }
    if (layers == 0) {
        showUnavailable(tr("No attention weights"),
                        tr("The model returned no attention weights for this user. Attention weights exist only for "
                           "runs of the attention model."));
        return;
    }
    m_body->setCurrentIndex(0);
    updateHeatmap();
}

void AttentionPage::updateHeatmap()
{
    const auto& inspection = m_inspector->inspection();
    const AttentionMap* map = currentMap();
    if (!inspection || !map || map->weights.empty())
        return;
    const bool queryRows = static_cast<Rows>(m_rows->currentData().toInt()) == Rows::Query;
    const HeatmapData data = attentionHeatmap(*inspection, *map, queryRows, m_layer->currentData().toInt(),
                                              m_head->currentData().toInt());
    m_heatmap->setData(data);
    m_cell->setText(tr("Click a cell to see the pair: which recommended item, which of the user's ratings, and the "
                       "weight. Hover for titles."));
}

void AttentionPage::showCell(int row, int column)
{
    const auto& inspection = m_inspector->inspection();
    const HeatmapData& data = m_heatmap->data();
    if (!inspection || row < 0 || column < 0 || row >= data.rows || column >= data.columns)
        return;
    m_heatmap->setSelectedCell(row, column);
    const bool queryRows = static_cast<Rows>(m_rows->currentData().toInt()) == Rows::Query;
    QString target;
    if (queryRows) {
        const RatedItem& item = inspection->query[row];
        target = tr("<b>Query item:</b> %1 \u2014 rated %2, predicted %3 after adaptation")
                     .arg(item.title.toHtmlEscaped(), QLocale().toString(item.rating, 'f', 1),
                          QLocale().toString(item.after, 'f', 2));
    } else {
        const RankedItem& item = inspection->after[row];
        target = tr("<b>Recommended #%1:</b> %2 \u2014 score %3")
                     .arg(row + 1)
                     .arg(item.title.toHtmlEscaped(), QLocale().toString(item.score, 'f', 2));
        if (std::isfinite(item.knownRating))
            target += item.hit ? tr(" (a hit: the user rated it %1)").arg(QLocale().toString(item.knownRating, 'f', 1))
                               : tr(" (the user rated it %1)").arg(QLocale().toString(item.knownRating, 'f', 1));
    }
    const RatedItem& source = inspection->support[column];
    // Where this cell stands among its row: "the 2nd most attended of 10".
    int rank = 1;
    const float weight = data.value(row, column);
    for (int other = 0; other < data.columns; ++other)
        if (data.value(row, other) > weight)
            ++rank;
    m_cell->setText(tr("%1<br><b>Support item %2:</b> %3 \u2014 the user rated it %4<br><b>Weight:</b> %5 (%6, %7) "
                       "\u2014 rank %8 of %9 support items for this row")
                        .arg(target)
                        .arg(column + 1)
                        .arg(source.title.toHtmlEscaped(), QLocale().toString(source.rating, 'f', 1),
                             QLocale().toString(weight, 'f', 4), m_layer->currentText(), m_head->currentText())
                        .arg(rank)
                        .arg(data.columns));
}

QString AttentionPage::cellDetails() const
{
    return m_cell->text();
}

} // namespace fsr::ui
