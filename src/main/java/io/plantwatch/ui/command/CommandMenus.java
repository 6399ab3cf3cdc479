package io.plantwatch.ui.command;

import io.plantwatch.domain.CommandDefinition;
import io.plantwatch.domain.CommandParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;

/**
 * Context-menu entries for the catalog commands of a tag's device ("Shut down P-101", "Start P-101",
 * "P-101: valve_position…"), shared by the alarm table's row menu and the overview tiles' faceplate
 * menu, so that every way into a command leads to the same select-before-operate. FX thread only.
 */
public final class CommandMenus {

    private CommandMenus() {
    }

    /**
     * The entries for a tag's device, built when the menu shows (the session and the armed command
     * change): disabled where {@link CommandsViewModel#mayArm} says no, or while another command is armed.
     *
     * @param tag   e.g. {@code P-101/flow}; a tag without a device gives no entries
     * @param owner the window the arm dialog belongs to
     * @return the entries, empty when the device accepts no commands; ids {@code command-<device>-<command>}
     */
    public static List<MenuItem> forTag(CommandsViewModel commands, String tag, Supplier<Window> owner) {
        List<MenuItem> out = new ArrayList<>();
        for (CommandDefinition d : commands.commandsForTag(tag)) {
            MenuItem m = new MenuItem(CommandsViewModel.menuText(d));
            m.setId("command-" + d.device() + "-" + d.name());
            m.setDisable(!commands.mayArm(d) || commands.armedProperty().get() != null);
            m.setOnAction(e -> select(commands, d, owner.get()));
            out.add(m);
        }
        return out;
    }

    /**
     * Selects a command: one without value or note is armed at once; otherwise the arm dialog asks for
     * them. The confirmation dialog follows when the service has armed it ({@link CommandsViewModel#armedProperty}).
     */
    public static void select(CommandsViewModel commands, CommandDefinition d, Window owner) {
        if (d.parameter().type() == CommandParameter.Type.NONE && !d.noteRequired()) {
            commands.arm(d.device(), d.name(), null, "");
        } else {
            new ArmDialog(commands, d, owner).show();
        }
    }
}
