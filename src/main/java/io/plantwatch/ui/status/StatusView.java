package io.plantwatch.ui.status;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import org.controlsfx.control.StatusBar;

/** The status bar (ControlsFX): replay position on the left; Spark, rate, watermark, rejects on the right. */
public final class StatusView {

    @FXML
    private StatusBar statusBar;

    private final StatusViewModel viewModel;

    public StatusView(StatusViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        statusBar.textProperty().bind(viewModel.replayProperty());
        statusBar.getRightItems().setAll(label("sparkStatus", viewModel.sparkProperty()),
                label("readingRate", viewModel.rateProperty()), label("watermark", viewModel.watermarkProperty()),
                label("rejected", viewModel.rejectedProperty()));
    }

    private static Label label(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.setStyle("-fx-padding: 0 12 0 12;");
        return l;
    }
}
