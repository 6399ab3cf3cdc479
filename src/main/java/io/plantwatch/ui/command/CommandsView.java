package io.plantwatch.ui.command;

import io.plantwatch.domain.CommandDefinition;
import io.plantwatch.domain.CommandStatus;
import io.plantwatch.ui.Isa101;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;

/**
 * The "Commands" tab ({@code fxml/command/commands.fxml}): the catalog of the chosen device, the value
 * input of the chosen command after its parameter schema, a note, and "Arm…" (select-before-operate: the
 * confirmation dialog follows); below, the live lifecycle list with the automatic (interlock) commands
 * marked AUTO. Only REJECTED and TIMED_OUT are coloured (ISA-101: colour for the abnormal only, in a hue
 * that is no alarm priority's). "Arm…" is disabled for viewers, for commands above the operator's role,
 * and while commands cannot be sent; the line at the top says why (e.g. replay mode).
 * Node ids: {@code commandDevice}, {@code commandList}, {@code commandValue}, {@code commandNote},
 * {@code armButton}, {@code commandMessage}, {@code commandsUnavailable}, {@code interlockBanner},
 * {@code commandTable}.
 */
public final class CommandsView {

    @FXML
    private Label commandsUnavailable;
    @FXML
    private Label interlockBanner;
    @FXML
    private ChoiceBox<String> commandDevice;
    @FXML
    private ListView<CommandDefinition> commandList;
    @FXML
    private StackPane valueBox;
    @FXML
    private TextField commandNote;
    @FXML
    private Label valueProblem;
    @FXML
    private Button armButton;
    @FXML
    private Label commandMessage;
    @FXML
    private TableView<CommandRow> commandTable;
    @FXML
    private TableColumn<CommandRow, String> timeColumn;
    @FXML
    private TableColumn<CommandRow, String> deviceColumn;
    @FXML
    private TableColumn<CommandRow, String> commandColumn;
    @FXML
    private TableColumn<CommandRow, String> valueColumn;
    @FXML
    private TableColumn<CommandRow, String> operatorColumn;
    @FXML
    private TableColumn<CommandRow, String> autoColumn;
    @FXML
    private TableColumn<CommandRow, CommandStatus> statusColumn;
    @FXML
    private TableColumn<CommandRow, String> reasonColumn;

    private final CommandsViewModel viewModel;
    private final javafx.beans.property.ObjectProperty<ParameterInput> input = new javafx.beans.property.SimpleObjectProperty<>();

    public CommandsView(CommandsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        commandsUnavailable.textProperty().bind(Bindings.createStringBinding(() -> viewModel.unavailableProperty().get()
                .isEmpty() ? "" : "Commands cannot be sent: " + viewModel.unavailableProperty().get(),
                viewModel.unavailableProperty()));
        commandsUnavailable.managedProperty().bind(viewModel.unavailableProperty().isNotEmpty());
        commandsUnavailable.visibleProperty().bind(viewModel.unavailableProperty().isNotEmpty());
        interlockBanner.textProperty().bind(viewModel.interlockProperty());
        interlockBanner.managedProperty().bind(viewModel.interlockProperty().isNotEmpty());
        interlockBanner.visibleProperty().bind(viewModel.interlockProperty().isNotEmpty());
        commandMessage.textProperty().bind(viewModel.messageProperty());

        commandDevice.getItems().setAll(viewModel.devices());
        commandDevice.valueProperty().addListener((o, was, device) ->
                commandList.getItems().setAll(device == null ? java.util.List.of() : viewModel.commands(device)));
        commandList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(CommandDefinition d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : describe(d));
            }
        });
        commandList.getSelectionModel().selectedItemProperty().addListener((o, was, d) -> {
            ParameterInput in = d == null ? null : new ParameterInput(d.parameter());
            input.set(in);
            valueBox.getChildren().setAll(in == null ? java.util.List.of() : java.util.List.of(in.node()));
            commandNote.setPromptText(d != null && d.noteRequired() ? "required" : "optional");
        });
        valueProblem.textProperty().bind(Bindings.createStringBinding(() -> {
            ParameterInput in = input.get();
            return in == null || in.text().get().isEmpty() || in.problem() == null ? "" : in.problem();
        }, input, Bindings.selectString(input, "text")));
        armButton.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            CommandDefinition d = commandList.getSelectionModel().getSelectedItem();
            ParameterInput in = input.get();
            return d == null || in == null || in.problem() != null || d.noteRequired() && commandNote.getText().isBlank()
                    || !viewModel.mayArm(d) || viewModel.armingProperty().get() || viewModel.armedProperty().get() != null;
        }, commandList.getSelectionModel().selectedItemProperty(), input, Bindings.selectString(input, "text"),
                commandNote.textProperty(), viewModel.mayActProperty(), viewModel.unavailableProperty(),
                viewModel.armingProperty(), viewModel.armedProperty()));
        if (!commandDevice.getItems().isEmpty()) {
            commandDevice.getSelectionModel().selectFirst();
        }

        commandTable.setItems(viewModel.rows());
        commandTable.setPlaceholder(new Label("No commands yet"));
        timeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(CommandRow.TIME.format(c.getValue().time())));
        deviceColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().device()));
        commandColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().command()));
        valueColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
        operatorColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().operator()));
        autoColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().automatic() ? "AUTO" : ""));
        statusColumn.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue().status()));
        reasonColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().reason()));
        statusColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(CommandStatus s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setText(null);
                    setStyle("");
                } else {
                    setText(s.name());
                    setStyle(style(s));
                }
            }
        });
    }

    /** The status cell's style: grey text for the normal lifecycle; REJECTED and TIMED_OUT in {@link Isa101#COMMAND_FAILED}. */
    static String style(CommandStatus s) {
        return switch (s) {
            case REJECTED -> "-fx-background-color: " + Isa101.css(Isa101.COMMAND_FAILED)
                    + "; -fx-text-fill: white; -fx-font-weight: bold;";
            case TIMED_OUT -> "-fx-background-color: " + Isa101.css(Isa101.COMMAND_UNCONFIRMED)
                    + "; -fx-text-fill: #1e1e1e; -fx-font-weight: bold;";
            case QUEUED, SENT -> "-fx-font-style: italic;";
            default -> "";
        };
    }

    private static String describe(CommandDefinition d) {
        return d.name() + (d.description().isEmpty() ? "" : " — " + d.description()) + "   ["
                + d.parameter().describe() + "; " + d.role().name().toLowerCase(java.util.Locale.ROOT)
                + (d.noteRequired() ? "; note required" : "") + "]";
    }

    /** Arms the selected command with the value and note entered; the confirmation dialog follows. */
    @FXML
    private void armSelected() {
        CommandDefinition d = commandList.getSelectionModel().getSelectedItem();
        ParameterInput in = input.get();
        if (d == null || in == null) {
            return;
        }
        viewModel.arm(d.device(), d.name(), in.text().get(), commandNote.getText().strip());
    }
}
