package io.plantwatch.ui.quality;

import io.plantwatch.domain.DeadLetter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The "Data quality" tab ({@code fxml/quality/quality.fxml}): rejected input by reason and the most
 * recent dead letters. Grey throughout: rejected input is a data-quality matter, not an alarm.
 * Node ids: {@code rejectedTotal}, {@code reasonTable}, {@code deadLetterTable}, {@code qualityMessage}.
 */
public final class DataQualityView {

    /** Received times, UTC to the millisecond. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    /** Characters of a payload shown in the table (the whole payload is in the row's tooltip). */
    static final int EXCERPT = 160;

    @FXML
    private Label rejectedTotal;
    @FXML
    private Label qualityMessage;
    @FXML
    private TableView<DataQualityViewModel.ReasonCount> reasonTable;
    @FXML
    private TableColumn<DataQualityViewModel.ReasonCount, String> reasonColumn;
    @FXML
    private TableColumn<DataQualityViewModel.ReasonCount, String> reasonCountColumn;
    @FXML
    private TableColumn<DataQualityViewModel.ReasonCount, String> reasonShareColumn;
    @FXML
    private TableView<DeadLetter> deadLetterTable;
    @FXML
    private TableColumn<DeadLetter, String> receivedColumn;
    @FXML
    private TableColumn<DeadLetter, String> sourceColumn;
    @FXML
    private TableColumn<DeadLetter, String> positionColumn;
    @FXML
    private TableColumn<DeadLetter, String> letterReasonColumn;
    @FXML
    private TableColumn<DeadLetter, String> payloadColumn;

    private final DataQualityViewModel viewModel;

    /** @param viewModel what this view shows */
    public DataQualityView(DataQualityViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        rejectedTotal.textProperty().bind(viewModel.totalProperty());
        qualityMessage.textProperty().bind(viewModel.messageProperty());
        reasonTable.setItems(viewModel.reasons());
        reasonColumn.setCellValueFactory(c -> text(c.getValue().reason()));
        reasonCountColumn.setCellValueFactory(c -> text(String.format("%,d", c.getValue().count())));
        reasonShareColumn.setCellValueFactory(c -> text(String.format("%.1f %%", c.getValue().sharePercent())));
        reasonTable.setPlaceholder(new Label("No rejected input"));
        deadLetterTable.setItems(viewModel.recent());
        receivedColumn.setCellValueFactory(c -> text(TIME.format(c.getValue().receivedAt())));
        sourceColumn.setCellValueFactory(c -> text(c.getValue().source()));
        positionColumn.setCellValueFactory(c -> text(c.getValue().position() < 0 ? "" : Long.toString(c.getValue().position())));
        letterReasonColumn.setCellValueFactory(c -> text(c.getValue().reason()));
        payloadColumn.setCellValueFactory(c -> text(excerpt(c.getValue().payload())));
        deadLetterTable.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(DeadLetter item, boolean empty) {
                super.updateItem(item, empty);
                setTooltip(empty || item == null || item.payload().isEmpty() ? null
                        : new javafx.scene.control.Tooltip(item.payload()));
            }
        });
        deadLetterTable.setPlaceholder(new Label("No dead letters"));
    }

    /** A payload on one line, at most {@value #EXCERPT} characters. */
    static String excerpt(String payload) {
        String one = payload.replaceAll("\\s+", " ").strip();
        return one.length() <= EXCERPT ? one : one.substring(0, EXCERPT - 1) + "…";
    }

    private static ReadOnlyStringWrapper text(String s) {
        return new ReadOnlyStringWrapper(s);
    }
}
