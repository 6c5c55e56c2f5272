#pragma once

#include "attention/heatmapdata.h"
#include "inspector/inspection.h"
#include "pages/inspectorpage.h"

class QComboBox;
class QLabel;
class QSpinBox;

namespace fsr::ui {

class AttentionHeatmap;
class DatabaseSession;
class InspectorSession;
class RunUserPicker;
class SupportSizeSlider;

/// The attention model's weights for one user: rows are the items it recommends after adapting
/// (or the user's held-out query items), columns the user's support items, colour how much each
/// row attends to each support item, per layer and head or averaged over heads.
class AttentionPage : public InspectorPage {
    Q_OBJECT

public:
    explicit AttentionPage(DatabaseSession* session, QWidget* parent = nullptr);

    AttentionHeatmap* heatmap() const { return m_heatmap; }
    RunUserPicker* picker() const { return m_picker; }
    QComboBox* layerCombo() const { return m_layer; }
    QComboBox* headCombo() const { return m_head; }
    QComboBox* rowsCombo() const { return m_rows; }
    QString cellDetails() const;
    /// Shows the details of one cell as a click would.
    void showCell(int row, int column);

private:
    void showInspection(const UserInspection& inspection) override;
    void clearInspection() override;
    void updateHeatmap();
    const AttentionMap* currentMap() const;

    RunUserPicker* m_picker;
    SupportSizeSlider* m_slider;
    QSpinBox* m_topN;
    QComboBox* m_rows;
    QComboBox* m_layer;
    QComboBox* m_head;
    QLabel* m_title;
    QLabel* m_details;
    AttentionHeatmap* m_heatmap;
    QLabel* m_cell;
};

} // namespace fsr::ui
