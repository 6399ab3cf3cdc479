package io.plantwatch.ui.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.command.ArmedCommand;
import io.plantwatch.command.CommandRefusedException;
import io.plantwatch.domain.CommandCatalog;
import io.plantwatch.domain.CommandDefinition;
import io.plantwatch.domain.CommandParameter;
import io.plantwatch.domain.CommandRecord;
import io.plantwatch.domain.CommandStatus;
import io.plantwatch.domain.Principal;
import io.plantwatch.domain.Role;
import io.plantwatch.ui.ConsoleFeed;
import io.plantwatch.testsupport.StubConsoleServices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The command screens' state without a toolkit: arm → confirm → execute over a stand-in command
 * service that, like the real one, consumes a token once; the countdown and lapse; the reason shown
 * when commands cannot be sent; the lifecycle list from queued statuses; interlock firings.
 */
class CommandsViewModelTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final CommandDefinition SHUTDOWN = new CommandDefinition("P-101", "shutdown", "Stop pump P-101",
            "commands/P-101/shutdown", CommandParameter.NONE, Role.OPERATOR, true, Duration.ofSeconds(5), null,
            CommandDefinition.Confirmation.RESPONSE, "P-101/flow");
    private static final CommandDefinition SETPOINT = new CommandDefinition("P-101", "setpoint", "", "commands/P-101/setpoint",
            CommandParameter.number(20, 40, "L/min"), Role.ENGINEER, false, Duration.ofSeconds(5), null,
            CommandDefinition.Confirmation.RESPONSE, null);

    /** A command service stand-in: tokens work once; records what it was asked. */
    static final class Services extends StubConsoleServices {
        Principal who = new Principal("alice", Role.OPERATOR, "cr-1");
        String unavailable;
        final Set<String> tokens = new HashSet<>();
        final List<String> calls = new ArrayList<>();
        int armed;

        @Override
        public Principal principal() {
            return who;
        }

        @Override
        public CommandCatalog commandCatalog() {
            return new CommandCatalog(Duration.ofSeconds(30), List.of(SHUTDOWN, SETPOINT));
        }

        @Override
        public String commandsUnavailable() {
            return unavailable;
        }

        @Override
        public ArmedCommand armCommand(String device, String command, String value, String note)
                throws CommandRefusedException {
            calls.add("arm " + device + "/" + command + " " + note);
            String token = "t" + (++armed);
            tokens.add(token);
            return new ArmedCommand(token, SHUTDOWN, null, note, who.operator(), who.host(), T0, T0.plusSeconds(30), null,
                    List.of());
        }

        @Override
        public CommandRecord executeCommand(String token) throws CommandRefusedException {
            calls.add("execute " + token);
            if (!tokens.remove(token)) {
                throw new CommandRefusedException("unknown token: nothing armed under it (already executed, cancelled or expired); arm again");
            }
            return record("c1", CommandStatus.QUEUED, "");
        }

        @Override
        public void cancelCommand(String token) {
            calls.add("cancel " + token);
            tokens.remove(token);
        }
    }

    private final Services services = new Services();
    private Instant now = T0;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    static CommandRecord record(String id, CommandStatus status, String reason) {
        CommandRecord q = new CommandRecord(id, "P-101", "shutdown", null, "commands/P-101/shutdown", "alice", "cr-1",
                false, "n", null, CommandStatus.QUEUED, "", T0, T0.plusSeconds(1), null, null);
        return switch (status) {
            case QUEUED -> q;
            case SENT -> q.sent(T0.plusSeconds(1));
            default -> q.sent(T0.plusSeconds(1)).completed(status, reason, T0.plusSeconds(2));
        };
    }

    private CommandsViewModel vm() {
        CommandsViewModel vm = new CommandsViewModel(services, Runnable::run, Runnable::run, clock);
        vm.mayActProperty().set(true);
        vm.refresh(List.of(), List.of());
        return vm;
    }

    @Test
    void armThenExecuteOnceAndASecondClickShowsTheServicesRefusal() {
        CommandsViewModel vm = vm();
        assertThat(vm.mayArm(SHUTDOWN)).isTrue();
        assertThat(vm.mayArm(SETPOINT)).as("engineer command, operator logged in").isFalse();

        vm.arm("P-101", "shutdown", null, "bearing hot");
        assertThat(vm.armedProperty().get()).as("applied at the cadence, not before").isNull();
        vm.refresh(List.of(), List.of());
        assertThat(vm.armedProperty().get().token()).isEqualTo("t1");
        assertThat(vm.remainingSecondsProperty().get()).isEqualTo(30);
        assertThat(vm.mayExecuteProperty().get()).isTrue();

        vm.execute();
        vm.execute();   // a double click: both reach the service, which consumes the token once
        vm.refresh(List.of(), List.of());
        assertThat(services.calls).containsExactly("arm P-101/shutdown bearing hot", "execute t1", "execute t1");
        assertThat(vm.armedProperty().get()).isNull();
        assertThat(vm.messageProperty().get()).isEqualTo("P-101/shutdown refused: unknown token: nothing armed under it "
                + "(already executed, cancelled or expired); arm again");
        assertThat(vm.rows()).extracting(CommandRow::status).containsExactly(CommandStatus.QUEUED);

        vm.refresh(List.of(record("c1", CommandStatus.SENT, ""), record("c1", CommandStatus.ACKNOWLEDGED, "accepted")),
                List.of());
        assertThat(vm.rows()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(CommandStatus.ACKNOWLEDGED);
            assertThat(r.reason()).isEqualTo("accepted");
            assertThat(r.failed()).isFalse();
        });
    }

    @Test
    void theArmLapsesAfterItsTimeoutAndIsThenOnlyForgotten() {
        CommandsViewModel vm = vm();
        vm.arm("P-101", "shutdown", null, "n");
        vm.refresh(List.of(), List.of());
        now = T0.plusMillis(29_100);
        vm.refresh(List.of(), List.of());
        assertThat(vm.remainingSecondsProperty().get()).isEqualTo(1);
        assertThat(vm.mayExecuteProperty().get()).isTrue();
        now = T0.plusSeconds(30);
        vm.refresh(List.of(), List.of());
        assertThat(vm.expiredProperty().get()).isTrue();
        assertThat(vm.mayExecuteProperty().get()).isFalse();
        assertThat(vm.confirmMessageProperty().get()).startsWith("The arm lapsed after 30 s; nothing was sent.");
        vm.cancel();
        assertThat(services.calls).containsExactly("arm P-101/shutdown n");
        assertThat(vm.messageProperty().get()).isEqualTo("P-101/shutdown: the arm lapsed; nothing was sent");
    }

    @Test
    void cancelWithdrawsTheArmAtTheService() {
        CommandsViewModel vm = vm();
        vm.arm("P-101", "shutdown", null, "n");
        vm.refresh(List.of(), List.of());
        vm.cancel();
        vm.refresh(List.of(), List.of());
        assertThat(services.calls).containsExactly("arm P-101/shutdown n", "cancel t1");
        assertThat(vm.armedProperty().get()).isNull();
        assertThat(vm.messageProperty().get()).isEqualTo("P-101/shutdown cancelled; nothing was sent");
    }

    @Test
    void aViewerMayNotArmNorExecute() {
        services.who = new Principal("victor", Role.VIEWER, "cr-1");
        CommandsViewModel vm = vm();
        vm.mayActProperty().set(false);
        assertThat(vm.mayArm(SHUTDOWN)).isFalse();
    }

    @Test
    void inReplayTheReasonIsShownAndNothingCanBeArmed() {
        services.unavailable = "replay: commands go to the plant only in live mode";
        CommandsViewModel vm = vm();
        assertThat(vm.unavailableProperty().get()).isEqualTo("replay: commands go to the plant only in live mode");
        assertThat(vm.mayArm(SHUTDOWN)).isFalse();
        services.unavailable = null;
        vm.refresh(List.of(), List.of());
        assertThat(vm.unavailableProperty().get()).isEmpty();
        assertThat(vm.mayArm(SHUTDOWN)).isTrue();
    }

    @Test
    void rejectedAndTimedOutAreTheFailedRowsAndInterlocksAreAnnounced() {
        CommandsViewModel vm = vm();
        CommandRecord auto = new CommandRecord("c9", "P-101", "shutdown", null, "commands/P-101/shutdown",
                "auto:p101-hot", "cr-1", true, "", null, CommandStatus.QUEUED, "", T0, T0.plusSeconds(5), null, null);
        vm.refresh(List.of(record("c1", CommandStatus.REJECTED, "pump is in local mode"), auto),
                List.of(new ConsoleFeed.InterlockNotice("p101-hot", "P-101/motor_temperature:HIHI", auto, "executed")));
        assertThat(vm.rows()).extracting(CommandRow::id).containsExactly("c9", "c1");
        assertThat(vm.rows().get(0).automatic()).isTrue();
        assertThat(vm.rows().get(1).failed()).isTrue();
        assertThat(vm.interlockProperty().get()).isEqualTo("2026-11-21 10:00:05  AUTO interlock p101-hot on "
                + "P-101/motor_temperature:HIHI: P-101/shutdown executed automatically");
        vm.refresh(List.of(record("c2", CommandStatus.TIMED_OUT, "no response")), List.of(
                new ConsoleFeed.InterlockNotice("p101-hot", "P-101/motor_temperature:HIHI", null, "P-101/shutdown is in flight")));
        assertThat(vm.rows()).filteredOn(CommandRow::failed).extracting(CommandRow::id).containsExactlyInAnyOrder("c1", "c2");
        assertThat(vm.interlockProperty().get()).isEqualTo("AUTO interlock p101-hot on P-101/motor_temperature:HIHI: "
                + "refused: P-101/shutdown is in flight");
    }
}
