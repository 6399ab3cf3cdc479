package io.plantwatch.ui.command;

import io.plantwatch.domain.CommandParameter;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;

/**
 * The input of a command's value, after its parameter schema: a choice box for an enum or a boolean
 * (nothing preselected: the operator chooses), a number field with the range as prompt and the unit
 * beside it, or "no value". {@link #problem()} is the schema's own check ({@link CommandParameter#check}),
 * so the screen refuses what the service would. Node id {@code commandValue} for tests.
 */
final class ParameterInput {

    private final CommandParameter parameter;
    private final Node node;
    private final StringBinding text;

    ParameterInput(CommandParameter parameter) {
        this.parameter = parameter;
        switch (parameter.type()) {
            case NONE -> {
                Label l = new Label("no value");
                l.setId("commandValue");
                node = l;
                text = Bindings.createStringBinding(() -> "");
            }
            case NUMBER -> {
                TextField f = new TextField();
                f.setId("commandValue");
                f.setPrefColumnCount(8);
                f.setPromptText(parameter.describe().substring("number ".length()));
                node = new HBox(6, f, new Label(parameter.unit()));
                text = Bindings.createStringBinding(f::getText, f.textProperty());
            }
            default -> {
                ChoiceBox<String> c = new ChoiceBox<>();
                c.setId("commandValue");
                c.getItems().setAll(parameter.type() == CommandParameter.Type.BOOLEAN
                        ? java.util.List.of("true", "false") : parameter.values());
                node = c;
                text = Bindings.createStringBinding(() -> c.getValue() == null ? "" : c.getValue(), c.valueProperty());
            }
        }
    }

    /** The control to show. */
    Node node() {
        return node;
    }

    /** The value as entered (empty for none or nothing chosen). */
    StringBinding text() {
        return text;
    }

    /** Why the entered value would be refused, or null when the schema accepts it. */
    String problem() {
        try {
            parameter.check(text.get());
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
