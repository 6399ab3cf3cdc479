package io.plantwatch.ui.alarm;

import io.plantwatch.domain.AlarmState;
import io.plantwatch.ui.Isa101;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
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
 * The alarm table (time, tag, priority, state, value, limit) with Acknowledge (as the logged-in
 * operator, with an optional note; shortcut Ctrl+K). The action buttons are disabled while nobody
 * with the operator role is logged in. Priority cells carry the priority's colour; unacknowledged rows
 * are bold. Everything else stays grey (ISA-101). The context menu also offers the catalog commands of
 * the alarm's device (e.g. "Shut down P-101"), leading to select-before-operate.
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
    @FXML
    private Button acknowledgeAllButton;
    @FXML
    private Button shelveButton;
    @FXML
    private javafx.scene.control.ToggleButton showHiddenToggle;
    @FXML
    private Label rationaleLabel;

    @FXML
    private Button silenceButton;

    private final AlarmViewModel viewModel;
    private final AnnunciationPolicy annunciation;
    private final io.plantwatch.ui.command.CommandsViewModel commands;

    /** An alarm table without device commands in its context menu. */
    public AlarmView(AlarmViewModel viewModel, AnnunciationPolicy annunciation) {
        this(viewModel, annunciation, null);
    }

    /**
     * @param commands the command screens' state: the context menu offers the catalog commands of the
     *                 alarm's device ("Shut down P-101"); null for none
     */
    public AlarmView(AlarmViewModel viewModel, AnnunciationPolicy annunciation,
            io.plantwatch.ui.command.CommandsViewModel commands) {
        this.viewModel = viewModel;
        this.annunciation = annunciation;
        this.commands = commands;
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
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        // actions need a logged-in operator (the service refuses them otherwise, too)
        acknowledgeButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull()
                .or(viewModel.mayActProperty().not()));
        shelveButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull()
                .or(viewModel.mayActProperty().not()));
        acknowledgeAllButton.disableProperty().bind(viewModel.mayActProperty().not());
        silenceButton.disableProperty().bind(annunciation.soundingProperty().not());
        messageLabel.textProperty().bind(viewModel.messageProperty());
        countLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> viewModel.rows().size() + " alarms, "
                        + viewModel.rows().stream().filter(r -> r.state().needsAck()).count() + " unacknowledged, "
                        + viewModel.hiddenCountProperty().get() + " shelved/suppressed/out of service",
                viewModel.rows(), viewModel.hiddenCountProperty()));
        showHiddenToggle.selectedProperty().bindBidirectional(viewModel.showHiddenProperty());
        table.getSelectionModel().selectedItemProperty().addListener((o, old, row) -> showRationale(row));
        table.setContextMenu(contextMenu());
        table.sceneProperty().addListener((o, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), this::acknowledgeSelected);
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN,
                        KeyCombination.SHIFT_DOWN), this::acknowledgeAllVisible);
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN), this::silence);
            }
        });
    }

    private javafx.scene.control.ContextMenu contextMenu() {
        javafx.scene.control.MenuItem ack = item("Acknowledge…", this::acknowledgeSelected);
        javafx.scene.control.MenuItem shelve = item("Shelve…", this::shelveSelected);
        javafx.scene.control.MenuItem unshelve = item("Unshelve", () -> simpleAction("Unshelve", viewModel::unshelve));
        javafx.scene.control.MenuItem oos = item("Remove from service…", this::removeSelectedFromService);
        javafx.scene.control.MenuItem rts = item("Return to service", () -> simpleAction("Return to service",
                viewModel::returnToService));
        javafx.scene.control.MenuItem reset = item("Reset (latched)", () -> simpleAction("Reset", viewModel::reset));
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(ack, shelve, unshelve,
                new javafx.scene.control.SeparatorMenuItem(), oos, rts, new javafx.scene.control.SeparatorMenuItem(), reset);
        int fixed = menu.getItems().size();
        menu.setOnShowing(e -> {
            // the catalog commands of the selected alarm's device (P-101/flow → P-101), after the alarm actions
            menu.getItems().remove(fixed, menu.getItems().size());
            AlarmRow selected = table.getSelectionModel().getSelectedItem();
            if (commands != null && selected != null) {
                var defs = commands.commandsForTag(selected.tag());
                if (!defs.isEmpty()) {
                    menu.getItems().add(new javafx.scene.control.SeparatorMenuItem());
                }
                menu.getItems().addAll(io.plantwatch.ui.command.CommandMenus.forTag(commands, selected.tag(), this::window));
            }
            AlarmRow r = viewModel.mayActProperty().get() ? table.getSelectionModel().getSelectedItem() : null;
            AlarmState s = r == null ? null : r.state();
            ack.setDisable(s == null || !s.needsAck());
            shelve.setDisable(s == null || s.isHidden());
            unshelve.setDisable(s != AlarmState.SHELVED);
            oos.setDisable(s == null || s == AlarmState.OUT_OF_SERVICE);
            rts.setDisable(s != AlarmState.OUT_OF_SERVICE);
            reset.setDisable(s == null || s != AlarmState.ACKED);
        });
        return menu;
    }

    private static javafx.scene.control.MenuItem item(String text, Runnable action) {
        javafx.scene.control.MenuItem m = new javafx.scene.control.MenuItem(text);
        m.setOnAction(e -> action.run());
        return m;
    }

    private void showRationale(AlarmRow row) {
        if (row == null) {
            rationaleLabel.setText("");
            return;
        }
        var r = viewModel.rationale(row.alarmId());
        rationaleLabel.setText(r.isEmpty() ? row.alarmId() + ": no rationale documented"
                : row.alarmId() + "   Cause: " + r.cause() + "   Consequence: " + r.consequence()
                        + "   Action: " + r.action());
    }

    private javafx.stage.Window window() {
        return table.getScene() == null ? null : table.getScene().getWindow();
    }

    @FXML
    private void acknowledgeSelected() {
        if (!viewModel.mayActProperty().get()) {
            return;
        }
        List<AlarmRow> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (selected.isEmpty()) {
            return;
        }
        String what = selected.size() == 1 ? selected.get(0).alarmId() + " (P" + selected.get(0).priority() + ", "
                + selected.get(0).state() + ")" : selected.size() + " selected alarms";
        new OperatorDialog("Acknowledge", "Acknowledge " + what, "Acknowledge", "Note",
                viewModel.ackNoteRequired(selected), null,
                viewModel.operator(), window()).showAndWait()
                .ifPresent(res -> viewModel.acknowledgeAll(selected, res.note()));
    }

    /** Silences the alarm tone; alarms stay unacknowledged (Ctrl+M). */
    @FXML
    private void silence() {
        annunciation.silence();
    }

    @FXML
    private void acknowledgeAllVisible() {
        if (!viewModel.mayActProperty().get()) {
            return;
        }
        List<AlarmRow> visible = List.copyOf(table.getItems());
        long n = visible.stream().filter(r -> r.state().needsAck()).count();
        if (n == 0) {
            return;
        }
        new OperatorDialog("Acknowledge all", "Acknowledge all " + n + " unacknowledged alarms in the list",
                "Acknowledge all", "Note", viewModel.ackNoteRequired(visible), null, viewModel.operator(),
                window()).showAndWait()
                .ifPresent(res -> viewModel.acknowledgeAll(visible, res.note()));
    }

    @FXML
    private void shelveSelected() {
        AlarmRow row = table.getSelectionModel().getSelectedItem();
        if (row == null) {
            return;
        }
        new OperatorDialog("Shelve alarm", "Shelve " + row.alarmId() + ": it will not be annunciated until the time runs out",
                "Shelve", "Reason", true, viewModel.maxShelve(), viewModel.operator(), window())
                .showAndWait()
                .ifPresent(res -> viewModel.shelve(row.alarmId(), res.duration(), res.note()));
    }

    private void removeSelectedFromService() {
        AlarmRow row = table.getSelectionModel().getSelectedItem();
        if (row == null) {
            return;
        }
        new OperatorDialog("Remove from service", "Remove " + row.alarmId() + " from service (maintenance)",
                "Remove from service", "Reason", true, null, viewModel.operator(), window())
                .showAndWait()
                .ifPresent(res -> viewModel.removeFromService(row.alarmId(), res.note()));
    }

    private void simpleAction(String title, java.util.function.Consumer<String> action) {
        AlarmRow row = table.getSelectionModel().getSelectedItem();
        if (row == null) {
            return;
        }
        new OperatorDialog(title, title + " " + row.alarmId(), title, "Note", false, null,
                viewModel.operator(), window()).showAndWait()
                .ifPresent(res -> action.accept(row.alarmId()));
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        double a = Math.abs(v);
        return a >= 100 ? String.format("%.1f", v) : a >= 1 ? String.format("%.2f", v) : String.format("%.4f", v);
    }
}
