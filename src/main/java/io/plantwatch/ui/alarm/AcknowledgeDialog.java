package io.plantwatch.ui.alarm;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Asks who acknowledges an alarm and for an optional note. OK is enabled only with an operator
 * name. Node ids for tests: {@code ackOperator}, {@code ackNote}, OK button {@code ackConfirm}.
 */
final class AcknowledgeDialog extends Dialog<AcknowledgeDialog.Result> {

    /** What the operator entered. */
    record Result(String operator, String note) {
    }

    AcknowledgeDialog(AlarmRow row, String lastOperator, Window owner) {
        setTitle("Acknowledge alarm");
        setHeaderText("Acknowledge " + row.alarmId() + " (P" + row.priority() + ", " + row.state() + ")");
        if (owner != null) {
            initOwner(owner);
        }
        TextField operator = new TextField(lastOperator);
        operator.setId("ackOperator");
        operator.setPromptText("operator name");
        TextArea note = new TextArea();
        note.setId("ackNote");
        note.setPromptText("optional note");
        note.setPrefRowCount(3);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Operator"), operator);
        grid.addRow(1, new Label("Note"), note);
        getDialogPane().setContent(grid);
        ButtonType ok = new ButtonType("Acknowledge", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        var okButton = getDialogPane().lookupButton(ok);
        okButton.setId("ackConfirm");
        okButton.disableProperty().bind(operator.textProperty().isEmpty());
        setResultConverter(b -> b == ok ? new Result(operator.getText().trim(), note.getText().trim()) : null);
        setOnShown(e -> operator.requestFocus());
    }
}
