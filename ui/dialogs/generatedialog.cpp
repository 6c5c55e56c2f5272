#include "dialogs/generatedialog.h"

#include "dialogs/datasetnames.h"
#include "textstyle.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace fsr::ui {

namespace {

QSpinBox* spinBox(int minimum, int maximum, int value, const QString& tip, QWidget* parent)
{
    auto* box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setValue(value);
    box->setGroupSeparatorShown(true);
    box->setToolTip(tip);
    box->setAccelerated(true);
    return box;
}

} // namespace

GenerateDialog::GenerateDialog(QSet<QString> takenNames, QWidget* parent)
    : QDialog(parent)
    , m_takenNames(std::move(takenNames))
    , m_name(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Generate Synthetic Dataset"));
    const GeneratorConfig defaults;
    m_users = spinBox(10, 1000000, defaults.users, tr("Number of users"), this);
    m_items = spinBox(10, 200000, defaults.items, tr("Number of items in the catalog"), this);
    m_clusters = spinBox(1, 64, defaults.clusters,
                         tr("Taste groups: each loves a few genres and dislikes others. A model that finds them "
                            "from a few ratings beats one that cannot."),
                         this);
    m_medianRatings = spinBox(defaults.minRatings, 1000, static_cast<int>(defaults.medianRatings),
                              tr("Typical number of ratings per user; activity is long-tailed around it"), this);
    m_seed = spinBox(0, 999999999, static_cast<int>(defaults.seed),
                     tr("The same seed and settings give the same dataset"), this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_users->setObjectName(QStringLiteral("usersSpin"));
    m_items->setObjectName(QStringLiteral("itemsSpin"));
    m_clusters->setObjectName(QStringLiteral("clustersSpin"));
    m_seed->setObjectName(QStringLiteral("seedSpin"));

    m_name->setText(uniqueDatasetName(QStringLiteral("synthetic"), m_takenNames));

    auto* intro = new QLabel(tr("Users are drawn from taste clusters over genre-tagged items, with realistic "
                                "long-tailed activity. Ratings are 1\u20135 stars."),
                             this);
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Users:"), m_users);
    form->addRow(tr("&Items:"), m_items);
    form->addRow(tr("Taste &clusters:"), m_clusters);
    form->addRow(tr("&Median ratings per user:"), m_medianRatings);
    form->addRow(tr("&Seed:"), m_seed);
    m_message->setWordWrap(true);
    setErrorText(m_message);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Generate"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(440);

    connect(m_name, &QLineEdit::textChanged, this, &GenerateDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

QString GenerateDialog::datasetName() const
{
    return m_name->text().trimmed();
}

void GenerateDialog::setDatasetName(const QString& name)
{
    m_name->setText(name);
}

GeneratorConfig GenerateDialog::config() const
{
    GeneratorConfig config;
    config.users = m_users->value();
    config.items = m_items->value();
    config.clusters = m_clusters->value();
    config.medianRatings = m_medianRatings->value();
    config.seed = static_cast<unsigned long long>(m_seed->value());
    return config;
}

void GenerateDialog::validate()
{
    m_problem = datasetNameProblem(datasetName(), m_takenNames);
    m_message->setText(m_problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_problem.isEmpty());
}

} // namespace fsr::ui
