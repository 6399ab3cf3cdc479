package io.plantwatch.ui.login;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Covers the console while it is locked after inactivity: the locked operator enters their password
 * again, or another operator logs in (name changed). Nothing below it can be clicked. Node ids:
 * {@code lockScreen}, {@code unlockName}, {@code unlockPassword}, {@code unlockButton},
 * {@code unlockError}.
 */
public final class LockScreen extends StackPane {

    /** A lock screen following the session's ViewModel. FX thread. */
    public LockScreen(SessionViewModel session) {
        setId("lockScreen");
        getStyleClass().add("lock-screen");
        Label title = new Label("Console locked");
        title.getStyleClass().add("lock-title");
        Label hint = new Label();
        hint.textProperty().bind(javafx.beans.binding.Bindings.concat("Locked after inactivity. ",
                session.lockedOperatorProperty(), ": enter your password, or log in as another operator."));
        hint.setWrapText(true);
        TextField name = new TextField();
        name.setId("unlockName");
        PasswordField password = new PasswordField();
        password.setId("unlockPassword");
        Button unlock = new Button("Unlock");
        unlock.setId("unlockButton");
        unlock.setDefaultButton(true);
        unlock.disableProperty().bind(name.textProperty().isEmpty().or(password.textProperty().isEmpty())
                .or(session.busyProperty()));
        unlock.setOnAction(e -> {
            char[] pw = password.getText().toCharArray();
            password.clear();
            session.unlock(name.getText(), pw);
        });
        Label error = new Label();
        error.setId("unlockError");
        error.getStyleClass().add("field-error");
        error.textProperty().bind(session.messageProperty());
        error.setWrapText(true);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Operator"), name);
        grid.addRow(1, new Label("Password"), password);
        VBox card = new VBox(10, title, hint, grid, unlock, error);
        card.getStyleClass().add("lock-card");
        card.setMaxSize(460, 260);
        card.setAlignment(Pos.CENTER_LEFT);
        getChildren().add(card);
        setAlignment(Pos.CENTER);
        visibleProperty().bind(session.lockedProperty());
        managedProperty().bind(session.lockedProperty());
        session.lockedProperty().addListener((o, was, now) -> {
            password.clear();
            if (now) {
                name.setText(session.lockedOperatorProperty().get());
                password.requestFocus();
            }
        });
    }
}
