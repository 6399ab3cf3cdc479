package io.plantwatch.ui.export;

import io.plantwatch.domain.ExportRequest;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The "Export readings" dialog ({@code fxml/export/export.fxml}): range, devices, format and target;
 * a progress bar fed at the UI cadence; Cancel. Not modal to the console: the export runs in the
 * background and the dialog may be closed while it runs (it keeps running; the console's close
 * cancels it). Node ids: {@code exportFrom}, {@code exportTo}, {@code exportDevices},
 * {@code exportParquet}, {@code exportCsv}, {@code exportTarget}, {@code exportError},
 * {@code exportButton}, {@code exportCancel}, {@code exportProgress}, {@code exportProgressText},
 * {@code exportMessage}.
 */
public final class ExportDialog extends Dialog<Void> {

    @FXML
    private TextField exportFrom;
    @FXML
    private TextField exportTo;
    @FXML
    private TextField exportDevices;
    @FXML
    private RadioButton exportParquet;
    @FXML
    private RadioButton exportCsv;
    @FXML
    private TextField exportTarget;
    @FXML
    private Label exportError;
    @FXML
    private Button exportButton;
    @FXML
    private Button exportCancel;
    @FXML
    private ProgressBar exportProgress;
    @FXML
    private Label exportProgressText;
    @FXML
    private Label exportMessage;

    private final ExportViewModel vm;

    /**
     * Builds the dialog (FX thread); show it with {@link #show()}.
     *
     * @param owner the console's window, or null
     * @throws UncheckedIOException when the FXML cannot be loaded
     */
    public ExportDialog(ExportViewModel vm, Window owner) {
        this.vm = vm;
        setTitle("Export readings");
        setHeaderText("Readings of the journal, by event time, to Parquet or CSV");
        if (owner != null) {
            initOwner(owner);
        }
        setResizable(true);
        FXMLLoader loader = new FXMLLoader(ExportDialog.class.getResource("/fxml/export/export.fxml"));
        loader.setController(this);
        try {
            Parent content = loader.load();
            getDialogPane().setContent(content);
        } catch (IOException e) {
            throw new UncheckedIOException("export dialog could not be loaded: " + e.getMessage(), e);
        }
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().getStyleClass().add("console");
        var css = ExportDialog.class.getResource("/css/plantwatch.css");
        if (css != null) {
            getDialogPane().getStylesheets().add(css.toExternalForm());
        }
        setResultConverter(b -> null);
    }

    @FXML
    private void initialize() {
        exportFrom.textProperty().bindBidirectional(vm.fromProperty());
        exportTo.textProperty().bindBidirectional(vm.toProperty());
        exportDevices.textProperty().bindBidirectional(vm.devicesProperty());
        exportTarget.textProperty().bindBidirectional(vm.targetProperty());
        ToggleGroup group = new ToggleGroup();
        exportParquet.setToggleGroup(group);
        exportCsv.setToggleGroup(group);
        group.selectToggle(vm.formatProperty().get() == ExportRequest.Format.CSV ? exportCsv : exportParquet);
        group.selectedToggleProperty().addListener((o, a, b) -> vm.formatProperty()
                .set(b == exportCsv ? ExportRequest.Format.CSV : ExportRequest.Format.PARQUET));
        exportError.textProperty().bind(vm.errorProperty());
        exportButton.disableProperty().bind(vm.validProperty().not().or(vm.runningProperty()));
        exportCancel.disableProperty().bind(vm.runningProperty().not());
        exportProgress.progressProperty().bind(vm.progressProperty());
        exportProgressText.textProperty().bind(vm.progressTextProperty());
        exportMessage.textProperty().bind(vm.messageProperty());
    }

    @FXML
    private void browse() {
        Window w = getDialogPane().getScene() == null ? null : getDialogPane().getScene().getWindow();
        File f;
        if (vm.formatProperty().get() == ExportRequest.Format.PARQUET) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder for the Parquet export (a new folder inside it is fine)");
            f = chooser.showDialog(w);
            if (f != null) {
                f = new File(f, "readings-export");
            }
        } else {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("CSV file to write");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
            chooser.setInitialFileName("readings.csv");
            f = chooser.showSaveDialog(w);
        }
        if (f != null) {
            vm.targetProperty().set(f.getAbsolutePath());
        }
    }

    @FXML
    private void export() {
        vm.export();
    }

    @FXML
    private void cancel() {
        vm.cancel();
    }
}
