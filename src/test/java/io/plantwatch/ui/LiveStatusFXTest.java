package io.plantwatch.ui;

import static org.assertj.core.api.Assertions.assertThat;

import eu.hansolo.tilesfx.Tile;
import io.plantwatch.domain.ConnectionState;
import io.plantwatch.domain.DeadLetter;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.domain.LimitSpec;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.testsupport.StubConsoleServices;
import io.plantwatch.testsupport.TestPaths;
import io.plantwatch.ui.overview.OverviewView;
import java.time.Instant;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console in live mode, headless, over stub services: connection states reach the status bar
 * (grey when connected, teal when failing), a stale tag's tile says STALE under its hatching, and
 * the status bar's rejected count opens the Data quality tab with the dead letters.
 */
class LiveStatusFXTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private final FxRobot robot = new FxRobot();
    private final StubConsoleServices services = new StubConsoleServices();
    private final ConsoleFeed feed = new ConsoleFeed();
    private ConsoleViewModel vm;

    @BeforeEach
    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        services.tags.add(new TagDefinition("G1/flow", "Loop flow", "L/min", 0, 40,
                List.of(new LimitSpec(LimitLevel.LO, 31.5, 2, 0.5, 0))));
        services.tags.add(new TagDefinition("G1/temp", "Motor temperature", "degC", 0, 120, List.of()));
        services.status = new StatusSnapshot("RUNNING", "", 0, 0, 10, 3, "", 1, 0, 0, 0, true);
        services.rejected.put("value is not a number", 2L);
        services.rejected.put("unknown topic", 1L);
        services.deadLetters.add(new DeadLetter(3, T, "sensors/G1/flow", -1, "value is not a number", "{\"value\": \"x\"}"));
        vm = new ConsoleViewModel(feed, services, Runnable::run);
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

    @Test
    @Timeout(60)
    void connectionStatesStaleTilesAndRejectedInputAreShown() {
        feed.onConnectionState(new ConnectionState("mqtt://broker:1883", ConnectionState.Status.CONNECTED, "", T));
        feed.onConnectionState(new ConnectionState("kafka://k1:9092", ConnectionState.Status.ERROR,
                "bootstrap servers not reachable", T));
        feed.onReading(new Reading("G1/flow", T.toEpochMilli(), 32.4, "L/min"));
        feed.onReading(new Reading("G1/temp", T.toEpochMilli(), 61.0, "degC"));
        feed.stale(List.of("G1/flow"), T.toEpochMilli() + 1_000, "DDEATH from G1");
        robot.interact(vm::refresh);

        Label kafka = robot.lookup("#connection-0").queryAs(Label.class);
        Label mqtt = robot.lookup("#connection-1").queryAs(Label.class);
        assertThat(kafka.getText()).isEqualTo("Kafka k1:9092 — error: bootstrap servers not reachable");
        assertThat(kafka.getStyle()).contains(Isa101.css(Isa101.COMMS_FAILED));
        assertThat(mqtt.getText()).isEqualTo("MQTT mqtt://broker:1883 — connected");
        assertThat(mqtt.getStyle()).doesNotContain("-fx-background-color");
        assertThat(robot.lookup("#rejected").queryAs(Label.class).getText()).isEqualTo("3 rejected");

        Tile flow = robot.lookup("#" + OverviewView.tileId("G1/flow")).queryAs(Tile.class);
        Tile temp = robot.lookup("#" + OverviewView.tileId("G1/temp")).queryAs(Tile.class);
        assertThat(flow.getText()).isEqualTo("STALE (DDEATH from G1)");
        assertThat(flow.getValueColor()).isEqualTo(Isa101.STALE_VALUE);
        assertThat(robot.lookup("#stale-G1-flow").queryAs(Node.class).isVisible()).isTrue();
        assertThat(robot.lookup("#staleText-G1-flow").queryAs(Label.class).getText()).isEqualTo("STALE");
        assertThat(temp.getText()).isEqualTo("Motor temperature");
        assertThat(robot.lookup("#stale-G1-temp").queryAs(Node.class).isVisible()).isFalse();
        snapshot("live-status.png");

        feed.onReading(new Reading("G1/flow", T.toEpochMilli() + 2_000, 32.6, "L/min"));
        robot.interact(vm::refresh);
        assertThat(flow.getText()).isEqualTo("Loop flow");
        assertThat(flow.getValueColor()).isEqualTo(Isa101.TEXT);

        robot.clickOn("#rejected");
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Data quality");
        robot.interact(vm::refresh);
        assertThat(robot.lookup("#reasonTable").queryAs(TableView.class).getItems()).hasSize(2);
        assertThat(robot.lookup("#deadLetterTable").queryAs(TableView.class).getItems()).hasSize(1);
        assertThat(robot.lookup("#rejectedTotal").queryAs(Label.class).getText()).isEqualTo("3 rejected inputs");
        snapshot("data-quality-tab.png");
    }

    /** Writes a picture of the console to {@code target/} for a look by eye. */
    private void snapshot(String name) {
        try {
            Node root = robot.lookup(".tab-pane").query();
            javafx.scene.image.Image img = WaitForAsyncUtils.asyncFx(() -> root.getScene().getRoot().snapshot(null, null)).get();
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
