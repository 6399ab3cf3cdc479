package io.plantwatch.ui.alarm;

import java.time.Duration;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * Confirms an operator action on an alarm, with a note or reason and, for shelving, how long. The
 * operator is the one logged in at the console (shown, not asked for: the service acts as the
 * session's principal). The confirm button is enabled only when a required reason is entered.
 * Node ids for tests: {@code operatorName} (a label), {@code actionNote}, {@code shelveDuration},
 * confirm button {@code confirmAction}.
 */
final class OperatorDialog extends Dialog<OperatorDialog.Result> {

    /** What the operator entered; duration is null unless asked for. */
    record Result(String note, Duration duration) {
    }

    /** Shelving durations offered, capped at the site maximum. */
    static final List<Duration> SHELVE_CHOICES = List.of(Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8));

    /**
     * @param confirmText  label of the confirm button, e.g. "Acknowledge"
     * @param noteLabel    "Note" or "Reason"
     * @param noteRequired whether the note must be filled in
     * @param maxShelve    offer shelving durations up to this; null for actions without a duration
     * @param operator     who acts: the logged-in operator
     */
    OperatorDialog(String title, String header, String confirmText, String noteLabel, boolean noteRequired,
            Duration maxShelve, String operator, Window owner) {
        setTitle(title);
        setHeaderText(header);
        if (owner != null) {
            initOwner(owner);
        }
        Label who = new Label(operator);
        who.setId("operatorName");
        TextArea note = new TextArea();
        note.setId("actionNote");
        note.setPromptText(noteRequired ? "required" : "optional");
        note.setPrefRowCount(3);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Operator"), who);
        grid.addRow(1, new Label(noteLabel), note);
        ComboBox<Duration> duration = new ComboBox<>();
        duration.setId("shelveDuration");
        if (maxShelve != null) {
            SHELVE_CHOICES.stream().filter(d -> d.compareTo(maxShelve) <= 0).forEach(duration.getItems()::add);
            if (duration.getItems().isEmpty()) {
                duration.getItems().add(maxShelve);   // a site maximum shorter than every standard choice
            }
            duration.getSelectionModel().select(Math.min(2, duration.getItems().size() - 1));
            duration.setConverter(new StringConverter<>() {
                @Override
                public String toString(Duration d) {
                    return d == null ? "" : d.toMinutes() < 1 ? d.toSeconds() + " s"
                            : d.toMinutes() < 60 ? d.toMinutes() + " min" : d.toHours() + " h";
                }

                @Override
                public Duration fromString(String s) {
                    return null;
                }
            });
            grid.addRow(2, new Label("Shelve for"), duration);
        }
        getDialogPane().setContent(grid);
        ButtonType ok = new ButtonType(confirmText, ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        var okButton = getDialogPane().lookupButton(ok);
        okButton.setId("confirmAction");
        okButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> noteRequired && note.getText().isBlank(), note.textProperty()));
        setResultConverter(b -> b == ok ? new Result(note.getText().trim(), maxShelve == null ? null : duration.getValue())
                : null);
        setOnShown(e -> note.requestFocus());
    }
}
