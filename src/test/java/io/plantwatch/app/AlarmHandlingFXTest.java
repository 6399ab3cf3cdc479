package io.plantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.AlarmTransition.Cause;
import io.plantwatch.domain.Role;
import io.plantwatch.testsupport.FxLogin;
import io.plantwatch.testsupport.Operators;
import io.plantwatch.testsupport.TestPaths;
import io.plantwatch.ui.alarm.AlarmRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Alarm handling in the real console, headless: the alarm appears in the banner, the LOLO alarm
 * (note required) is acknowledged with a note, the LO alarm is shelved and
 * is re-annunciated when the shelving runs out, and the acknowledged alarm goes to NORMAL when the
 * flow recovers. The site file is the demo plant's with a 6 s shelving maximum, so that expiry
 * happens within the test. The operator logs in first (actions need the operator role), and the
 * dialogs act as the logged-in operator.
 */
class AlarmHandlingFXTest {

    private static final String LO = "P-101/flow:LO";
    private static final String LOLO = "P-101/flow:LOLO";

    @TempDir
    Path work;

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
    }

    private Path site() throws IOException {
        String yaml = Files.readString(TestPaths.sample("demo-site.yaml"))
                .replace("maxShelve: 8h", "maxShelve: 6s")
                .replace("recording: skab-valve1-09.csv", "recording: " + TestPaths.sample("skab-valve1-09.csv"));
        Path file = work.resolve("site.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** The valve1 experiment from 100 s before the valve closes. */
    private Path recording() throws IOException {
        List<String> lines = Files.readAllLines(TestPaths.sample("skab-valve1-09.csv"));
        Path file = work.resolve("valve1-09-from-13-23.csv");
        Files.write(file, Stream.concat(Stream.of(lines.get(0)),
                lines.stream().skip(1).filter(l -> l.compareTo("2020-03-09T13:23:00Z") >= 0)).toList());
        return file;
    }

    @SuppressWarnings("unchecked")
    private TableView<AlarmRow> table() {
        return robot.lookup("#table").queryAs(TableView.class);
    }

    private Optional<AlarmRow> row(String alarmId) {
        return table().getItems().stream().filter(r -> r.alarmId().equals(alarmId)).findFirst();
    }

    private boolean inState(String alarmId, AlarmState state) {
        return row(alarmId).map(r -> r.state() == state).orElse(false);
    }

    private List<String> banner() {
        HBox banner = robot.lookup("#alarmBanner").queryAs(HBox.class);
        return banner.getChildren().stream().map(n -> ((Label) n).getText()).toList();
    }

    private void select(String alarmId) {
        robot.interact(() -> table().getSelectionModel().clearAndSelect(table().getItems().indexOf(row(alarmId).orElseThrow())));
    }

    @Test
    @Timeout(300)
    void bannerAcknowledgeWithNoteShelveExpiryAndReturnToNormal() throws Exception {
        Operators.add(work.resolve("data"), "A. Operator", Role.OPERATOR, "operator-secret");
        session = ConsoleSession.open(site(), recording(), 10, work.resolve("data"));
        FxToolkit.setupStage(s -> {
            s.setScene(new Scene(session.root(), 1400, 900));
            s.show();
            session.startCadence();
        });
        WaitForAsyncUtils.waitForFxEvents();
        FxLogin.logIn(robot, "A. Operator", "operator-secret", "operator");

        // the alarms appear, most urgent first in the banner
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> inState(LOLO, AlarmState.UNACK) && inState(LO, AlarmState.UNACK));
        assertThat(banner()).first().asString().startsWith("P1  P-101/flow LOLO");
        assertThat(banner()).anyMatch(b -> b.startsWith("P2  P-101/flow LO "));

        // LOLO needs a note: the dialog cannot be confirmed without one
        select(LOLO);
        robot.clickOn("#acknowledgeButton");
        await("the dialog").atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#operatorName").tryQuery().isPresent());
        assertThat(robot.lookup("#operatorName").queryAs(Label.class).getText()).isEqualTo("A. Operator");
        assertThat(robot.lookup("#confirmAction").queryButton().isDisabled()).as("note required").isTrue();
        robot.clickOn("#actionNote").write("inlet valve reopened");
        assertThat(robot.lookup("#confirmAction").queryButton().isDisabled()).isFalse();
        robot.clickOn("#confirmAction");
        await().atMost(Duration.ofSeconds(20)).until(() -> inState(LOLO, AlarmState.ACKED));
        assertThat(banner()).noneMatch(b -> b.contains("LOLO"));

        // shelve LO: it leaves the table, then comes back when the 6 s run out
        select(LO);
        robot.clickOn("#shelveButton");
        robot.clickOn("#actionNote").write("flow transmitter being checked");
        robot.clickOn("#confirmAction");
        await().atMost(Duration.ofSeconds(10)).until(() -> row(LO).isEmpty());
        assertThat(session.context().alarms().state(LO)).isEqualTo(AlarmState.SHELVED);

        await("re-annunciated at expiry").atMost(Duration.ofSeconds(20)).until(() -> inState(LO, AlarmState.UNACK));

        // the flow recovers: the acknowledged LOLO goes to NORMAL and leaves the table
        await("return to normal").atMost(Duration.ofSeconds(120)).until(() -> row(LOLO).isEmpty());
        List<AlarmTransition> lolo = session.context().alarmJournal().all().stream()
                .filter(t -> t.alarmId().equals(LOLO)).toList();
        assertThat(lolo).extracting(AlarmTransition::cause).containsExactly(Cause.ACTIVATE, Cause.ACKNOWLEDGE, Cause.RETURN);
        assertThat(lolo.get(1).comment()).isEqualTo("inlet valve reopened");
        assertThat(lolo.get(1).actor()).isEqualTo("A. Operator");
        assertThat(lolo.get(2).to()).isEqualTo(AlarmState.NORMAL);
        List<Cause> lo = session.context().alarmJournal().all().stream().filter(t -> t.alarmId().equals(LO))
                .map(AlarmTransition::cause).toList();
        assertThat(lo).startsWith(Cause.ACTIVATE, Cause.SHELVE, Cause.UNSHELVE);
    }
}
