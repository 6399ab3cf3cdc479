package io.plantwatch.ui.command;

import io.plantwatch.command.ArmedCommand;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.CommandDefinition;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * The select-before-operate confirmation (docs/commands.md): the target device, the command, the
 * current process value and the requested value, the device's active alarms, the operator, the note,
 * and the time left to execute. Execute is enabled only before the arm lapses and only for the operator
 * who armed it, with the command's role ({@link CommandsViewModel#mayExecuteProperty()}); the command
 * service checks all of it again. The dialog stays open until the service has executed the command
 * (then it closes), so a refusal is shown in it. Cancel, or closing the window, cancels the arm.
 *
 * <p>Node ids: {@code confirmDevice}, {@code confirmCommand}, {@code confirmProcessValue},
 * {@code confirmRequested}, {@code confirmAlarms}, {@code confirmOperator}, {@code confirmNote},
 * {@code confirmCountdown}, {@code confirmMessage}; buttons {@code executeCommand}, {@code cancelCommand}.
 */
public final class ConfirmCommandDialog extends Dialog<Void> {

    /**
     * @param armed what the service armed (the view model's {@link CommandsViewModel#armedProperty()})
     * @param owner the console window, or null
     */
    public ConfirmCommandDialog(CommandsViewModel viewModel, ArmedCommand armed, Window owner) {
        CommandDefinition d = armed.definition();
        setTitle("Confirm command");
        setHeaderText("Confirm: " + CommandsViewModel.menuText(d).replace("…", "")
                + (armed.value() == null ? "" : " → " + armed.value() + unit(d)));
        if (owner != null) {
            initOwner(owner);
        }
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        int row = 0;
        grid.addRow(row++, new Label("Target device"), label("confirmDevice", d.device()));
        grid.addRow(row++, new Label("Command"), label("confirmCommand",
                d.name() + (d.description().isEmpty() ? "" : " — " + d.description())));
        String pv = armed.processValueText();
        grid.addRow(row++, new Label("Current value"), label("confirmProcessValue",
                d.processTag() == null ? "— (no process tag configured)"
                        : d.processTag() + " = " + (pv == null ? "no reading yet" : pv)));
        grid.addRow(row++, new Label("Requested"), label("confirmRequested",
                armed.value() == null ? d.name() + " (no value)" : armed.value() + unit(d)));
        String alarms = armed.standingAlarms().isEmpty() ? "none"
                : armed.standingAlarms().stream().map(ConfirmCommandDialog::alarm).collect(Collectors.joining("\n"));
        Label alarmLabel = label("confirmAlarms", alarms);
        if (!armed.standingAlarms().isEmpty()) {
            alarmLabel.setStyle("-fx-font-weight: bold;");
        }
        grid.addRow(row++, new Label("Active alarms on " + d.device()), alarmLabel);
        grid.addRow(row++, new Label("Operator"), label("confirmOperator", armed.operator()));
        grid.addRow(row++, new Label("Note"), label("confirmNote", armed.note().isEmpty() ? "—" : armed.note()));
        Label countdown = label("confirmCountdown", "");
        countdown.textProperty().bind(Bindings.createStringBinding(() -> viewModel.expiredProperty().get()
                ? "Lapsed: the arm timed out"
                : "Execute within " + viewModel.remainingSecondsProperty().get() + " s",
                viewModel.expiredProperty(), viewModel.remainingSecondsProperty()));
        countdown.setStyle("-fx-font-weight: bold;");
        grid.addRow(row++, new Label("Arm timeout"), countdown);
        Label message = label("confirmMessage", "");
        message.getStyleClass().add("field-error");
        message.setWrapText(true);
        message.setMaxWidth(460);
        message.textProperty().bind(viewModel.confirmMessageProperty());
        grid.add(message, 0, row, 2, 1);
        getDialogPane().setContent(grid);

        ButtonType execute = new ButtonType("Execute", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(execute, ButtonType.CANCEL);
        var executeButton = getDialogPane().lookupButton(execute);
        executeButton.setId("executeCommand");
        executeButton.disableProperty().bind(viewModel.mayExecuteProperty().not());
        // the dialog closes when the service has executed it, not on the click: a refusal is shown here
        executeButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            viewModel.execute();
        });
        getDialogPane().lookupButton(ButtonType.CANCEL).setId("cancelCommand");
        ChangeListener<ArmedCommand> gone = (o, was, now) -> {
            if (now != armed) {
                close();
            }
        };
        viewModel.armedProperty().addListener(gone);
        setOnHidden(e -> {
            viewModel.armedProperty().removeListener(gone);
            if (viewModel.armedProperty().get() == armed) {
                viewModel.cancel();
            }
        });
        setResultConverter(b -> null);
    }

    private static String unit(CommandDefinition d) {
        return d.parameter().unit().isEmpty() ? "" : " " + d.parameter().unit();
    }

    private static String alarm(AlarmTransition t) {
        return "P" + t.priority() + "  " + t.alarmId() + "  " + t.to() + "  (" + t.value() + ")";
    }

    private static Label label(String id, String text) {
        Label l = new Label(text);
        l.setId(id);
        return l;
    }
}
