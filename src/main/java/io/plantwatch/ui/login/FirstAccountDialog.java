package io.plantwatch.ui.login;

import io.plantwatch.security.OperatorAdministration;
import javafx.beans.value.ChangeListener;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * The console's first start, when no operator account exists: offers to create the first account,
 * an engineer (who can then add operators with {@code plantwatch operators add}); "Skip" leaves the
 * console view-only. Node ids: {@code firstName}, {@code firstPassword}, {@code firstPasswordRepeat},
 * {@code firstError}, buttons {@code createFirstAccount} and {@code skipFirstAccount}.
 */
public final class FirstAccountDialog extends Dialog<Void> {

    /** A dialog on the session's ViewModel. FX thread. */
    public FirstAccountDialog(SessionViewModel session, javafx.stage.Window owner) {
        setTitle("First start");
        setHeaderText("No operator accounts yet. Create the first account, an engineer?\n"
                + "Skip to use the console view-only (nothing can be acknowledged or sent).");
        if (owner != null) {
            initOwner(owner);
        }
        TextField name = new TextField();
        name.setId("firstName");
        name.setPromptText("e.g. jsmith");
        PasswordField password = new PasswordField();
        password.setId("firstPassword");
        password.setPromptText("at least " + OperatorAdministration.MIN_PASSWORD_LENGTH + " characters");
        PasswordField repeat = new PasswordField();
        repeat.setId("firstPasswordRepeat");
        Label error = new Label();
        error.setId("firstError");
        error.getStyleClass().add("field-error");
        error.textProperty().bind(session.messageProperty());
        error.setWrapText(true);
        error.setMaxWidth(420);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Engineer's name"), name);
        grid.addRow(1, new Label("Password"), password);
        grid.addRow(2, new Label("Repeat password"), repeat);
        grid.add(error, 0, 3, 2, 1);
        getDialogPane().setContent(grid);
        ButtonType create = new ButtonType("Create engineer account", ButtonBar.ButtonData.OK_DONE);
        ButtonType skip = new ButtonType("Skip (view only)", ButtonBar.ButtonData.CANCEL_CLOSE);
        getDialogPane().getButtonTypes().addAll(create, skip);
        var createButton = getDialogPane().lookupButton(create);
        createButton.setId("createFirstAccount");
        getDialogPane().lookupButton(skip).setId("skipFirstAccount");
        createButton.disableProperty().bind(name.textProperty().isEmpty().or(password.textProperty().isEmpty())
                .or(session.busyProperty()));
        createButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            char[] pw = password.getText().toCharArray();
            char[] again = repeat.getText().toCharArray();
            password.clear();
            repeat.clear();
            session.createFirstEngineer(name.getText(), pw, again);
        });
        ChangeListener<Number> closeOnSuccess = (o, a, b) -> {
            setResult(null);
            close();
        };
        session.successesProperty().addListener(closeOnSuccess);
        setOnHidden(e -> {
            session.successesProperty().removeListener(closeOnSuccess);
            session.firstStartDone();
        });
        setResultConverter(b -> null);
        setOnShown(e -> name.requestFocus());
    }
}
