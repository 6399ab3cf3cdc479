package io.plantwatch.ui.compare;

import io.plantwatch.domain.ReplayComparison;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * "Compare replays…": recording and site file of A and B, Compare, and the side-by-side table
 * (section, measure, A, B; a row whose values differ is bold). Not modal: the comparison runs in the
 * background and its result arrives at the UI cadence. Node ids: {@code compareRecordingA},
 * {@code compareConfigA}, {@code compareRecordingB}, {@code compareConfigB}, {@code compareButton},
 * {@code compareMessage}, {@code compareTable}.
 */
public final class CompareDialog extends Dialog<Void> {

    /**
     * Builds the dialog (FX thread); show it with {@link #show()}.
     *
     * @param owner the console's window, or null
     */
    public CompareDialog(CompareViewModel vm, Window owner) {
        setTitle("Compare replays");
        setHeaderText("Two recordings, or one recording with two site files, replayed at max speed apart from the console");
        if (owner != null) {
            initOwner(owner);
        }
        setResizable(true);
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        addPathRow(form, 0, "Recording A", "compareRecordingA", vm.recordingAProperty(), "Recording");
        addPathRow(form, 1, "Site file A (empty: the console's)", "compareConfigA", vm.configAProperty(), "Site file");
        addPathRow(form, 2, "Recording B (empty: A's)", "compareRecordingB", vm.recordingBProperty(), "Recording");
        addPathRow(form, 3, "Site file B (empty: A's)", "compareConfigB", vm.configBProperty(), "Site file");
        Button compare = new Button("Compare");
        compare.setId("compareButton");
        compare.setDefaultButton(true);
        compare.disableProperty().bind(vm.runningProperty());
        compare.setOnAction(e -> vm.compare());
        Label message = new Label();
        message.setId("compareMessage");
        message.getStyleClass().add("message");
        message.textProperty().bind(vm.messageProperty());
        form.add(compare, 1, 4);
        form.add(message, 2, 4);

        TableView<ReplayComparison.Row> table = new TableView<>(vm.rows());
        table.setId("compareTable");
        table.getStyleClass().add("compare-table");
        table.getColumns().add(column("Section", ReplayComparison.Row::section, 170));
        table.getColumns().add(column("Measure", ReplayComparison.Row::measure, 260));
        TableColumn<ReplayComparison.Row, String> a = column("A", ReplayComparison.Row::a, 230);
        a.textProperty().bind(vm.labelAProperty());
        TableColumn<ReplayComparison.Row, String> b = column("B", ReplayComparison.Row::b, 230);
        b.textProperty().bind(vm.labelBProperty());
        table.getColumns().add(a);
        table.getColumns().add(b);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ReplayComparison.Row item, boolean empty) {
                super.updateItem(item, empty);
                setStyle(!empty && item != null && !item.same() ? "-fx-font-weight: bold;" : "");
            }
        });
        table.setPrefSize(900, 480);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox content = new VBox(10, form, table);
        content.setPadding(new Insets(8));
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().getStyleClass().add("console");
        var css = CompareDialog.class.getResource("/css/plantwatch.css");
        if (css != null) {
            getDialogPane().getStylesheets().add(css.toExternalForm());
        }
        setResultConverter(x -> null);
    }

    private void addPathRow(GridPane form, int row, String label, String id, StringProperty value, String what) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(50);
        field.textProperty().bindBidirectional(value);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(what + " for " + label);
            var f = chooser.showOpenDialog(getDialogPane().getScene() == null ? null : getDialogPane().getScene().getWindow());
            if (f != null) {
                value.set(f.getAbsolutePath());
            }
        });
        form.add(new Label(label), 0, row);
        form.add(field, 1, row, 2, 1);
        form.add(browse, 3, row);
    }

    private static TableColumn<ReplayComparison.Row, String> column(String title,
            java.util.function.Function<ReplayComparison.Row, String> value, double width) {
        TableColumn<ReplayComparison.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())).getReadOnlyProperty());
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
