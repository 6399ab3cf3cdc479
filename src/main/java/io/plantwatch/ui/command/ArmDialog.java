package io.plantwatch.ui.command;

import io.plantwatch.domain.CommandDefinition;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Selects a command from elsewhere than the commands panel (the alarm table's context menu, a tile):
 * asks for its value (per the parameter schema) and note, then arms it through the
 * {@link CommandsViewModel}; the confirmation dialog follows when the service has armed it. "Arm…" is
 * enabled only for a value the schema accepts and, where the catalog requires one, a note. Node ids:
 * {@code armDevice}, {@code commandValue}, {@code armNote}, {@code armProblem}, button {@code armConfirm}.
 */
public final class ArmDialog extends Dialog<Void> {

    /**
     * @param owner the console window, or null
     */
    public ArmDialog(CommandsViewModel viewModel, CommandDefinition d, Window owner) {
        setTitle("Select command");
        setHeaderText(CommandsViewModel.menuText(d).replace("…", "") + (d.description().isEmpty() ? "" : " — " + d.description()));
        if (owner != null) {
            initOwner(owner);
        }
        ParameterInput value = new ParameterInput(d.parameter());
        TextArea note = new TextArea();
        note.setId("armNote");
        note.setPrefRowCount(2);
        note.setPromptText(d.noteRequired() ? "required" : "optional");
        Label device = new Label(d.device() + " / " + d.name());
        device.setId("armDevice");
        Label problem = new Label();
        problem.setId("armProblem");
        problem.getStyleClass().add("field-error");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Target"), device);
        grid.addRow(1, new Label("Value"), value.node());
        grid.addRow(2, new Label("Operator"), new Label(viewModel.operator()));
        grid.addRow(3, new Label("Note"), note);
        grid.add(problem, 1, 4);
        getDialogPane().setContent(grid);
        ButtonType arm = new ButtonType("Arm…", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(arm, ButtonType.CANCEL);
        var armButton = getDialogPane().lookupButton(arm);
        armButton.setId("armConfirm");
        var why = Bindings.createStringBinding(() -> {
            String p = d.parameter().type() == io.plantwatch.domain.CommandParameter.Type.NONE ? null : value.problem();
            if (p != null && !value.text().get().isEmpty()) {
                return p;
            }
            return "";
        }, value.text());
        problem.textProperty().bind(why);
        armButton.disableProperty().bind(Bindings.createBooleanBinding(() -> value.problem() != null
                || d.noteRequired() && note.getText().isBlank() || !viewModel.mayArm(d), value.text(), note.textProperty()));
        setResultConverter(b -> {
            if (b == arm) {
                viewModel.arm(d.device(), d.name(), value.text().get(), note.getText().strip());
            }
            return null;
        });
        setOnShown(e -> note.requestFocus());
    }
}
