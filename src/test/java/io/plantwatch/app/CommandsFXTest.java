package io.plantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import eu.hansolo.tilesfx.Tile;
import io.plantwatch.audit.AuditAction;
import io.plantwatch.audit.AuditRecord;
import io.plantwatch.command.CommandRefusedException;
import io.plantwatch.config.Connections;
import io.plantwatch.config.SiteConfig;
import io.plantwatch.config.SiteConfigLoader;
import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.CommandStatus;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.Role;
import io.plantwatch.ingest.replay.Recording;
import io.plantwatch.ingest.sim.DeviceSimulator;
import io.plantwatch.testsupport.EmbeddedMqttBroker;
import io.plantwatch.testsupport.FxLogin;
import io.plantwatch.testsupport.Operators;
import io.plantwatch.testsupport.TestPaths;
import io.plantwatch.ui.alarm.AlarmRow;
import io.plantwatch.ui.command.CommandRow;
import io.plantwatch.ui.overview.OverviewView;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A pump shut down from its alarm row, end to end and headless: the real console in live mode on an
 * embedded MQTT broker (HiveMQ CE), a real {@link DeviceSimulator} publishing P-101's readings and
 * answering the demo site's command catalog, the console's own H2 audit trail. While nobody is logged in
 * (a viewer) the command actions are disabled and the service refuses them; the operator logs in,
 * right-clicks the motor temperature HI alarm, chooses "Shut down P-101", writes the required note, sees
 * the confirmation (device, current flow, the alarm, operator, countdown), executes, and sees
 * ACKNOWLEDGED in the commands list, the pump's flow falling to 0 on its tile, and the audit rows
 * COMMAND_ARM, COMMAND_EXECUTE, COMMAND_SENT, COMMAND_ACKNOWLEDGED in the database.
 */
class CommandsFXTest {

    private static final String ALARM = "P-101/motor_temperature:HI";

    @TempDir
    Path work;

    private EmbeddedMqttBroker broker;
    private DeviceSimulator simulator;
    private ConsoleSession session;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        if (session != null) {
            session.close();
        }
        FxToolkit.cleanupStages();
        if (simulator != null) {
            simulator.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /**
     * P-101 running with its motor hot: flow ~32 L/min, current ~2.5 A, motor temperature ~87 °C (above HI
     * 85, below HIHI 90), one sample a second, slightly varying (no stuck-value detection).
     */
    private Path recording() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,device,sensor,value,unit\n");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 600; i++) {
            String ts = t0.plusSeconds(i).toString();
            csv.append(ts).append(",P-101,flow,").append(32 + (i % 5) * 0.1).append(",L/min\n");
            csv.append(ts).append(",P-101,motor_current,").append(2.5 + (i % 3) * 0.05).append(",A\n");
            csv.append(ts).append(",P-101,motor_temperature,").append(86.5 + (i % 4) * 0.3).append(",degC\n");
        }
        Path rec = work.resolve("p101-hot.csv");
        Files.writeString(rec, csv);
        return rec;
    }

    private void show() throws Exception {
        broker = new EmbeddedMqttBroker(work.resolve("broker")).start();
        URI url = URI.create(broker.url());
        SiteConfig site = new SiteConfigLoader().load(TestPaths.sample("demo-site.yaml"))
                .withConnections(new Connections(Connections.Mode.LIVE, MqttSettings.defaults(url), null));
        simulator = new DeviceSimulator(Recording.load(recording()), DeviceSimulator.Settings.mqtt(url).withSpeed(10, true),
                Clock.systemUTC(), new DeviceSimulator.Listener() { }, site.commands());
        simulator.start();
        session = ConsoleSession.open(site, null, Double.NaN, work.resolve("data"));
        FxToolkit.setupStage(s -> {
            s.setScene(new Scene(session.root(), 1400, 900));
            s.show();
            session.startCadence();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private TableView<AlarmRow> alarmTable() {
        return robot.lookup("#table").queryAs(TableView.class);
    }

    private Optional<AlarmRow> row(String alarmId) {
        return alarmTable().getItems().stream().filter(r -> r.alarmId().equals(alarmId)).findFirst();
    }

    /** Selects the alarm's row and opens the table's context menu on it; returns the menu. */
    private ContextMenu openMenuOn(String alarmId) {
        AlarmRow r = row(alarmId).orElseThrow();
        robot.interact(() -> alarmTable().getSelectionModel().select(r));
        Node cell = robot.lookup(".table-row-cell").match(n -> ((TableRow<?>) n).getItem() == r).query();
        robot.rightClickOn(cell);
        // Monocle's headless glass sends the secondary-button press but no menu request: send it as a desktop would
        robot.interact(() -> {
            if (!alarmTable().getContextMenu().isShowing()) {
                javafx.geometry.Bounds b = cell.localToScreen(cell.getBoundsInLocal());
                javafx.geometry.Point2D local = cell.screenToLocal(b.getCenterX(), b.getCenterY());
                javafx.event.Event.fireEvent(cell, new javafx.scene.input.ContextMenuEvent(
                        javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, local.getX(), local.getY(),
                        b.getCenterX(), b.getCenterY(), false, null));
            }
        });
        await("context menu").atMost(Duration.ofSeconds(10)).until(() -> alarmTable().getContextMenu().isShowing());
        return alarmTable().getContextMenu();
    }

    private MenuItem shutdownItem(ContextMenu menu) {
        return menu.getItems().stream().filter(i -> "Shut down P-101".equals(i.getText())).findFirst().orElseThrow();
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private List<AuditRecord> audit() {
        return session.context().auditTrail().read(1, 1000);
    }

    private void selectTab(String name) {
        robot.interact(() -> {
            TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals(name)).findFirst()
                    .orElseThrow());
        });
    }

    @Test
    @Timeout(240)
    void anOperatorShutsDownThePumpFromItsAlarmRowAndAViewerCannot() throws Exception {
        Operators.add(work.resolve("data"), "alice", Role.OPERATOR, "alice-secret");
        show();
        await("the motor temperature HI alarm").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> row(ALARM).map(r -> r.state() == AlarmState.UNACK).orElse(false));
        await("the command connection").atMost(Duration.ofSeconds(30))
                .until(() -> session.context().commands().unavailableReason() == null);

        // nobody logged in: a viewer; the menu offers the device's commands, disabled; the service refuses
        ContextMenu menu = openMenuOn(ALARM);
        assertThat(menu.getItems()).extracting(MenuItem::getText)
                .contains("Shut down P-101", "Start P-101", "P-101: valve_position…", "P-101: setpoint…", "P-101: mode…");
        assertThat(shutdownItem(menu).isDisable()).as("viewer").isTrue();
        robot.interact(menu::hide);
        selectTab("Commands");
        assertThat(robot.lookup("#commandsUnavailable").queryAs(Label.class).isVisible()).isFalse();
        robot.interact(() -> robot.lookup("#commandList").queryListView().getSelectionModel().select(0));
        assertThat(robot.lookup("#armButton").queryAs(Button.class).isDisabled()).as("viewer").isTrue();
        CommandRefusedException refused = catchThrowableOfType(
                () -> session.services().armCommand("P-101", "shutdown", null, "trying"), CommandRefusedException.class);
        assertThat(refused.getMessage()).contains("VIEWER");
        selectTab("Operation");

        FxLogin.logIn(robot, "alice", "alice-secret", "operator");
        menu = openMenuOn(ALARM);
        assertThat(shutdownItem(menu).isDisable()).as("operator").isFalse();
        robot.clickOn("Shut down P-101");

        // select: the arm dialog asks for the required note
        await("arm dialog").atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#armNote").tryQuery().isPresent());
        assertThat(robot.lookup("#armConfirm").queryButton().isDisabled()).as("note required").isTrue();
        robot.clickOn("#armNote").write("motor temperature HI, stopping to inspect the bearing");
        robot.clickOn("#armConfirm");

        // confirm: target, current value, requested, the device's alarms, operator, countdown
        await("confirmation").atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#executeCommand").tryQuery().isPresent());
        assertThat(text("#confirmDevice")).isEqualTo("P-101");
        assertThat(text("#confirmCommand")).isEqualTo("shutdown — Stop pump P-101");
        assertThat(text("#confirmProcessValue")).matches("P-101/flow = 32\\.[0-9]+ L/min");
        assertThat(text("#confirmRequested")).isEqualTo("shutdown (no value)");
        assertThat(text("#confirmAlarms")).contains(ALARM).contains("P2");
        assertThat(text("#confirmOperator")).isEqualTo("alice");
        assertThat(text("#confirmCountdown")).matches("Execute within ([12][0-9]|30) s");
        snapshotWindow(robot.lookup("#executeCommand").query().getScene().getWindow(), "command-confirmation.png");
        assertThat(audit()).extracting(r -> r.event().action() + " " + r.event().operator()).containsExactly(
                "COMMAND_REFUSED (nobody)", "LOGIN alice", "COMMAND_ARM alice");
        robot.clickOn("#executeCommand");

        // the lifecycle in the commands list, the dialog closed
        await("ACKNOWLEDGED").atMost(Duration.ofSeconds(20)).until(() -> session.viewModel().commands().rows().stream()
                .anyMatch(r -> r.command().equals("shutdown") && r.status() == CommandStatus.ACKNOWLEDGED));
        await("dialog closed").atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#executeCommand").tryQuery().isEmpty());
        selectTab("Commands");
        @SuppressWarnings("unchecked")
        TableView<CommandRow> list = robot.lookup("#commandTable").queryAs(TableView.class);
        assertThat(list.getItems()).singleElement().satisfies(r -> {
            assertThat(r.device()).isEqualTo("P-101");
            assertThat(r.operator()).isEqualTo("alice");
            assertThat(r.automatic()).isFalse();
            assertThat(r.status()).isEqualTo(CommandStatus.ACKNOWLEDGED);
        });
        assertThat(text("#commandMessage")).startsWith("P-101/shutdown executed");

        // the pump stopped: its flow tile goes to 0
        selectTab("Operation");
        Tile flow = robot.lookup("#" + OverviewView.tileId("P-101/flow")).queryAs(Tile.class);
        await("flow 0 on the tile").atMost(Duration.ofSeconds(20)).until(() -> flow.getValue() == 0.0);
        assertThat(session.feed().latest("P-101/flow").value()).isZero();

        // the tile's faceplate menu offers the same catalog commands, by the operator's role
        ContextMenu faceplate = flow.getContextMenu();
        assertThat(faceplate).as("faceplate menu on the P-101/flow tile").isNotNull();
        robot.interact(() -> {
            javafx.geometry.Bounds b = flow.localToScreen(flow.getBoundsInLocal());
            faceplate.show(flow, b.getCenterX(), b.getCenterY());
        });
        assertThat(faceplate.getItems()).extracting(MenuItem::getText)
                .containsExactly("Shut down P-101", "Start P-101", "P-101: valve_position…", "P-101: setpoint…", "P-101: mode…");
        assertThat(faceplate.getItems()).filteredOn(i -> i.getText().equals("Start P-101")).singleElement()
                .satisfies(i -> assertThat(i.isDisable()).as("operator may start").isFalse());
        assertThat(faceplate.getItems()).filteredOn(i -> i.getText().equals("P-101: setpoint…")).singleElement()
                .satisfies(i -> assertThat(i.isDisable()).as("setpoint needs an engineer").isTrue());
        robot.interact(faceplate::hide);
        selectTab("Commands");
        snapshotWindow(list.getScene().getWindow(), "commands-tab.png");

        // the record: every step in the console's H2 audit trail, the chain intact
        await("audit rows").atMost(Duration.ofSeconds(10)).until(() -> audit().stream()
                .anyMatch(r -> r.event().action() == AuditAction.COMMAND_ACKNOWLEDGED));
        List<AuditRecord> rows = audit().stream().filter(r -> r.event().action().name().startsWith("COMMAND_")
                && r.event().operator().equals("alice")).toList();
        assertThat(rows).extracting(r -> r.event().action()).containsExactly(AuditAction.COMMAND_ARM,
                AuditAction.COMMAND_EXECUTE, AuditAction.COMMAND_SENT, AuditAction.COMMAND_ACKNOWLEDGED);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.event().operator()).isEqualTo("alice");
            assertThat(r.event().target()).isEqualTo("P-101/shutdown");
            assertThat(r.event().automatic()).isFalse();
        });
        assertThat(rows.get(1).event().result()).startsWith("OK: command ").endsWith("; note: motor temperature HI, stopping to inspect the bearing");
        assertThat(session.context().auditTrail().verify().intact()).isTrue();
    }

    /** Writes a picture of a window to {@code target/} for a look by eye (docs screenshots). */
    private void snapshotWindow(Window window, String name) {
        try {
            javafx.scene.image.Image img = WaitForAsyncUtils.asyncFx(() -> window.getScene().getRoot().snapshot(null, null))
                    .get();
            java.awt.image.BufferedImage out = new java.awt.image.BufferedImage((int) img.getWidth(), (int) img.getHeight(),
                    java.awt.image.BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < out.getHeight(); y++) {
                for (int x = 0; x < out.getWidth(); x++) {
                    out.setRGB(x, y, img.getPixelReader().getArgb(x, y));
                }
            }
            Path dir = TestPaths.repo().resolve("target");
            Files.createDirectories(dir);
            javax.imageio.ImageIO.write(out, "png", dir.resolve(name).toFile());
        } catch (Exception e) {
            throw new AssertionError("snapshot " + name + " failed", e);
        }
    }
}
