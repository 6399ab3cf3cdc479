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
 * The real console, headless (Monocle): starts on the bundled sample data, an alarm appears, the
 * operator logs in and acknowledges it through the dialog, the application context is restarted on
 * the same data directory, and the alarm is still acknowledged.
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
    void acknowledgedAlarmIsStillAcknowledgedAfterRestart() throws Exception {
        Path recording = shortRecording();
        Operators.add(dataDir, "J. Smith", Role.OPERATOR, "smith-secret");
        show(recording);
        FxLogin.logIn(robot, "J. Smith", "smith-secret", "operator");

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
        snapshot(work.resolve("before-restart.png"));

        // restart the application context on the same data directory
        session.close();
        session = null;
        FxToolkit.cleanupStages();
        show(recording);

        AlarmRow restored = row(ALARM).orElseThrow(() -> new AssertionError(ALARM + " missing after restart"));
        assertThat(restored.state()).isEqualTo(AlarmState.ACKED);
        assertThat(restored.actor()).isEqualTo("J. Smith");
        assertThat(restored.comment()).isEqualTo("inlet valve checked");
        List<AlarmTransition> acks = session.context().alarmJournal().all().stream()
                .filter(t -> t.cause() == AlarmTransition.Cause.ACKNOWLEDGE && t.alarmId().equals(ALARM)).toList();
        assertThat(acks).hasSize(1);
        assertThat(acks.get(0).from()).isEqualTo(AlarmState.UNACK);
        assertThat(acks.get(0).to()).isEqualTo(AlarmState.ACKED);

        // the replay runs again from the start of the recording: the alarm is not raised a second time
        // 2,000 readings of the trimmed recording take ~23 s at 10x
        await().atMost(Duration.ofSeconds(60)).until(() -> session.context().readingsIn() > 2000);
        assertThat(session.context().alarmJournal().all().stream()
                .filter(t -> t.alarmId().equals(ALARM) && t.cause() == AlarmTransition.Cause.ACTIVATE)).hasSize(1);
        snapshot(TestPaths.repo().resolve("target").resolve("console-after-restart.png"));
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
