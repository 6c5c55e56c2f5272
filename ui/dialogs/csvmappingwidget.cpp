#include "dialogs/csvmappingwidget.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QRegularExpression>

namespace fsr::ui {

namespace {

constexpr CsvMappingWidget::Role kRoles[]
    = {CsvMappingWidget::Role::Ignore, CsvMappingWidget::Role::User, CsvMappingWidget::Role::Item,
       CsvMappingWidget::Role::Rating, CsvMappingWidget::Role::Timestamp};
// Above this many columns the role combos wrap onto another row.
constexpr int kRolesPerRow = 6;

} // namespace

CsvMappingWidget::CsvMappingWidget(QWidget* parent)
    : QWidget(parent)
    , m_delimiter(new QComboBox(this))
    , m_header(new QComboBox(this))
    , m_columnsLayout(new QGridLayout)
{
    m_delimiter->setObjectName(QStringLiteral("delimiterCombo"));
    m_delimiter->addItem(tr("Comma ( , )"), QVariant::fromValue(static_cast<int>(',')));
    m_delimiter->addItem(tr("Tab"), QVariant::fromValue(static_cast<int>('\t')));
    m_delimiter->addItem(tr("Semicolon ( ; )"), QVariant::fromValue(static_cast<int>(';')));
    m_delimiter->addItem(tr("Pipe ( | )"), QVariant::fromValue(static_cast<int>('|')));
    m_header->setObjectName(QStringLiteral("headerCombo"));
    m_header->addItem(tr("Detect"), static_cast<int>(HeaderMode::Detect));
    m_header->addItem(tr("First row is a header"), static_cast<int>(HeaderMode::Yes));
    m_header->addItem(tr("No header row"), static_cast<int>(HeaderMode::No));

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("&Delimiter:"), m_delimiter);
    form->addRow(tr("&Header:"), m_header);
    m_columnsLayout->setHorizontalSpacing(12);
    form->addRow(tr("Columns:"), m_columnsLayout);

    connect(m_delimiter, &QComboBox::currentIndexChanged, this, &CsvMappingWidget::parsingChanged);
    connect(m_header, &QComboBox::currentIndexChanged, this, &CsvMappingWidget::parsingChanged);
}

void CsvMappingWidget::setColumns(int count, const QStringList& names)
{
    if (count == m_roleBoxes.size())
        return;
    while (QLayoutItem* item = m_columnsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_roleBoxes.clear();
    for (int column = 0; column < count; ++column) {
        auto* box = new QComboBox(this);
        box->setObjectName(QStringLiteral("roleCombo%1").arg(column));
        for (Role role : kRoles)
            box->addItem(roleName(role), static_cast<int>(role));
        auto* label = new QLabel(tr("%1:").arg(column + 1), this);
        label->setBuddy(box);
        const int row = column / kRolesPerRow;
        const int slot = (column % kRolesPerRow) * 2;
        m_columnsLayout->addWidget(label, row, slot, Qt::AlignRight);
        m_columnsLayout->addWidget(box, row, slot + 1);
        m_roleBoxes << box;
    }
    m_columnsLayout->setColumnStretch(2 * std::min(count, kRolesPerRow), 1);
    guessRoles(names);
    for (QComboBox* box : m_roleBoxes)
        connect(box, &QComboBox::currentIndexChanged, this, &CsvMappingWidget::rolesChanged);
    Q_EMIT rolesChanged();
}

CsvMappingWidget::Role CsvMappingWidget::role(int column) const
{
    if (column < 0 || column >= m_roleBoxes.size())
        return Role::Ignore;
    return static_cast<Role>(m_roleBoxes[column]->currentData().toInt());
}

void CsvMappingWidget::setRole(int column, Role role)
{
    if (column >= 0 && column < m_roleBoxes.size())
        m_roleBoxes[column]->setCurrentIndex(m_roleBoxes[column]->findData(static_cast<int>(role)));
}

void CsvMappingWidget::setDelimiter(char delimiter)
{
    const int index = m_delimiter->findData(static_cast<int>(delimiter));
    if (index >= 0)
        m_delimiter->setCurrentIndex(index);
}

char CsvMappingWidget::delimiter() const
{
    return static_cast<char>(m_delimiter->currentData().toInt());
}

CsvMappingWidget::HeaderMode CsvMappingWidget::headerMode() const
{
    return static_cast<HeaderMode>(m_header->currentData().toInt());
}

void CsvMappingWidget::setHeaderMode(HeaderMode mode)
{
    m_header->setCurrentIndex(m_header->findData(static_cast<int>(mode)));
}

CsvMapping CsvMappingWidget::mapping() const
{
    CsvMapping mapping;
    mapping.userColumn = mapping.itemColumn = mapping.ratingColumn = mapping.timestampColumn = -1;
    for (int column = 0; column < m_roleBoxes.size(); ++column) {
        switch (role(column)) {
        case Role::User:
            mapping.userColumn = column;
            break;
        case Role::Item:
            mapping.itemColumn = column;
            break;
        case Role::Rating:
            mapping.ratingColumn = column;
            break;
        case Role::Timestamp:
            mapping.timestampColumn = column;
            break;
        case Role::Ignore:
            break;
        }
    }
    mapping.delimiter = delimiter();
    if (headerMode() != HeaderMode::Detect)
        mapping.header = headerMode() == HeaderMode::Yes;
    return mapping;
}

QString CsvMappingWidget::validationError() const
{
    for (Role needed : {Role::User, Role::Item, Role::Rating, Role::Timestamp}) {
        int uses = 0;
        for (int column = 0; column < m_roleBoxes.size(); ++column)
            uses += role(column) == needed ? 1 : 0;
        if (uses > 1)
            return tr("Only one column can hold the %1.").arg(roleName(needed).toLower());
        if (uses == 0 && needed != Role::Timestamp)
            return tr("Choose the column that holds the %1.").arg(roleName(needed).toLower());
    }
    return {};
}

QString CsvMappingWidget::roleName(Role role)
{
    switch (role) {
    case Role::Ignore:
        return tr("Ignore");
    case Role::User:
        return tr("User");
    case Role::Item:
        return tr("Item");
    case Role::Rating:
        return tr("Rating");
    case Role::Timestamp:
        return tr("Timestamp");
    }
    return {};
}

void CsvMappingWidget::guessRoles(const QStringList& names)
{
    // Common header spellings: userId, user_id, movieId, item, rating, score, timestamp, time...
    const QList<QPair<Role, QRegularExpression>> patterns = {
        {Role::User,
         QRegularExpression(QStringLiteral("^(user|customer|reader)"), QRegularExpression::CaseInsensitiveOption)},
        {Role::Item,
         QRegularExpression(QStringLiteral("^(item|movie|book|product|track|artist)"),
                            QRegularExpression::CaseInsensitiveOption)},
        {Role::Rating,
         QRegularExpression(QStringLiteral("^(rating|score|stars|value)"), QRegularExpression::CaseInsensitiveOption)},
        {Role::Timestamp,
         QRegularExpression(QStringLiteral("^(timestamp|time|date)"), QRegularExpression::CaseInsensitiveOption)},
    };
    bool named = false;
    for (int column = 0; column < m_roleBoxes.size() && column < names.size(); ++column) {
        for (const auto& [role, pattern] : patterns) {
            if (pattern.match(names[column].trimmed()).hasMatch()) {
                setRole(column, role);
                named = true;
                break;
            }
        }
    }
    if (named)
        return;
    const Role order[] = {Role::User, Role::Item, Role::Rating, Role::Timestamp};
    for (int column = 0; column < m_roleBoxes.size(); ++column)
        setRole(column, column < 4 ? order[column] : Role::Ignore);
}

} // namespace fsr::ui
