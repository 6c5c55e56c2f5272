#include "pages/experimentpage.h"

namespace fsr::ui {

ExperimentPage::ExperimentPage(DatabaseSession*, QWidget* parent)
    : PlaceholderPage(tr("Set up an experiment"),
                      tr("Here you will pick a dataset, a few-shot protocol, a base model and an adaptation method, with an explanation of each choice and validated hyperparameters, and start a run. Import a dataset on the Datasets page first."),
                      parent)
{
}

} // namespace fsr::ui
