package io.plantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.Role;
import io.plantwatch.testsupport.FxLogin;
import io.plantwatch.testsupport.Operators;
import io.plantwatch.testsupport.TestPaths;
import io.plantwatch.ui.alarm.AlarmRow;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real console, headless (Monocle): starts on the bundled sample data in replay mode (title,
 * toolbar and status bar say REPLAY), an alarm appears, the operator logs in and acknowledges it through the
 * dialog; after a restart on the same data directory the replay is a new run with an empty alarm
 * journal, and the live alarm journal never saw either run (ADR 0008). Alarm state surviving a
 * restart (ADR 0003) is the live journal's: see AlarmStateMachineTest.
 */
class ConsoleFXTest {

    private static final String ALARM = "P-101/flow:LO";

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    private Stage stage;
    private ConsoleSession session;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        if (session != null) {
            session.close();
        }
        FxToolkit.cleanupStages();
    }

    /** The valve1 experiment from 100 s before the valve closes: the LO alarm comes ~10 s after start at 10x. */
    private Path shortRecording() throws IOException {
        List<String> lines = Files.readAllLines(TestPaths.sample("skab-valve1-09.csv"));
        List<String> kept = lines.stream().skip(1).filter(l -> l.compareTo("2020-03-09T13:23:00Z") >= 0).toList();
        Path file = work.resolve("valve1-09-from-13-23.csv");
        Files.write(file, java.util.stream.Stream.concat(java.util.stream.Stream.of(lines.get(0)), kept.stream()).toList());
        return file;
    }

    private void show(Path recording) throws Exception {
        session = ConsoleSession.open(TestPaths.sample("demo-site.yaml"), recording, 10, dataDir);
        FxToolkit.setupStage(s -> {
            s.setScene(new Scene(session.root(), 1400, 900));
            s.show();
            session.startCadence();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private Optional<AlarmRow> row(String alarmId) {
        TableView<AlarmRow> table = robot.lookup("#table").queryAs(TableView.class);
        return table.getItems().stream().filter(r -> r.alarmId().equals(alarmId)).findFirst();
    }

    @Test
    @Timeout(240)
    void replayResultsStayWithTheirRunAndNeverReachTheLiveAlarmJournal() throws Exception {
        Path recording = shortRecording();
        Operators.add(dataDir, "J. Smith", Role.OPERATOR, "smith-secret");
        show(recording);
        FxLogin.logIn(robot, "J. Smith", "smith-secret", "operator");

        // the console says REPLAY: window title, toolbar, status bar
        assertThat(session.viewModel().titleProperty().get()).endsWith("REPLAY of " + recording.getFileName());
        assertThat(robot.lookup("#replayToolbar").query().isVisible()).isTrue();
        assertThat(robot.lookup("#source").queryAs(javafx.scene.control.Label.class).getText()).startsWith("REPLAY: ");
        assertThat(session.context().live()).as("no command transport is wired in replay mode").isFalse();

        await("the flow LO alarm in the table").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> row(ALARM).map(r -> r.state() == AlarmState.UNACK).orElse(false));

        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            TableView<AlarmRow> table = robot.lookup("#table").queryAs(TableView.class);
            table.getSelectionModel().select(row(ALARM).orElseThrow());
        });
        robot.clickOn("#acknowledgeButton");
        robot.clickOn("#actionNote").write("inlet valve checked");
        robot.clickOn("#confirmAction");

        await("acknowledged in the table").atMost(Duration.ofSeconds(20))
                .until(() -> row(ALARM).map(r -> r.state() == AlarmState.ACKED).orElse(false));
        List<AlarmTransition> acks = session.context().alarmJournal().all().stream()
                .filter(t -> t.cause() == AlarmTransition.Cause.ACKNOWLEDGE && t.alarmId().equals(ALARM)).toList();
        assertThat(acks).hasSize(1);
        assertThat(acks.get(0).from()).isEqualTo(AlarmState.UNACK);
        assertThat(acks.get(0).to()).isEqualTo(AlarmState.ACKED);
        snapshot(work.resolve("before-restart.png"));

        // restart on the same data directory: a replay is a new run (ADR 0008), its alarm journal starts empty
        session.close();
        session = null;
        FxToolkit.cleanupStages();
        show(recording);

        assertThat(row(ALARM)).as("nothing carried over from the previous replay run").isEmpty();
        await("the flow LO alarm raised again by the new run").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> row(ALARM).map(r -> r.state() == AlarmState.UNACK).orElse(false));
        assertThat(session.context().alarmJournal().all()).noneMatch(t -> t.cause() == AlarmTransition.Cause.ACKNOWLEDGE);
        snapshot(TestPaths.repo().resolve("target").resolve("console-after-restart.png"));
        session.close();
        session = null;

        // the live alarm journal (the data directory's own database) never saw the replays
        try (io.plantwatch.storage.Database live = io.plantwatch.storage.Database.open(dataDir)) {
            assertThat(new io.plantwatch.storage.H2AlarmJournal(live).all()).isEmpty();
        }
        assertThat(dataDir.resolve("replay").resolve("plantwatch.mv.db")).exists();
    }

    private void snapshot(Path file) throws IOException {
        javafx.scene.image.Image img;
        try {
            img = WaitForAsyncUtils.asyncFx(() -> stage.getScene() == null ? null
                    : (javafx.scene.image.Image) stage.getScene().getRoot().snapshot(null, null)).get();
        } catch (Exception e) {
            throw new IOException("snapshot failed", e);
        }
        if (img == null) {
            return;
        }
        PixelReader pr = img.getPixelReader();
        BufferedImage out = new BufferedImage((int) img.getWidth(), (int) img.getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, pr.getArgb(x, y));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(out, "png", file.toFile());
    }
}
