#include "pages/experimentpage.h"

#include "appsettings.h"
#include "databasesession.h"
#include "experiment/device.h"
#include "experiment/explanations.h"
#include "experiment/parameterform.h"
#include "experiment/runqueue.h"
#include "qtconvert.h"
#include "spec/config.h"
#include "textstyle.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <limits>

namespace fsr::ui {

namespace {

const QString kLastConfigKey = QStringLiteral("experiment/lastConfig");
const QString kLastPresetKey = QStringLiteral("experiment/lastPreset");
const QString kPresetFolder = QStringLiteral(":/presets");

QComboBox* kindPicker(KindFamily family, QWidget* parent)
{
    auto* combo = new QComboBox(parent);
    combo->setObjectName(familyKey(family) + QStringLiteral("Kind"));
    for (const QString& kind : kindsOf(family)) {
        combo->addItem(kindTitle(family, kind), kind);
        combo->setItemData(combo->count() - 1, kindSummary(family, kind), Qt::ToolTipRole);
    }
    return combo;
}

void select(QComboBox* combo, const QString& data)
{
    const int index = combo->findData(data);
    if (index >= 0)
        combo->setCurrentIndex(index);
}

} // namespace

ExperimentPage::ExperimentPage(DatabaseSession* session, RunQueue* queue, QWidget* parent)
    : Page(parent)
    , m_session(session)
    , m_queue(queue)
    , m_preset(new QComboBox(this))
    , m_loadPreset(new QPushButton(tr("Load Preset"), this))
    , m_dataset(new QComboBox(this))
    , m_protocol(kindPicker(KindFamily::Protocol, this))
    , m_model(kindPicker(KindFamily::Model, this))
    , m_method(kindPicker(KindFamily::Method, this))
    , m_device(new QComboBox(this))
    , m_deviceNote(new QLabel(this))
    , m_seed(new QSpinBox(this))
    , m_explanation(new QTextBrowser(this))
    , m_status(new QLabel(this))
    , m_start(new QPushButton(tr("Start Run"), this))
{
    m_preset->setObjectName(QStringLiteral("presetCombo"));
    m_loadPreset->setObjectName(QStringLiteral("loadPresetButton"));
    m_dataset->setObjectName(QStringLiteral("datasetCombo"));
    m_device->setObjectName(QStringLiteral("deviceCombo"));
    m_seed->setObjectName(QStringLiteral("seedSpin"));
    m_explanation->setObjectName(QStringLiteral("explanation"));
    m_status->setObjectName(QStringLiteral("experimentStatus"));
    m_start->setObjectName(QStringLiteral("startRunButton"));

    m_preset->addItems(presetNames());
    m_preset->setToolTip(tr("Ready-made experiments for lessons; Load fills in every choice and setting"));
    m_preset->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_loadPreset->setToolTip(tr("Replace the current choices with the preset"));

    const bool cuda = cudaAvailable();
    m_device->addItem(cuda ? tr("Automatic (CUDA)") : tr("Automatic (CPU)"), QStringLiteral("auto"));
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_device->addItem(cuda ? tr("CUDA GPU") : tr("CUDA GPU (not available)"), QStringLiteral("cuda"));
    if (!cuda)
        qobject_cast<QStandardItemModel*>(m_device->model())->item(2)->setEnabled(false);
    m_deviceNote->setObjectName(QStringLiteral("deviceNote"));
    m_deviceNote->setText(cuda ? tr("CUDA is available") : tr("No CUDA device: runs use the CPU"));
    setMutedText(m_deviceNote);
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(static_cast<int>(ExperimentConfig().seed));
    m_seed->setToolTip(tr("Same seed, same config, same data: the same split and the same result"));
    m_dataset->setToolTip(tr("A dataset from this database (import one on the Datasets page)"));
    m_dataset->setPlaceholderText(tr("No datasets yet"));
    // Combos size to a sensible width, not to their longest entry, so the page fits 1280 px.
    for (QComboBox* combo : {m_dataset, m_protocol, m_model, m_method, m_device}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(16);
    }

    auto* choices = new QGroupBox(tr("Experiment"), this);
    auto* choiceForm = new QFormLayout(choices);
    choiceForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    choiceForm->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    choiceForm->addRow(tr("Dataset:"), m_dataset);
    choiceForm->addRow(tr("Protocol:"), m_protocol);
    choiceForm->addRow(tr("Base model:"), m_model);
    choiceForm->addRow(tr("Adaptation:"), m_method);
    choiceForm->addRow(tr("Device:"), m_device);
    choiceForm->addRow(QString(), m_deviceNote);
    choiceForm->addRow(tr("Seed:"), m_seed);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(choices);
    leftLayout->addWidget(addForm(QStringLiteral("protocol"), tr("Protocol settings"), m_protocolForm));
    leftLayout->addWidget(addForm(QStringLiteral("eval"), tr("Evaluation"), m_evalForm));
    leftLayout->addStretch(1);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_modelBox = addForm(QStringLiteral("model"), tr("Model settings"), m_modelForm);
    m_trainBox = addForm(QStringLiteral("train"), tr("Training"), m_trainForm);
    m_methodBox = addForm(QStringLiteral("method"), tr("Adaptation settings"), m_methodForm);
    rightLayout->addWidget(m_modelBox);
    rightLayout->addWidget(m_trainBox);
    rightLayout->addWidget(m_methodBox);
    rightLayout->addStretch(1);

    auto* forms = new QWidget(this);
    auto* formsLayout = new QHBoxLayout(forms);
    formsLayout->addWidget(left, 1);
    formsLayout->addWidget(right, 1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(forms);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_explanation->setOpenExternalLinks(true);
    m_explanation->setMinimumWidth(280);
    auto* explanationBox = new QGroupBox(tr("About these choices"), this);
    auto* explanationLayout = new QVBoxLayout(explanationBox);
    explanationLayout->addWidget(m_explanation);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(scroll);
    split->addWidget(explanationBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Preset:"), this));
    top->addWidget(m_preset);
    top->addWidget(m_loadPreset);
    top->addStretch(1);
    auto* bottom = new QHBoxLayout;
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bottom->addWidget(m_status, 1);
    m_start->setDefault(true);
    m_start->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-start")));
    m_start->setToolTip(tr("Queue this experiment; it trains on a worker thread and appears on the Training page"));
    bottom->addWidget(m_start);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addLayout(bottom);

    for (QComboBox* combo : {m_protocol, m_model, m_method})
        connect(combo, &QComboBox::currentIndexChanged, this, &ExperimentPage::kindsChanged);
    for (QComboBox* combo : {m_dataset, m_device})
        connect(combo, &QComboBox::currentIndexChanged, this, &ExperimentPage::validate);
    connect(m_seed, &QSpinBox::valueChanged, this, &ExperimentPage::validate);
    for (ParameterForm* form : {m_protocolForm, m_modelForm, m_trainForm, m_methodForm, m_evalForm})
        connect(form, &ParameterForm::changed, this, &ExperimentPage::validate);
    connect(m_loadPreset, &QPushButton::clicked, this, [this] { loadPreset(m_preset->currentText()); });
    connect(m_start, &QPushButton::clicked, this, &ExperimentPage::start);
    connect(m_session, &DatabaseSession::opened, this, &ExperimentPage::reloadDatasets);
    connect(m_session, &DatabaseSession::datasetsChanged, this, &ExperimentPage::reloadDatasets);

    m_evalForm->setSpecs(paramsFor(QStringLiteral("eval")));
    kindsChanged();
    reloadDatasets();

    const auto settings = openSettings();
    const int preset = m_preset->findText(settings->value(kLastPresetKey).toString());
    if (preset >= 0)
        m_preset->setCurrentIndex(preset);
    const QJsonObject last = QJsonDocument::fromJson(settings->value(kLastConfigKey).toByteArray()).object();
    if (!last.isEmpty())
        applyConfig(last);
    m_presetNote.clear();
    validate();
}

QGroupBox* ExperimentPage::addForm(const QString& section, const QString& title, ParameterForm*& form)
{
    auto* box = new QGroupBox(title, this);
    box->setObjectName(section + QStringLiteral("Box"));
    form = new ParameterForm(box);
    form->setObjectName(section + QStringLiteral("Form"));
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(form);
    return box;
}

QString ExperimentPage::currentKind(KindFamily family) const
{
    return kindCombo(family)->currentData().toString();
}

QComboBox* ExperimentPage::kindCombo(KindFamily family) const
{
    switch (family) {
    case KindFamily::Protocol:
        return m_protocol;
    case KindFamily::Model:
        return m_model;
    case KindFamily::Method:
        return m_method;
    }
    return nullptr;
}

ParameterForm* ExperimentPage::form(const QString& section) const
{
    if (section == QLatin1String("protocol"))
        return m_protocolForm;
    if (section == QLatin1String("model"))
        return m_modelForm;
    if (section == QLatin1String("train"))
        return m_trainForm;
    if (section == QLatin1String("method"))
        return m_methodForm;
    if (section == QLatin1String("eval"))
        return m_evalForm;
    return nullptr;
}

void ExperimentPage::reloadDatasets()
{
    const QString current = m_dataset->currentText();
    const QSignalBlocker blocker(m_dataset);
    m_dataset->clear();
    for (const DatasetSummary& dataset : m_session->datasets())
        m_dataset->addItem(toQString(dataset.name));
    const int index = m_dataset->findText(current);
    if (index >= 0)
        m_dataset->setCurrentIndex(index);
    // With a placeholder set, Qt 6 does not select the first item by itself.
    if (m_dataset->currentIndex() < 0 && m_dataset->count() > 0)
        m_dataset->setCurrentIndex(0);
    validate();
}

void ExperimentPage::kindsChanged()
{
    const QString model = currentKind(KindFamily::Model);
    const bool learned = isLearnedModel(model);
    // Counting models have nothing to train or adapt: core ignores the method for them, so the
    // page says so instead of offering settings that would do nothing.
    m_method->setEnabled(learned);
    if (!learned) {
        const QSignalBlocker blocker(m_method);
        select(m_method, nonAdaptingMethod());
    }
    m_method->setToolTip(learned ? tr("How the model adapts to a new user from the support")
                                 : tr("Only learned models (biased MF, neural, attention) can be adapted"));
    const QString modelTitle = kindTitle(KindFamily::Model, model);
    m_modelForm->setEmptyText(tr("%1 has no settings.").arg(modelTitle));
    m_trainForm->setEmptyText(tr("%1 is fitted by counting ratings: there is nothing to train.").arg(modelTitle));
    m_methodForm->setEmptyText(learned ? tr("The trained model is used as it is: nothing to set.")
                                       : tr("%1 is not learned, so there is nothing to adapt; it reads the "
                                            "support directly where it can.")
                                             .arg(modelTitle));

    m_protocolForm->setSpecs(paramsFor(QStringLiteral("protocol"), currentKind(KindFamily::Protocol)));
    m_modelForm->setSpecs(paramsFor(QStringLiteral("model"), model));
    m_trainForm->setSpecs(learned ? paramsFor(QStringLiteral("train")) : std::vector<ParamSpec>());
    m_methodForm->setSpecs(paramsFor(QStringLiteral("method"), currentKind(KindFamily::Method)));
    m_methodBox->setTitle(
        tr("Adaptation settings: %1").arg(kindTitle(KindFamily::Method, currentKind(KindFamily::Method))));
    m_modelBox->setTitle(tr("Model settings: %1").arg(kindTitle(KindFamily::Model, model)));
    updateExplanation();
    validate();
}

void ExperimentPage::updateExplanation()
{
    QStringList parts;
    for (KindFamily family : {KindFamily::Protocol, KindFamily::Model, KindFamily::Method}) {
        if (family == KindFamily::Method && !isLearnedModel(currentKind(KindFamily::Model)))
            continue;
        parts << explanationMarkdown(family, currentKind(family));
    }
    m_explanation->setMarkdown(parts.join(QStringLiteral("\n\n---\n\n")));
}

QJsonObject ExperimentPage::config() const
{
    QJsonObject root;
    root.insert(QStringLiteral("dataset"), m_dataset->currentText());
    root.insert(QStringLiteral("seed"), m_seed->value());
    root.insert(QStringLiteral("device"), m_device->currentData().toString());
    const auto section = [](ParameterForm* form, const QString& kind) {
        QJsonObject object = form->values();
        if (!kind.isEmpty())
            object.insert(QStringLiteral("kind"), kind);
        return object;
    };
    root.insert(QStringLiteral("protocol"), section(m_protocolForm, currentKind(KindFamily::Protocol)));
    root.insert(QStringLiteral("model"), section(m_modelForm, currentKind(KindFamily::Model)));
    if (isLearnedModel(currentKind(KindFamily::Model)))
        root.insert(QStringLiteral("train"), section(m_trainForm, QString()));
    root.insert(QStringLiteral("method"), section(m_methodForm, currentKind(KindFamily::Method)));
    root.insert(QStringLiteral("eval"), section(m_evalForm, QString()));
    return root;
}

void ExperimentPage::validate()
{
    if (m_applying)
        return;
    QString problem;
    if (m_dataset->count() == 0)
        problem = tr("Import a dataset on the Datasets page first.");
    for (ParameterForm* form : {m_protocolForm, m_modelForm, m_trainForm, m_methodForm, m_evalForm}) {
        form->clearExternalErrors();
        if (problem.isEmpty())
            problem = form->firstError();
    }
    if (problem.isEmpty()) {
        // Core's parser is the final judge (cross-field rules such as query size < min ratings);
        // its message names a JSON path, which is put on that field.
        const QByteArray json = QJsonDocument(config()).toJson(QJsonDocument::Compact);
        const auto parsed = parseExperimentConfig(json.toStdString());
        if (!parsed) {
            const QString message = toQString(parsed.error().message);
            problem = message;
            const QString path = message.section(QStringLiteral(": "), 0, 0);
            const QString section = path.section(QLatin1Char('.'), 0, 0);
            if (ParameterForm* target = form(section))
                target->setExternalError(path.section(QLatin1Char('.'), 1), message.section(QStringLiteral(": "), 1));
        }
    }
    m_problem = problem;
    m_start->setEnabled(problem.isEmpty());
    if (!problem.isEmpty()) {
        m_status->setText(tr("Cannot start: %1").arg(problem));
        setErrorText(m_status);
    } else {
        m_status->setText(m_presetNote.isEmpty() ? tr("Ready. Start queues the run; follow it on the Training page.")
                                                 : m_presetNote);
        setMutedText(m_status);
    }
}

void ExperimentPage::applyConfig(const QJsonObject& config)
{
    m_applying = true;
    {
        const QSignalBlocker protocol(m_protocol), model(m_model), method(m_method);
        select(m_protocol,
               config.value(QStringLiteral("protocol")).toObject().value(QStringLiteral("kind")).toString());
        select(m_model, config.value(QStringLiteral("model")).toObject().value(QStringLiteral("kind")).toString());
        select(m_method, config.value(QStringLiteral("method")).toObject().value(QStringLiteral("kind")).toString());
    }
    kindsChanged();
    m_presetNote.clear();
    const QString dataset = config.value(QStringLiteral("dataset")).toString();
    const int datasetIndex = m_dataset->findText(dataset);
    if (datasetIndex >= 0)
        m_dataset->setCurrentIndex(datasetIndex);
    else if (!dataset.isEmpty() && m_dataset->count() > 0)
        m_presetNote = tr("The dataset \u201c%1\u201d is not in this database; using \u201c%2\u201d.")
                           .arg(dataset, m_dataset->currentText());
    if (config.contains(QStringLiteral("seed")))
        m_seed->setValue(config.value(QStringLiteral("seed")).toInt());
    select(m_device, config.value(QStringLiteral("device")).toString(QStringLiteral("auto")));
    for (const QString& section : {QStringLiteral("protocol"), QStringLiteral("model"), QStringLiteral("train"),
                                   QStringLiteral("method"), QStringLiteral("eval")})
        form(section)->setValues(config.value(section).toObject());
    m_applying = false;
    validate();
}

QStringList ExperimentPage::presetNames() const
{
    QStringList names;
    for (const QFileInfo& file : QDir(kPresetFolder).entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        names << file.completeBaseName();
    return names;
}

bool ExperimentPage::loadPreset(const QString& name)
{
    QFile file(QStringLiteral("%1/%2.json").arg(kPresetFolder, name));
    if (!file.open(QIODevice::ReadOnly)) {
        showMessage(tr("Load Preset"), tr("There is no preset \u201c%1\u201d.").arg(name));
        return false;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (!document.isObject()) {
        showMessage(tr("Load Preset"),
                    tr("The preset \u201c%1\u201d is not a JSON object: %2").arg(name, error.errorString()));
        return false;
    }
    applyConfig(document.object());
    openSettings()->setValue(kLastPresetKey, name);
    if (m_presetNote.isEmpty())
        m_presetNote = tr("Loaded the preset \u201c%1\u201d.").arg(name);
    validate();
    return true;
}

int ExperimentPage::start()
{
    validate();
    if (!canStart()) {
        showMessage(tr("Cannot Start"), m_problem);
        return 0;
    }
    const QByteArray json = QJsonDocument(config()).toJson(QJsonDocument::Compact);
    const auto parsed = parseExperimentConfig(json.toStdString());
    if (!parsed) {
        showMessage(tr("Cannot Start"), toQString(parsed.error().message));
        return 0;
    }
    // What runs is exactly what core read back, every default written out.
    const QString configJson = toQString(experimentConfigToJson(*parsed));
    const QString device = parsed->device == "auto" ? toQString(autoDevice()) : toQString(parsed->device);
    const QString title
        = tr("%1 + %2 on %3")
              .arg(toQString(parsed->model.kind), toQString(parsed->method.kind), toQString(parsed->dataset));
    remember();
    const int id = m_queue->enqueue(m_session->path(), configJson, title, device);
    m_presetNote = tr("Queued: %1.").arg(title);
    validate();
    Q_EMIT runQueued(id);
    return id;
}

void ExperimentPage::remember() const
{
    openSettings()->setValue(kLastConfigKey, QJsonDocument(config()).toJson(QJsonDocument::Compact));
}

void ExperimentPage::showMessage(const QString& title, const QString& text)
{
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("experimentMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace fsr::ui
