package io.plantwatch.ui.login;

import javafx.beans.value.ChangeListener;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * "Log in": operator name and password. The login runs in the background; a refusal is shown in
 * the dialog (which stays open), a success closes it. Opened with {@link #show()} (never blocks the
 * cadence). Node ids for tests: {@code loginName}, {@code loginPassword}, {@code loginError}, confirm
 * button {@code loginConfirm}.
 */
public final class LoginDialog extends Dialog<Void> {

    /** A dialog on the session's ViewModel. FX thread. */
    public LoginDialog(SessionViewModel session, Window owner) {
        setTitle("Log in");
        setHeaderText("Log in to operate: acknowledge and shelve alarms, send commands");
        if (owner != null) {
            initOwner(owner);
        }
        TextField name = new TextField();
        name.setId("loginName");
        name.setPromptText("operator name");
        PasswordField password = new PasswordField();
        password.setId("loginPassword");
        Label error = new Label();
        error.setId("loginError");
        error.getStyleClass().add("field-error");
        error.textProperty().bind(session.messageProperty());
        error.setWrapText(true);
        error.setMaxWidth(360);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Operator"), name);
        grid.addRow(1, new Label("Password"), password);
        grid.add(error, 0, 2, 2, 1);
        getDialogPane().setContent(grid);
        ButtonType ok = new ButtonType("Log in", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        var okButton = getDialogPane().lookupButton(ok);
        okButton.setId("loginConfirm");
        okButton.disableProperty().bind(name.textProperty().isEmpty().or(password.textProperty().isEmpty())
                .or(session.busyProperty()));
        // the login runs in the background: keep the dialog open until it succeeds
        okButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            char[] pw = password.getText().toCharArray();
            password.clear();
            session.login(name.getText(), pw);
        });
        ChangeListener<Number> closeOnSuccess = (o, a, b) -> {
            setResult(null);
            close();
        };
        session.successesProperty().addListener(closeOnSuccess);
        setOnHidden(e -> session.successesProperty().removeListener(closeOnSuccess));
        setResultConverter(b -> null);
        setOnShown(e -> name.requestFocus());
    }
}
