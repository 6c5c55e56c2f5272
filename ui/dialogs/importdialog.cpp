#include "dialogs/importdialog.h"

#include "appsettings.h"
#include "dialogs/csvmappingwidget.h"
#include "dialogs/datasetnames.h"
#include "dialogs/importformatinfo.h"
#include "installpaths.h"
#include "qtconvert.h"
#include "textstyle.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace fsr::ui {

namespace {

// Long enough to not re-read the file on every keystroke, short enough to feel live.
constexpr int kPreviewDelayMs = 200;

bool isNumber(const QString& text)
{
    bool ok = false;
    text.trimmed().toDouble(&ok);
    return ok;
}

QLabel* mutedLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    setMutedText(label);
    return label;
}

} // namespace

ImportDialog::ImportDialog(QSet<QString> takenNames, QWidget* parent)
    : QDialog(parent)
    , m_takenNames(std::move(takenNames))
    , m_format(new QComboBox(this))
    , m_formatHint(mutedLabel(this))
    , m_path(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_csvGroup(new QGroupBox(tr("CSV columns"), this))
    , m_csv(new CsvMappingWidget(m_csvGroup))
    , m_preview(new QTableView(this))
    , m_previewModel(new QStandardItemModel(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_previewTimer(new QTimer(this))
{
    setWindowTitle(tr("Import Dataset"));
    m_format->setObjectName(QStringLiteral("formatCombo"));
    m_path->setObjectName(QStringLiteral("pathEdit"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_preview->setObjectName(QStringLiteral("previewTable"));
    m_message->setObjectName(QStringLiteral("messageLabel"));

    for (const ImportFormatInfo& info : importFormatInfos())
        m_format->addItem(info.label, static_cast<int>(info.format));
    m_path->setPlaceholderText(tr("Folder or file to import"));
    m_path->setClearButtonEnabled(true);
    auto* browse = new QPushButton(tr("&Browse\u2026"), this);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    m_name->setPlaceholderText(tr("How the dataset is called in the workbench"));

    // Grows with the dialog instead of wrapping at the combo's width.
    m_formatHint->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto* pathLabel = new QLabel(tr("&Path:"), this);
    pathLabel->setBuddy(m_path);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("&Format:"), m_format);
    form->addRow(QString(), m_formatHint);
    form->addRow(pathLabel, pathRow);
    form->addRow(tr("&Name:"), m_name);

    auto* csvLayout = new QVBoxLayout(m_csvGroup);
    csvLayout->addWidget(m_csv);

    m_preview->setModel(m_previewModel);
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->setSelectionMode(QAbstractItemView::NoSelection);
    m_preview->setAlternatingRowColors(true);
    // Row numbers would be off by one under a header row; the rows are just a sample anyway.
    m_preview->verticalHeader()->hide();
    m_preview->verticalHeader()->setDefaultSectionSize(m_preview->fontMetrics().height() + 6);
    m_preview->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_preview->setMinimumHeight(220);
    auto* previewTitle = new QLabel(tr("<b>Preview</b> (first %1 rows of the ratings file)").arg(kPreviewRows), this);

    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_csvGroup);
    layout->addWidget(previewTitle);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    resize(760, 640);

    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(kPreviewDelayMs);
    connect(m_previewTimer, &QTimer::timeout, this, &ImportDialog::refreshPreview);
    connect(browse, &QPushButton::clicked, this, &ImportDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportDialog::formatChanged);
    connect(m_path, &QLineEdit::textChanged, this, &ImportDialog::pathEdited);
    connect(m_name, &QLineEdit::textEdited, this, [this] { m_nameEdited = true; });
    connect(m_name, &QLineEdit::textChanged, this, &ImportDialog::validate);
    connect(m_csv, &CsvMappingWidget::parsingChanged, m_previewTimer, qOverload<>(&QTimer::start));
    connect(m_csv, &CsvMappingWidget::rolesChanged, this, [this] {
        updatePreviewHeader();
        validate();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        rememberChoices();
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    const auto settings = openSettings();
    const auto lastFormat = parseImportFormat(toStdString(settings->value(settingskey::lastImportFormat).toString()));
    setFormat(lastFormat.value_or(ImportFormat::MovieTweetings));
    formatChanged();
}

void ImportDialog::setFormat(ImportFormat format)
{
    m_format->setCurrentIndex(m_format->findData(static_cast<int>(format)));
}

ImportFormat ImportDialog::format() const
{
    return static_cast<ImportFormat>(m_format->currentData().toInt());
}

void ImportDialog::setPath(const QString& path)
{
    m_path->setText(path);
}

QString ImportDialog::path() const
{
    return m_path->text().trimmed();
}

void ImportDialog::setDatasetName(const QString& name)
{
    m_name->setText(name);
    m_nameEdited = true;
}

QString ImportDialog::datasetName() const
{
    return m_name->text().trimmed();
}

ImportRequest ImportDialog::request() const
{
    ImportRequest request;
    request.format = format();
    request.path = toStdString(QDir::fromNativeSeparators(path()));
    if (request.format == ImportFormat::Csv)
        request.csv = m_csv->mapping();
    return request;
}

void ImportDialog::refreshPreview()
{
    m_previewTimer->stop();
    m_previewModel->clear();
    m_previewError.clear();
    m_firstRow.clear();
    if (path().isEmpty()) {
        validate();
        return;
    }
    auto rows = previewRows(request(), kPreviewRows + 1);
    if (!rows) {
        m_previewError = toQString(rows.error().message);
        validate();
        return;
    }
    int columns = 0;
    for (const auto& row : *rows)
        columns = std::max(columns, static_cast<int>(row.size()));
    if (!rows->empty())
        for (const std::string& field : rows->front())
            m_firstRow << toQString(field);

    const ImportFormat current = format();
    if (current == ImportFormat::Csv) {
        const auto mode = m_csv->headerMode();
        const int ratingColumn = m_csv->columnCount() == columns ? m_csv->mapping().ratingColumn : 2;
        m_hasHeader = mode == CsvMappingWidget::HeaderMode::Yes
            || (mode == CsvMappingWidget::HeaderMode::Detect && ratingColumn >= 0 && ratingColumn < m_firstRow.size()
                && !isNumber(m_firstRow[ratingColumn]));
        m_csv->setColumns(columns, m_hasHeader ? m_firstRow : QStringList());
    } else {
        m_hasHeader = current == ImportFormat::MovieLensCsv;
    }

    m_previewModel->setColumnCount(columns);
    for (std::size_t row = m_hasHeader ? 1 : 0; row < rows->size() && m_previewModel->rowCount() < kPreviewRows;
         ++row) {
        QList<QStandardItem*> cells;
        for (const std::string& field : (*rows)[row])
            cells << new QStandardItem(toQString(field));
        m_previewModel->appendRow(cells);
    }
    updatePreviewHeader();
    if (m_previewModel->rowCount() == 0)
        m_previewError = tr("The ratings file has no rows.");
    validate();
}

void ImportDialog::browse()
{
    const ImportFormatInfo info = importFormatInfo(format());
    QString start = path();
    if (start.isEmpty()) {
        // Until something was imported: the installed datasets folder, where the sample is.
        const QString sample = installedSampleDataset(QCoreApplication::applicationDirPath());
        const QString firstFolder = sample.isEmpty() ? QDir::homePath() : QFileInfo(sample).absolutePath();
        start = openSettings()->value(settingskey::lastImportFolder, firstFolder).toString();
    }
    QString chosen;
    if (info.readsFolder) {
        chosen = QFileDialog::getExistingDirectory(this, tr("Choose the %1 Folder").arg(info.label), start);
    } else {
        chosen = QFileDialog::getOpenFileName(this, tr("Choose the Ratings File"), start,
                                              tr("Ratings files (*.csv *.tsv *.txt *.dat);;All files (*)"));
    }
    if (!chosen.isEmpty())
        setPath(QDir::toNativeSeparators(chosen));
}

void ImportDialog::formatChanged()
{
    const ImportFormatInfo info = importFormatInfo(format());
    m_formatHint->setText(info.hint);
    m_csvGroup->setVisible(info.format == ImportFormat::Csv);
    m_path->setPlaceholderText(info.readsFolder ? tr("Folder with the dataset's files") : tr("Ratings file"));
    refreshPreview();
}

void ImportDialog::pathEdited()
{
    if (format() == ImportFormat::Csv && QFileInfo(path()).isFile())
        m_csv->setDelimiter(sniffDelimiter(path()));
    suggestName();
    m_previewTimer->start();
}

void ImportDialog::suggestName()
{
    if (m_nameEdited)
        return;
    const QFileInfo info(QDir::cleanPath(path()));
    const QString base = info.isDir() ? info.fileName() : info.completeBaseName();
    m_name->setText(uniqueDatasetName(base, m_takenNames));
}

void ImportDialog::validate()
{
    const ImportFormatInfo info = importFormatInfo(format());
    bool isError = true;
    if (path().isEmpty()) {
        m_problem = info.readsFolder ? tr("Choose the folder that holds the dataset's files.")
                                     : tr("Choose the ratings file to import.");
        isError = false;
    } else if (!m_previewError.isEmpty()) {
        m_problem = m_previewError;
    } else if (const QString nameProblem = datasetNameProblem(datasetName(), m_takenNames); !nameProblem.isEmpty()) {
        m_problem = nameProblem;
        isError = !datasetName().isEmpty();
    } else if (info.format == ImportFormat::Csv) {
        m_problem = m_csv->validationError();
    } else {
        m_problem.clear();
    }
    m_message->setText(m_problem);
    setErrorText(m_message, isError);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_problem.isEmpty());
}

void ImportDialog::updatePreviewHeader()
{
    const ImportFormatInfo info = importFormatInfo(format());
    for (int column = 0; column < m_previewModel->columnCount(); ++column) {
        QString title;
        if (info.format == ImportFormat::Csv) {
            const auto role = m_csv->role(column);
            const QString roleText = CsvMappingWidget::roleName(role);
            const QString name
                = m_hasHeader && column < m_firstRow.size() ? m_firstRow[column] : tr("Column %1").arg(column + 1);
            title = QStringLiteral("%1\n%2").arg(name,
                                                 role == CsvMappingWidget::Role::Ignore ? tr("(ignored)") : roleText);
        } else if (m_hasHeader && column < m_firstRow.size()) {
            title = m_firstRow[column];
        } else {
            title = column < info.columns.size() ? info.columns[column] : tr("Column %1").arg(column + 1);
        }
        m_previewModel->setHeaderData(column, Qt::Horizontal, title);
    }
}

void ImportDialog::rememberChoices()
{
    const auto settings = openSettings();
    settings->setValue(settingskey::lastImportFormat, toQString(importFormatName(format())));
    const QFileInfo chosen(QDir::cleanPath(path()));
    // The folder that holds the dataset folder (or file), where the next one most likely sits too.
    settings->setValue(settingskey::lastImportFolder, chosen.absolutePath());
}

} // namespace fsr::ui
