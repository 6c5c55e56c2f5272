#pragma once

#include <QMetaType>
#include <QString>

namespace fsr::ui {

/// Why a job ended without a result. A cancellation is not an error the user must read.
struct JobFailure {
    QString message;
    bool cancelled = false;
};

} // namespace fsr::ui

Q_DECLARE_METATYPE(fsr::ui::JobFailure)
