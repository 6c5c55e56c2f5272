#include "pages/comparepage.h"

namespace fsr::ui {

ComparePage::ComparePage(DatabaseSession*, QWidget* parent)
    : PlaceholderPage(tr("No runs to compare"),
                      tr("Here you will compare finished runs: a table of their settings and metrics, overlaid loss curves, metric bars and metric-versus-support-size curves. It needs at least one finished run."),
                      parent)
{
}

} // namespace fsr::ui
