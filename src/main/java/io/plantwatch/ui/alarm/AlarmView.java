package io.plantwatch.ui.alarm;

import io.plantwatch.domain.AlarmState;
import io.plantwatch.ui.Isa101;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The alarm table (time, tag, priority, state, value, limit) with Acknowledge (operator name +
 * optional note; shortcut Ctrl+K). Priority cells carry the priority's colour; unacknowledged rows
 * are bold. Everything else stays grey (ISA-101).
 */
public final class AlarmView {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @FXML
    private TableView<AlarmRow> table;
    @FXML
    private TableColumn<AlarmRow, String> timeColumn;
    @FXML
    private TableColumn<AlarmRow, String> tagColumn;
    @FXML
    private TableColumn<AlarmRow, Integer> priorityColumn;
    @FXML
    private TableColumn<AlarmRow, AlarmState> stateColumn;
    @FXML
    private TableColumn<AlarmRow, String> valueColumn;
    @FXML
    private TableColumn<AlarmRow, String> limitColumn;
    @FXML
    private TableColumn<AlarmRow, String> noteColumn;
    @FXML
    private Button acknowledgeButton;
    @FXML
    private Label messageLabel;
    @FXML
    private Label countLabel;

    private final AlarmViewModel viewModel;

    public AlarmView(AlarmViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        table.setItems(viewModel.rows());
        timeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(TIME.format(Instant.ofEpochMilli(c.getValue().eventTimeMillis()))));
        tagColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().tag()));
        priorityColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().priority()));
        stateColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().state()));
        valueColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(format(c.getValue().value()) + " " + c.getValue().unit()));
        limitColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().level() + " " + format(c.getValue().limit())
                + " " + c.getValue().unit()));
        noteColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().state() == AlarmState.ACKED
                ? c.getValue().actor() + (c.getValue().comment().isEmpty() ? "" : ": " + c.getValue().comment()) : ""));
        priorityColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Integer p, boolean empty) {
                super.updateItem(p, empty);
                if (empty || p == null) {
                    setText(null);
                    setStyle("");
                } else {
                    setText("P" + p);
                    setStyle("-fx-background-color: " + Isa101.css(Isa101.priority(p)) + "; -fx-text-fill: "
                            + (p == 3 ? "#1e1e1e" : "white") + "; -fx-font-weight: bold; -fx-alignment: center;");
                }
            }
        });
        table.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(AlarmRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("unacknowledged");
                if (!empty && row != null && row.state().needsAck()) {
                    getStyleClass().add("unacknowledged");
                }
            }
        });
        table.setPlaceholder(new Label("No alarms"));
        acknowledgeButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        messageLabel.textProperty().bind(viewModel.messageProperty());
        countLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> viewModel.rows().size() + " alarms, "
                        + viewModel.rows().stream().filter(r -> r.state().needsAck()).count() + " unacknowledged",
                viewModel.rows()));
        table.sceneProperty().addListener((o, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), this::acknowledgeSelected);
            }
        });
    }

    @FXML
    private void acknowledgeSelected() {
        AlarmRow row = table.getSelectionModel().getSelectedItem();
        if (row == null) {
            return;
        }
        Optional<AcknowledgeDialog.Result> r = new AcknowledgeDialog(row, viewModel.lastOperatorProperty().get(),
                table.getScene() == null ? null : table.getScene().getWindow()).showAndWait();
        r.ifPresent(res -> viewModel.acknowledge(row.alarmId(), res.operator(), res.note()));
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        double a = Math.abs(v);
        return a >= 100 ? String.format("%.1f", v) : a >= 1 ? String.format("%.2f", v) : String.format("%.4f", v);
    }
}
