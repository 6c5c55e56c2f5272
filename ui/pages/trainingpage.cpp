#include "pages/trainingpage.h"

namespace fsr::ui {

TrainingPage::TrainingPage(DatabaseSession*, QWidget* parent)
    : PlaceholderPage(tr("No run in progress"),
                      tr("Here you will follow a run while it trains: live loss curves, progress with time remaining, the current phase and a log. Start a run on the Experiment page."),
                      parent)
{
}

} // namespace fsr::ui
