package io.plantwatch.ui.status;

import io.plantwatch.ui.Isa101;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.StatusBar;

/**
 * The status bar (ControlsFX): the source on the left ({@code source}: the replay position, or
 * "Live" followed by one indicator per live connection, node ids {@code connection-0},
 * {@code connection-1}, … in connection-id order); Spark, rate, watermark and rejected input on the right. Connection indicators are grey
 * when fine and teal ({@link Isa101#COMMS_DEGRADED}, {@link Isa101#COMMS_FAILED}) when reconnecting
 * or in error. Clicking the rejected count runs {@link #onRejectedClicked(Runnable)}'s action.
 */
public final class StatusView {

    @FXML
    private StatusBar statusBar;

    private final StatusViewModel viewModel;
    private final Label rejected = new Label();
    private final Label source = new Label();
    private Runnable showRejected = () -> { };
    private static final javafx.css.PseudoClass REPLAY = javafx.css.PseudoClass.getPseudoClass("replay");

    public StatusView(StatusViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        statusBar.setText("");
        source.setId("source");
        source.textProperty().bind(viewModel.replayProperty());
        source.setStyle("-fx-padding: 0 12 0 4;");
        // the mode is never in doubt: LIVE on the normal grey, REPLAY on a dark badge (ISA-101: no alarm colour)
        source.getStyleClass().add("source-mode");
        viewModel.liveProperty().addListener((o, was, isLive) -> source.pseudoClassStateChanged(REPLAY, !isLive));
        source.pseudoClassStateChanged(REPLAY, !viewModel.liveProperty().get());
        rejected.setId("rejected");
        rejected.textProperty().bind(viewModel.rejectedProperty());
        rejected.setStyle("-fx-padding: 0 12 0 12; -fx-underline: true;");
        rejected.setCursor(Cursor.HAND);
        rejected.setTooltip(new Tooltip("Show rejected input by reason (Data quality)"));
        rejected.setOnMouseClicked(e -> showRejected.run());
        statusBar.getRightItems().setAll(label("sparkStatus", viewModel.sparkProperty()),
                label("readingRate", viewModel.rateProperty()), label("watermark", viewModel.watermarkProperty()),
                rejected);
        viewModel.connections().addListener((ListChangeListener<ConnectionIndicator>) c -> showConnections());
        showConnections();
    }

    /** What a click on the rejected count does (the main view selects the Data quality tab). FX thread. */
    public void onRejectedClicked(Runnable action) {
        showRejected = action == null ? () -> { } : action;
    }

    private void showConnections() {
        java.util.List<javafx.scene.Node> items = new java.util.ArrayList<>();
        items.add(source);
        viewModel.connections().stream().map(this::indicator).forEach(items::add);
        statusBar.getLeftItems().setAll(items);
    }

    private Label indicator(ConnectionIndicator c) {
        Label l = new Label(c.text());
        l.setId("connection-" + viewModel.connections().indexOf(c));
        l.getStyleClass().add("connection-indicator");
        l.setStyle(style(c.severity()));
        l.setTooltip(new Tooltip(c.connection()));
        return l;
    }

    /** Inline style of an indicator: grey text, or a teal background for an abnormal connection. */
    static String style(ConnectionIndicator.Severity severity) {
        String pad = "-fx-padding: 1 8 1 8; -fx-background-radius: 3;";
        return switch (severity) {
            case NORMAL -> pad + " -fx-text-fill: " + Isa101.css(Isa101.TEXT) + ";";
            case DEGRADED -> pad + " -fx-background-color: " + Isa101.css(Isa101.COMMS_DEGRADED) + "; -fx-text-fill: "
                    + Isa101.css(Isa101.TEXT) + "; -fx-font-weight: bold;";
            case FAILED -> pad + " -fx-background-color: " + Isa101.css(Isa101.COMMS_FAILED)
                    + "; -fx-text-fill: white; -fx-font-weight: bold;";
        };
    }

    private static Label label(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.setStyle("-fx-padding: 0 12 0 12;");
        return l;
    }
}
