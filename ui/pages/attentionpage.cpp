#include "pages/attentionpage.h"

namespace fsr::ui {

AttentionPage::AttentionPage(DatabaseSession*, QWidget* parent)
    : PlaceholderPage(tr("No attention run selected"),
                      tr("Here you will see the attention weights of an attention-model run as a heatmap: which of a user's support items each recommended item attends to, per layer and head. It needs a finished run of the attention model."),
                      parent)
{
}

} // namespace fsr::ui
