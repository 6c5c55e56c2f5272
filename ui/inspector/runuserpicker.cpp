#include "inspector/runuserpicker.h"

#include "inspector/userfiltermodel.h"
#include "qtconvert.h"
#include "textstyle.h"

#include <QComboBox>
#include <QFormLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace fsr::ui {

RunUserPicker::RunUserPicker(QWidget* parent)
    : QWidget(parent)
    , m_runCombo(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_minRatings(new QSpinBox(this))
    , m_kind(new QComboBox(this))
    , m_list(new QListView(this))
    , m_count(new QLabel(this))
    , m_users(new QStandardItemModel(this))
    , m_filter(new UserFilterModel(this))
{
    m_runCombo->setObjectName(QStringLiteral("runCombo"));
    m_search->setObjectName(QStringLiteral("userSearch"));
    m_list->setObjectName(QStringLiteral("userList"));
    m_minRatings->setObjectName(QStringLiteral("minRatings"));
    m_kind->setObjectName(QStringLiteral("userKind"));
    m_runCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_runCombo->setMinimumContentsLength(16);
    m_search->setPlaceholderText(tr("Search user id\u2026"));
    m_search->setClearButtonEnabled(true);
    m_minRatings->setRange(0, 100000);
    m_minRatings->setToolTip(tr("Only users with at least this many ratings"));
    m_kind->addItem(tr("All users"), static_cast<int>(UserFilterModel::Kind::All));
    m_kind->addItem(tr("Cold start (held out)"), static_cast<int>(UserFilterModel::Kind::Cold));
    m_kind->addItem(tr("Warm (trained on)"), static_cast<int>(UserFilterModel::Kind::Warm));
    m_kind->setToolTip(tr("Cold-start users were held out by the run: the model never saw them in training"));
    m_filter->setSourceModel(m_users);
    m_list->setModel(m_filter);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    m_list->setAlternatingRowColors(true);
    setMutedText(m_count);

    auto* form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Run:"), m_runCombo);
    form->addRow(tr("Sho&w:"), m_kind);
    form->addRow(tr("Mi&n. ratings:"), m_minRatings);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_count);

    connect(m_runCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (const auto run = currentRun())
            Q_EMIT runChanged(*run);
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_filter->setText(text);
        updateCount();
    });
    connect(m_minRatings, &QSpinBox::valueChanged, this, [this](int value) {
        m_filter->setMinRatings(value);
        updateCount();
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setKind(static_cast<UserFilterModel::Kind>(m_kind->currentData().toInt()));
        updateCount();
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& index) {
        if (index.isValid())
            Q_EMIT userChanged(index.data(UserFilterModel::IdRole).toString());
    });
}

void RunUserPicker::setRuns(const std::vector<RunSummary>& runs)
{
    const std::optional<qint64> current = currentRun();
    const QSignalBlocker blocker(m_runCombo);
    m_runCombo->clear();
    for (const RunSummary& run : runs) {
        const QString what = run.name.empty()
            ? QStringLiteral("%1 + %2").arg(toQString(run.model), toQString(run.method))
            : toQString(run.name);
        QString dataset = toQString(run.datasetName);
        if (run.dataset != RunDataset::Current)
            dataset = tr("%1 (%2)").arg(dataset, run.dataset == RunDataset::Replaced ? tr("replaced") : tr("deleted"));
        m_runCombo->addItem(QStringLiteral("#%1 %2 \u00b7 %3").arg(run.id).arg(what, dataset),
                            QVariant::fromValue<qint64>(run.id));
        QString tip = tr("Run %1: %2 + %3 on %4, seed %5, %6")
                          .arg(run.id)
                          .arg(toQString(run.model), toQString(run.method), toQString(run.datasetName))
                          .arg(run.seed)
                          .arg(toQString(run.createdAt));
        if (run.dataset != RunDataset::Current)
            tip += tr("\nIt cannot be adapted any more: %1.").arg(toQString(runDatasetProblem(run)));
        m_runCombo->setItemData(m_runCombo->count() - 1, tip, Qt::ToolTipRole);
    }
    const int keep = current ? m_runCombo->findData(QVariant::fromValue<qint64>(*current)) : -1;
    m_runCombo->setCurrentIndex(keep >= 0 ? keep : (m_runCombo->count() > 0 ? 0 : -1));
    m_runCombo->setEnabled(m_runCombo->count() > 0);
}

std::optional<qint64> RunUserPicker::currentRun() const
{
    if (m_runCombo->currentIndex() < 0)
        return std::nullopt;
    return m_runCombo->currentData().value<qint64>();
}

bool RunUserPicker::setCurrentRun(qint64 runId)
{
    const int index = m_runCombo->findData(QVariant::fromValue<qint64>(runId));
    if (index < 0)
        return false;
    m_runCombo->setCurrentIndex(index);
    return true;
}

void RunUserPicker::clearCurrentRun()
{
    const QSignalBlocker blocker(m_runCombo);
    m_runCombo->setCurrentIndex(-1);
    clearUsers(QString());
}

int RunUserPicker::runCount() const
{
    return m_runCombo->count();
}

void RunUserPicker::setUsers(const RunUsers& users)
{
    const QString current = currentUser();
    {
        const QSignalBlocker blocker(m_list->selectionModel());
        m_users->clear();
        // Cold-start users first: they are what the run was evaluated on.
        for (const bool test : {true, false}) {
            for (const RunUser& user : users.users) {
                if (user.testUser != test)
                    continue;
                auto* item = new QStandardItem(
                    user.testUser ? tr("%1  \u00b7  %n ratings  \u00b7  cold", nullptr, user.ratings).arg(user.id)
                                  : tr("%1  \u00b7  %n ratings", nullptr, user.ratings).arg(user.id));
                item->setData(user.id, UserFilterModel::IdRole);
                item->setData(user.ratings, UserFilterModel::RatingsRole);
                item->setData(user.testUser, UserFilterModel::TestUserRole);
                item->setToolTip(user.testUser ? tr("Held out by the run: a cold-start user")
                                               : tr("In the run's training data"));
                m_users->appendRow(item);
            }
        }
    }
    updateCount();
    // Quietly: the owner decides which user to show once the list is there.
    const QSignalBlocker blocker(m_list->selectionModel());
    if (!current.isEmpty())
        selectUser(current);
}

void RunUserPicker::clearUsers(const QString& placeholder)
{
    const QSignalBlocker blocker(m_list->selectionModel());
    m_users->clear();
    m_count->setText(placeholder);
}

QString RunUserPicker::currentUser() const
{
    return m_list->currentIndex().data(UserFilterModel::IdRole).toString();
}

bool RunUserPicker::selectUser(const QString& userId)
{
    for (int row = 0; row < m_users->rowCount(); ++row) {
        QStandardItem* item = m_users->item(row);
        if (item->data(UserFilterModel::IdRole).toString() != userId)
            continue;
        QModelIndex index = m_filter->mapFromSource(item->index());
        if (!index.isValid()) { // filtered out: show everything rather than hide the choice
            m_search->clear();
            m_minRatings->setValue(0);
            m_kind->setCurrentIndex(0);
            index = m_filter->mapFromSource(item->index());
        }
        m_list->setCurrentIndex(index);
        m_list->scrollTo(index, QAbstractItemView::PositionAtCenter);
        return true;
    }
    return false;
}

QString RunUserPicker::firstUser() const
{
    return m_users->rowCount() > 0 ? m_users->item(0)->data(UserFilterModel::IdRole).toString() : QString();
}

int RunUserPicker::visibleUserCount() const
{
    return m_filter->rowCount();
}

void RunUserPicker::updateCount()
{
    m_count->setText(tr("%1 of %2 users").arg(m_filter->rowCount()).arg(m_users->rowCount()));
}

} // namespace fsr::ui
