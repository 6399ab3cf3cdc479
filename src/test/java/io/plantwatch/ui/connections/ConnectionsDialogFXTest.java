package io.plantwatch.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.config.Connections;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.SecretRef;
import io.plantwatch.testsupport.StubConsoleServices;
import io.plantwatch.testsupport.TestPaths;
import io.plantwatch.ui.ConsoleFeed;
import io.plantwatch.ui.ConsoleViewModel;
import io.plantwatch.ui.MainView;
import java.net.URI;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Connections dialog, headless, over stub services: an invalid URL and a plain password are
 * refused next to their fields with Save disabled; valid settings are tested (the outcome arrives
 * at the cadence) and saved through the services.
 */
class ConnectionsDialogFXTest {

    private final FxRobot robot = new FxRobot();
    private final StubConsoleServices services = new StubConsoleServices();
    private ConsoleViewModel vm;

    @BeforeEach
    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        vm = new ConsoleViewModel(new ConsoleFeed(), services, Runnable::run);
        FxToolkit.setupStage(s -> {
            s.setScene(new Scene(MainView.load(vm), 1400, 900));
            s.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private <T extends Node> T node(String id, Class<T> type) {
        return robot.lookup(id).queryAs(type);
    }

    private void tab(int index) {
        robot.interact(() -> node("#connectionTabs", TabPane.class).getSelectionModel().select(index));
    }

    /** Replaces a text field's content by typing. */
    private void retype(String id, String text) {
        TextField f = node(id, TextField.class);
        robot.interact(f::clear);
        robot.clickOn(f).write(text);
    }

    @Test
    @Timeout(60)
    void invalidInputIsRefusedInlineThenValidSettingsAreTestedAndSaved() {
        robot.clickOn("#connectionsButton");
        WaitForAsyncUtils.waitForFxEvents();
        Button save = node("#saveConnections", Button.class);
        assertThat(save.isDisabled()).as("the replay-only site is valid").isFalse();

        tab(1);
        robot.clickOn("#mqttEnabled");
        retype("#mqttUrl", "http://broker:1883");

        Label urlError = node("#mqttUrlError", Label.class);
        assertThat(urlError.getText()).isEqualTo("The URL must start with mqtt:// or mqtts:// (TLS), e.g. mqtt://localhost:1883");
        assertThat(urlError.isVisible()).isTrue();
        assertThat(node("#mqttUrl", TextField.class).getStyleClass()).contains("invalid");
        assertThat(save.isDisabled()).isTrue();
        assertThat(node("#testMqtt", Button.class).isDisabled()).isTrue();

        retype("#mqttUrl", "mqtt://broker.plant.local:1883");
        assertThat(urlError.getText()).isEmpty();
        assertThat(urlError.isVisible()).isFalse();
        retype("#mqttUsername", "console");
        retype("#mqttPassword", "hunter2");

        assertThat(node("#mqttPasswordError", Label.class).getText())
                .startsWith("Refused: passwords are never stored in the site file.");
        assertThat(save.isDisabled()).isTrue();
        snapshot("connections-dialog-refused.png");

        retype("#mqttPassword", "env:PLANTWATCH_MQTT_PASSWORD");
        assertThat(node("#mqttPasswordError", Label.class).getText()).isEmpty();
        tab(0);
        robot.clickOn("#modeLive");
        assertThat(save.isDisabled()).isFalse();

        tab(1);
        robot.clickOn("#testMqtt");
        assertThat(services.mqttTested).extracting(MqttSettings::serverUri)
                .containsExactly(URI.create("mqtt://broker.plant.local:1883"));
        robot.interact(vm::refresh);
        assertThat(node("#mqttTestResult", Label.class).getText()).isEqualTo("Connected in 12 ms");
        snapshot("connections-dialog.png");

        robot.clickOn("#saveConnections");
        robot.interact(vm::refresh);

        assertThat(services.saved).hasSize(1);
        Connections saved = services.saved.get(0);
        assertThat(saved.mode()).isEqualTo(Connections.Mode.LIVE);
        assertThat(saved.mqtt().serverUri()).isEqualTo(URI.create("mqtt://broker.plant.local:1883"));
        assertThat(saved.mqtt().username()).isEqualTo("console");
        assertThat(saved.mqtt().password()).isEqualTo(new SecretRef(SecretRef.Kind.ENV, "PLANTWATCH_MQTT_PASSWORD", null));
        assertThat(saved.kafka()).isNull();
        assertThat(node("#connectionsMessage", Label.class).getText())
                .isEqualTo("Saved to site.yaml (previous version kept as site.yaml.bak).");
        assertThat(services.switched).isEmpty();
    }

    /** Writes a picture of the dialog to {@code target/} for a look by eye. */
    private void snapshot(String name) {
        try {
            Node pane = robot.lookup(".dialog-pane").query();
            javafx.scene.image.Image img = WaitForAsyncUtils.asyncFx(() -> pane.getScene().getRoot().snapshot(null, null)).get();
            java.awt.image.BufferedImage out = new java.awt.image.BufferedImage((int) img.getWidth(), (int) img.getHeight(),
                    java.awt.image.BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < out.getHeight(); y++) {
                for (int x = 0; x < out.getWidth(); x++) {
                    out.setRGB(x, y, img.getPixelReader().getArgb(x, y));
                }
            }
            java.nio.file.Path dir = TestPaths.repo().resolve("target");
            java.nio.file.Files.createDirectories(dir);
            javax.imageio.ImageIO.write(out, "png", dir.resolve(name).toFile());
        } catch (Exception e) {
            throw new AssertionError("snapshot " + name + " failed", e);
        }
    }
}
