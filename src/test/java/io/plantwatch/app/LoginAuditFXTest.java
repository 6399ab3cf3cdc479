package io.plantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantwatch.audit.AuditAction;
import io.plantwatch.audit.AuditRecord;
import io.plantwatch.config.SiteConfig;
import io.plantwatch.config.SiteConfigLoader;
import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.Role;
import io.plantwatch.security.LoginPolicy;
import io.plantwatch.security.LoginService;
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
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Logging in at the real console, headless: actions are disabled until an operator logs in; a wrong
 * password is a clear error in the dialog and an audit row; the operator acknowledges an alarm and
 * the audit row is in the database; the console locks after inactivity and unlocks with the
 * password; the first start offers to create the first engineer.
 */
class LoginAuditFXTest {

    private static final String ALARM = "P-101/flow:LO";

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

    /** The valve1 experiment from 100 s before the valve closes: the LO alarm comes ~10 s after start at 10x. */
    private Path recording() throws IOException {
        List<String> lines = Files.readAllLines(TestPaths.sample("skab-valve1-09.csv"));
        Path file = work.resolve("valve1-09-from-13-23.csv");
        Files.write(file, Stream.concat(Stream.of(lines.get(0)),
                lines.stream().skip(1).filter(l -> l.compareTo("2020-03-09T13:23:00Z") >= 0)).toList());
        return file;
    }

    private Path data() {
        return work.resolve("data");
    }

    private void show(LoginPolicy policy) throws Exception {
        SiteConfig site = new SiteConfigLoader().load(TestPaths.sample("demo-site.yaml")).withSecurity(policy);
        session = ConsoleSession.open(site, recording(), 10, data());
        FxToolkit.setupStage(s -> {
            s.setScene(new Scene(session.root(), 1400, 900));
            s.show();
            session.startCadence();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private TableView<AlarmRow> table() {
        return robot.lookup("#table").queryAs(TableView.class);
    }

    private Optional<AlarmRow> row(String alarmId) {
        return table().getItems().stream().filter(r -> r.alarmId().equals(alarmId)).findFirst();
    }

    private List<AuditRecord> audit() {
        return session.context().auditTrail().read(1, 1000);
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    @Timeout(240)
    void operatorLogsInAcknowledgesAndTheAuditRowIsInTheDatabase() throws Exception {
        Operators.add(data(), "alice", Role.OPERATOR, "alice-secret");
        show(LoginPolicy.DEFAULTS);
        assertThat(text("#sessionLabel")).isEqualTo("Not logged in (view only)");

        await("the flow LO alarm in the table").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> row(ALARM).map(r -> r.state() == AlarmState.UNACK).orElse(false));
        robot.interact(() -> table().getSelectionModel().select(row(ALARM).orElseThrow()));
        assertThat(robot.lookup("#acknowledgeButton").queryButton().isDisabled()).as("nobody logged in").isTrue();

        // a wrong password: a clear error, the dialog stays open, a LOGIN_FAILED row
        robot.clickOn("#loginButton");
        robot.clickOn("#loginName").write("alice");
        robot.clickOn("#loginPassword").write("alice-wrong");
        robot.clickOn("#loginConfirm");
        await().atMost(Duration.ofSeconds(20)).until(() -> "Unknown operator or wrong password.".equals(text("#loginError")));
        assertThat(text("#sessionLabel")).isEqualTo("Not logged in (view only)");
        assertThat(audit()).extracting(r -> r.event().action() + " " + r.event().target())
                .containsExactly("LOGIN_FAILED alice");
        robot.clickOn("#loginPassword").write("alice-secret");
        robot.clickOn("#loginConfirm");
        await().atMost(Duration.ofSeconds(20)).until(() -> "alice (operator)".equals(text("#sessionLabel")));
        assertThat(robot.lookup("#loginButton").queryButton().getText()).isEqualTo("Log out");

        robot.clickOn("#acknowledgeButton");
        await("the dialog").atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#operatorName").tryQuery().isPresent());
        assertThat(text("#operatorName")).isEqualTo("alice");
        robot.clickOn("#actionNote").write("inlet valve checked");
        robot.clickOn("#confirmAction");
        await("the acknowledgement in the audit trail").atMost(Duration.ofSeconds(20))
                .until(() -> audit().stream().anyMatch(r -> r.event().action() == AuditAction.ALARM_ACKNOWLEDGE));

        AuditRecord ack = audit().stream().filter(r -> r.event().action() == AuditAction.ALARM_ACKNOWLEDGE).findFirst()
                .orElseThrow();
        assertThat(ack.event().result()).isEqualTo("OK; inlet valve checked");
        assertThat(ack.event().operator()).isEqualTo("alice");
        assertThat(ack.event().host()).isEqualTo(ConsoleHost.name());
        assertThat(ack.event().target()).isEqualTo(ALARM);
        // the same transition as in the alarm journal: UNACK → ACKED (or RTN_UNACK → NORMAL if the flow recovered first)
        var journalled = session.context().alarmJournal().all().stream()
                .filter(t -> t.alarmId().equals(ALARM) && t.cause() == io.plantwatch.domain.AlarmTransition.Cause.ACKNOWLEDGE)
                .toList();
        assertThat(journalled).singleElement().satisfies(t -> {
            assertThat(t.actor()).isEqualTo("alice");
            assertThat(ack.event().oldValue()).isEqualTo(t.from().name());
            assertThat(ack.event().newValue()).isEqualTo(t.to().name());
        });
        assertThat(ack.event().oldValue() + "→" + ack.event().newValue()).isIn("UNACK→ACKED", "RTN_UNACK→NORMAL");

        robot.clickOn("#loginButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> "Not logged in (view only)".equals(text("#sessionLabel")));
        assertThat(audit()).extracting(r -> r.event().action()).containsExactly(AuditAction.LOGIN_FAILED,
                AuditAction.LOGIN, AuditAction.ALARM_ACKNOWLEDGE, AuditAction.LOGOUT);
        assertThat(session.context().auditTrail().verify().rowsVerified()).isEqualTo(4);
    }

    @Test
    @Timeout(180)
    void theConsoleLocksAfterInactivityAndUnlocksWithThePassword() throws Exception {
        Operators.add(data(), "alice", Role.OPERATOR, "alice-secret");
        show(new LoginPolicy(Duration.ofSeconds(3), 5, Duration.ofMinutes(5)));
        FxLogin.logIn(robot, "alice", "alice-secret", "operator");

        // no input: the lock screen covers the console and the services act as nobody
        await("locked").atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#lockScreen").queryAs(Node.class).isVisible());
        assertThat(session.principal().operator()).isEqualTo(LoginService.NOBODY);
        assertThat(session.lockedOperator().operator()).isEqualTo("alice");
        assertThat(text("#sessionLabel")).isEqualTo("alice (operator), locked");
        assertThat(robot.lookup("#unlockName").queryAs(javafx.scene.control.TextField.class).getText()).isEqualTo("alice");

        robot.clickOn("#unlockPassword").write("not-her-password");
        robot.clickOn("#unlockButton");
        await().atMost(Duration.ofSeconds(20)).until(() -> "Unknown operator or wrong password.".equals(text("#unlockError")));
        assertThat(robot.lookup("#lockScreen").queryAs(Node.class).isVisible()).isTrue();

        robot.clickOn("#unlockPassword").write("alice-secret");
        robot.clickOn("#unlockButton");
        await("unlocked").atMost(Duration.ofSeconds(20)).until(() -> !robot.lookup("#lockScreen").queryAs(Node.class).isVisible());
        assertThat(session.principal().operator()).isEqualTo("alice");
        assertThat(audit()).extracting(r -> r.event().action()).containsExactly(AuditAction.LOGIN,
                AuditAction.SESSION_LOCKED, AuditAction.LOGIN_FAILED, AuditAction.SESSION_UNLOCKED);
        assertThat(audit().get(1).event().result()).isEqualTo("OK: no input for 3s");
    }

    @Test
    @Timeout(180)
    void theFirstStartOffersTheFirstEngineerAccount() throws Exception {
        show(LoginPolicy.DEFAULTS);
        robot.interact(() -> session.viewModel().session().checkFirstStart());

        await("first start dialog").atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#firstName").tryQuery().isPresent());
        robot.clickOn("#firstName").write("erin");
        robot.clickOn("#firstPassword").write("erin-secret");
        robot.clickOn("#firstPasswordRepeat").write("erin-secret");
        robot.clickOn("#createFirstAccount");

        await().atMost(Duration.ofSeconds(30)).until(() -> "erin (engineer)".equals(text("#sessionLabel")));
        assertThat(session.context().operators().find("erin").orElseThrow().role()).isEqualTo(Role.ENGINEER);
        assertThat(audit()).extracting(r -> r.event().action() + " " + r.event().operator() + " " + r.event().result())
                .containsExactly("OPERATOR_ADDED erin OK: first account", "LOGIN erin OK");
    }
}
