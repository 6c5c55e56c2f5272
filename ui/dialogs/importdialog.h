#pragma once

#include "io/importer.h"

#include <QDialog>
#include <QSet>

class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QStandardItemModel;
class QTableView;
class QTimer;

namespace fsr::ui {

class CsvMappingWidget;

/// Asks what to import: format, file or folder, dataset name and, for CSV, the column mapping,
/// with a live preview of the first rows. It only collects the request; the Datasets page runs it.
class ImportDialog : public QDialog {
    Q_OBJECT

public:
    /// `takenNames`: names already in the database (a new dataset needs another one).
    explicit ImportDialog(QSet<QString> takenNames, QWidget* parent = nullptr);

    void setFormat(ImportFormat format);
    ImportFormat format() const;
    void setPath(const QString& path);
    QString path() const;
    void setDatasetName(const QString& name);
    QString datasetName() const;
    CsvMappingWidget* csvMapping() const { return m_csv; }

    ImportRequest request() const;
    /// Why the import cannot start yet (shown under the form); empty when it can.
    QString problem() const { return m_problem; }
    QStandardItemModel* previewModel() const { return m_previewModel; }

    /// Rows the preview shows.
    static constexpr int kPreviewRows = 20;

public Q_SLOTS:
    /// Reads the first rows again (normally debounced after each change).
    void refreshPreview();

private:
    void browse();
    void formatChanged();
    void pathEdited();
    void suggestName();
    void validate();
    void updatePreviewHeader();
    void rememberChoices();

    QSet<QString> m_takenNames;
    QComboBox* m_format;
    QLabel* m_formatHint;
    QLineEdit* m_path;
    QLineEdit* m_name;
    QGroupBox* m_csvGroup;
    CsvMappingWidget* m_csv;
    QTableView* m_preview;
    QStandardItemModel* m_previewModel;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
    QTimer* m_previewTimer;
    QString m_previewError;
    QString m_problem;
    QStringList m_firstRow;
    bool m_hasHeader = false;
    bool m_nameEdited = false;
};

} // namespace fsr::ui
