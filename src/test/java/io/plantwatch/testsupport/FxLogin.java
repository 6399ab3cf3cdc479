package io.plantwatch.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import javafx.scene.control.Label;
import org.testfx.api.FxRobot;

/** Logs in through the console's header and login dialog, as an operator would. */
public final class FxLogin {

    private FxLogin() {
    }

    /** Clicks "Log in…", types name and password, confirms, and waits for the header to show the operator. */
    public static void logIn(FxRobot robot, String name, String password, String role) {
        robot.clickOn("#loginButton");
        robot.clickOn("#loginName").write(name);
        robot.clickOn("#loginPassword").write(password);
        robot.clickOn("#loginConfirm");
        await("logged in as " + name).atMost(Duration.ofSeconds(30))
                .until(() -> (name + " (" + role + ")").equals(robot.lookup("#sessionLabel").queryAs(Label.class).getText()));
    }
}
