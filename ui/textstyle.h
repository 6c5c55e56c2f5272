#pragma once

class QWidget;

namespace fsr::ui {

/// Secondary text (hints, empty states): the palette's placeholder colour, so themes keep working.
void setMutedText(QWidget* widget);
/// Red for errors the user must act on, muted for mere prompts.
void setErrorText(QWidget* widget, bool isError = true);

} // namespace fsr::ui
