package io.plantwatch.ui.recording;

import io.plantwatch.ui.recording.OpenRecordingViewModel.ColumnRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The "Open recording" dialog ({@code fxml/recording/open-recording.fxml}): the file and its format;
 * for a wide CSV the column mapping (delimiter, timestamp column, format and zone, device, the
 * columns table with Map / Sensor id / Unit editable) beside a preview of the first rows and the
 * readings they give; "Save mapping &amp; replay". Results arrive through the
 * {@link OpenRecordingViewModel} at the UI cadence. Node ids: {@code recordingFile},
 * {@code recordingFormat}, {@code mappingPane}, {@code mappingDelimiter}, {@code mappingDevice},
 * {@code mappingTimestampColumn}, {@code mappingTimestampFormat}, {@code mappingZone},
 * {@code mappingFile}, {@code mappingColumns}, {@code previewTable}, {@code previewReadings},
 * {@code mappingProblem}, {@code replaySpeed}, {@code replayButton}, {@code recordingMessage}.
 */
public final class OpenRecordingDialog extends Dialog<Void> {

    @FXML
    private Label recordingFile;
    @FXML
    private Label recordingFormat;
    @FXML
    private VBox mappingPane;
    @FXML
    private ComboBox<String> mappingDelimiter;
    @FXML
    private TextField mappingDevice;
    @FXML
    private ComboBox<String> mappingTimestampColumn;
    @FXML
    private ComboBox<String> mappingTimestampFormat;
    @FXML
    private TextField mappingZone;
    @FXML
    private Label mappingFile;
    @FXML
    private TableView<ColumnRow> mappingColumns;
    @FXML
    private TableColumn<ColumnRow, Boolean> includeColumn;
    @FXML
    private TableColumn<ColumnRow, String> nameColumn;
    @FXML
    private TableColumn<ColumnRow, String> sensorColumn;
    @FXML
    private TableColumn<ColumnRow, String> unitColumn;
    @FXML
    private TableView<List<String>> previewTable;
    @FXML
    private ListView<String> previewReadings;
    @FXML
    private Label mappingProblem;
    @FXML
    private TextField replaySpeed;
    @FXML
    private Button replayButton;
    @FXML
    private Label recordingMessage;

    private final OpenRecordingViewModel vm;

    /**
     * Builds the dialog (FX thread); open a file with {@link OpenRecordingViewModel#open}, show it with {@link #show()}.
     *
     * @param owner the console's window, or null
     * @throws UncheckedIOException when the FXML cannot be loaded
     */
    public OpenRecordingDialog(OpenRecordingViewModel vm, Window owner) {
        this.vm = vm;
        setTitle("Open recording");
        setHeaderText("Replay a recording: long CSV, JSON lines, Parquet, or a wide CSV with a column mapping");
        if (owner != null) {
            initOwner(owner);
        }
        setResizable(true);
        FXMLLoader loader = new FXMLLoader(OpenRecordingDialog.class.getResource("/fxml/recording/open-recording.fxml"));
        loader.setController(this);
        try {
            Parent content = loader.load();
            getDialogPane().setContent(content);
        } catch (IOException e) {
            throw new UncheckedIOException("open recording dialog could not be loaded: " + e.getMessage(), e);
        }
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().getStyleClass().add("console");
        var css = OpenRecordingDialog.class.getResource("/css/plantwatch.css");
        if (css != null) {
            getDialogPane().getStylesheets().add(css.toExternalForm());
        }
        setResultConverter(b -> null);
    }

    @FXML
    private void initialize() {
        recordingFile.textProperty().bind(vm.fileProperty());
        recordingFormat.textProperty().bind(vm.formatProperty());
        mappingPane.visibleProperty().bind(vm.wideProperty());
        mappingPane.managedProperty().bind(vm.wideProperty());
        mappingDelimiter.setItems(FXCollections.observableArrayList(OpenRecordingViewModel.DELIMITERS));
        mappingDelimiter.valueProperty().bindBidirectional(vm.delimiterProperty());
        mappingDevice.textProperty().bindBidirectional(vm.deviceProperty());
        mappingTimestampColumn.setItems(vm.header());
        mappingTimestampColumn.valueProperty().bindBidirectional(vm.timestampColumnProperty());
        mappingTimestampFormat.setItems(FXCollections.observableArrayList(OpenRecordingViewModel.FORMATS));
        mappingTimestampFormat.valueProperty().bindBidirectional(vm.timestampFormatProperty());
        mappingZone.textProperty().bindBidirectional(vm.zoneProperty());
        mappingFile.textProperty().bind(vm.mappingFileProperty());

        mappingColumns.setItems(vm.columns());
        includeColumn.setCellValueFactory(c -> c.getValue().includeProperty());
        includeColumn.setCellFactory(CheckBoxTableCell.forTableColumn(includeColumn));
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        sensorColumn.setCellValueFactory(c -> c.getValue().sensorProperty());
        sensorColumn.setCellFactory(TextFieldTableCell.forTableColumn());
        unitColumn.setCellValueFactory(c -> c.getValue().unitProperty());
        unitColumn.setCellFactory(TextFieldTableCell.forTableColumn());

        previewTable.setPlaceholder(new Label("No rows"));
        vm.header().addListener((ListChangeListener<String>) c -> previewColumns());
        previewColumns();
        previewTable.setItems(vm.previewRows());
        previewReadings.setItems(vm.previewReadings());
        mappingProblem.textProperty().bind(vm.problemProperty());
        replaySpeed.textProperty().bindBidirectional(vm.speedProperty());
        replayButton.disableProperty().bind(vm.validProperty().not().or(vm.busyProperty()));
        replayButton.textProperty().bind(javafx.beans.binding.Bindings.when(vm.wideProperty())
                .then("Save mapping & replay").otherwise("Replay"));
        recordingMessage.textProperty().bind(vm.messageProperty());
    }

    /** One preview column per header field. */
    private void previewColumns() {
        previewTable.getColumns().clear();
        for (int i = 0; i < vm.header().size(); i++) {
            int index = i;
            TableColumn<List<String>, String> col = new TableColumn<>(vm.header().get(i));
            col.setSortable(false);
            col.setCellValueFactory(c -> new ReadOnlyStringWrapper(index < c.getValue().size() ? c.getValue().get(index) : ""));
            previewTable.getColumns().add(col);
        }
    }

    @FXML
    private void replay() {
        vm.replay();
    }
}
