package io.plantwatch.ui.journal;

import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.FileChooser;

/**
 * The "Alarm journal" tab ({@code fxml/journal/journal.fxml}): filter controls, a Search button,
 * the table of transitions and "Export CSV…". Everything is grey: the journal is history, and
 * colour is kept for alarms that are standing now (ISA-101).
 */
public final class AlarmJournalView {

    private static final String ANY_STATE = "Any state";

    @FXML
    private TextField journalFrom;
    @FXML
    private TextField journalTo;
    @FXML
    private TextField journalTag;
    @FXML
    private CheckBox journalP1;
    @FXML
    private CheckBox journalP2;
    @FXML
    private CheckBox journalP3;
    @FXML
    private CheckBox journalP4;
    @FXML
    private ChoiceBox<String> journalState;
    @FXML
    private TextField journalOperator;
    @FXML
    private Button journalSearch;
    @FXML
    private Button journalExport;
    @FXML
    private TableView<AlarmTransition> journalTable;
    @FXML
    private TableColumn<AlarmTransition, String> eventTimeColumn;
    @FXML
    private TableColumn<AlarmTransition, String> wallTimeColumn;
    @FXML
    private TableColumn<AlarmTransition, String> tagColumn;
    @FXML
    private TableColumn<AlarmTransition, String> levelColumn;
    @FXML
    private TableColumn<AlarmTransition, Integer> priorityColumn;
    @FXML
    private TableColumn<AlarmTransition, String> causeColumn;
    @FXML
    private TableColumn<AlarmTransition, String> transitionColumn;
    @FXML
    private TableColumn<AlarmTransition, String> valueColumn;
    @FXML
    private TableColumn<AlarmTransition, String> actorColumn;
    @FXML
    private TableColumn<AlarmTransition, String> commentColumn;
    @FXML
    private Label journalMessage;

    private final AlarmJournalViewModel viewModel;

    /** @param viewModel the search this view shows */
    public AlarmJournalView(AlarmJournalViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        journalFrom.textProperty().bindBidirectional(viewModel.fromTextProperty());
        journalTo.textProperty().bindBidirectional(viewModel.toTextProperty());
        journalTag.textProperty().bindBidirectional(viewModel.tagProperty());
        journalOperator.textProperty().bindBidirectional(viewModel.operatorProperty());
        List<CheckBox> boxes = List.of(journalP1, journalP2, journalP3, journalP4);
        for (int p = 1; p <= 4; p++) {
            boxes.get(p - 1).selectedProperty().bindBidirectional(viewModel.priorityProperty(p));
        }
        List<String> states = new ArrayList<>();
        states.add(ANY_STATE);
        for (AlarmState st : AlarmState.values()) {
            states.add(st.name());
        }
        journalState.setItems(FXCollections.observableArrayList(states));
        journalState.setValue(viewModel.stateProperty().get() == null ? ANY_STATE : viewModel.stateProperty().get().name());
        journalState.valueProperty().addListener((o, old, now) -> viewModel.stateProperty()
                .set(now == null || now.equals(ANY_STATE) ? null : AlarmState.valueOf(now)));
        viewModel.stateProperty().addListener((o, old, now) -> journalState.setValue(now == null ? ANY_STATE : now.name()));

        SortedList<AlarmTransition> sorted = new SortedList<>(viewModel.rows());
        sorted.comparatorProperty().bind(journalTable.comparatorProperty());
        journalTable.setItems(sorted);
        eventTimeColumn.setCellValueFactory(c -> text(time(c.getValue().eventTimeMillis())));
        wallTimeColumn.setCellValueFactory(c -> text(AlarmJournalViewModel.TIME.format(c.getValue().wallTime())));
        tagColumn.setCellValueFactory(c -> text(c.getValue().tag()));
        levelColumn.setCellValueFactory(c -> text(c.getValue().level() == null ? "" : c.getValue().level().name()));
        priorityColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().priority()));
        causeColumn.setCellValueFactory(c -> text(c.getValue().cause().name()));
        transitionColumn.setCellValueFactory(c -> text(c.getValue().from() + " → " + c.getValue().to()));
        valueColumn.setCellValueFactory(c -> text(format(c.getValue().value())));
        actorColumn.setCellValueFactory(c -> text(c.getValue().actor()));
        commentColumn.setCellValueFactory(c -> text(c.getValue().comment()));
        journalTable.setPlaceholder(new Label("Press Search to list alarm transitions"));

        journalSearch.disableProperty().bind(viewModel.searchingProperty());
        journalExport.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(viewModel.rows()));
        journalMessage.textProperty().bind(viewModel.messageProperty());
    }

    @FXML
    private void search() {
        viewModel.search();
    }

    @FXML
    private void exportCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export alarm journal");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
        chooser.setInitialFileName("alarm-journal.csv");
        File file = chooser.showSaveDialog(journalTable.getScene() == null ? null : journalTable.getScene().getWindow());
        if (file != null) {
            viewModel.exportCsv(file.toPath());
        }
    }

    private static ReadOnlyStringWrapper text(String s) {
        return new ReadOnlyStringWrapper(s);
    }

    private static String time(long millis) {
        return AlarmJournalViewModel.TIME.format(Instant.ofEpochMilli(millis));
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        double a = Math.abs(v);
        return a >= 100 ? String.format("%.1f", v) : a >= 1 ? String.format("%.2f", v) : String.format("%.4f", v);
    }
}
