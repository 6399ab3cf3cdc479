package io.plantwatch.ui.alarm;

import static io.plantwatch.testsupport.Transitions.transition;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.alarm.AlarmActionException;
import io.plantwatch.domain.AlarmJournalFilter;
import io.plantwatch.domain.AlarmOptions;
import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.domain.LimitSpec;
import io.plantwatch.domain.Principal;
import io.plantwatch.domain.Role;
import io.plantwatch.security.NotPermittedException;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.ui.ConsoleFeed;
import io.plantwatch.testsupport.StubConsoleServices;
import io.plantwatch.ui.ConsoleServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alarm table's ViewModel as plain JUnit: no toolkit, a current-thread executor. */
class AlarmViewModelTest {

    private final List<String> acknowledged = new ArrayList<>();
    private final ConsoleFeed feed = new ConsoleFeed();
    private final ConsoleServices services = new StubConsoleServices() {
        {
            principal = new Principal("J. Smith", Role.OPERATOR, "cr-pc1");
        }

        @Override
        public List<TagDefinition> tags() {
            return List.of(new TagDefinition("P-1/flow", "flow", "L/min", 0, 40,
                    List.of(new LimitSpec(LimitLevel.LO, 31.5, 2, 0.5, 0))));
        }

        @Override
        public void acknowledge(String alarmId, String note) throws AlarmActionException {
            if (alarmId.equals("P-1/flow:HI")) {
                throw new AlarmActionException(alarmId + " is NORMAL and needs no acknowledgement");
            }
            if (alarmId.equals("P-1/flow:HIHI")) {
                throw new NotPermittedException(principal(), "acknowledge alarms", Role.OPERATOR);
            }
            acknowledged.add(alarmId + " by " + principal().operator() + ": " + note);
        }

        @Override
        public void shelve(String alarmId, Duration duration, String reason) {
            acknowledged.add("shelve " + alarmId + " for " + duration.toMinutes() + " min by " + principal().operator()
                    + ": " + reason);
        }

        @Override
        public AlarmOptions options(String alarmId) {
            return alarmId.equals("P-1/flow:LOLO")
                    ? new AlarmOptions(0, false, true, true, new AlarmOptions.Rationale("c", "q", "a"))
                    : AlarmOptions.DEFAULTS;
        }
    };
    private final AlarmViewModel vm = new AlarmViewModel(services, feed, Runnable::run);

    @Test
    void rowsAreSortedByPriorityThenNewestFirst() {
        vm.apply(List.of(
                transition("P-1/a", LimitLevel.HI, 3, AlarmState.NORMAL, AlarmState.UNACK, 1_000),
                transition("P-1/b", LimitLevel.HI, 1, AlarmState.NORMAL, AlarmState.UNACK, 2_000),
                transition("P-1/c", LimitLevel.HI, 3, AlarmState.NORMAL, AlarmState.UNACK, 3_000)));

        assertThat(vm.rows()).extracting(AlarmRow::alarmId).containsExactly("P-1/b:HI", "P-1/c:HI", "P-1/a:HI");
    }

    @Test
    void laterTransitionReplacesTheRowAndNormalRemovesIt() {
        vm.apply(List.of(transition("P-1/flow", LimitLevel.LO, 2, AlarmState.NORMAL, AlarmState.UNACK, 1_000)));
        vm.apply(List.of(transition("P-1/flow", LimitLevel.LO, 2, AlarmState.UNACK, AlarmState.ACKED, 2_000)));

        assertThat(vm.rows()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(AlarmState.ACKED);
            assertThat(r.unit()).isEqualTo("L/min");
        });

        vm.apply(List.of(transition("P-1/flow", LimitLevel.LO, 2, AlarmState.ACKED, AlarmState.NORMAL, 3_000)));

        assertThat(vm.rows()).isEmpty();
    }

    @Test
    void acknowledgeGoesToTheServiceAsTheLoggedInOperator() {
        vm.acknowledge("P-1/flow:LO", "valve checked");

        assertThat(acknowledged).containsExactly("P-1/flow:LO by J. Smith: valve checked");
        assertThat(vm.operator()).isEqualTo("J. Smith");
    }

    @Test
    void refusedAcknowledgementComesBackAsAMessageThroughTheFeed() {
        vm.acknowledge("P-1/flow:HI", "");

        assertThat(acknowledged).isEmpty();
        assertThat(feed.drainMessages()).containsExactly("P-1/flow:HI is NORMAL and needs no acknowledgement");
    }

    @Test
    void anActionTheRoleDoesNotAllowComesBackAsAMessage() {
        vm.acknowledge("P-1/flow:HIHI", "");

        assertThat(acknowledged).isEmpty();
        assertThat(feed.drainMessages()).containsExactly(
                "J. Smith (operator) may not acknowledge alarms: this needs the operator role");
    }

    @Test
    void shelvedSuppressedAndOutOfServiceAlarmsAreCountedButListedOnlyOnRequest() {
        vm.apply(List.of(transition("P-1/a", LimitLevel.HI, 2, AlarmState.NORMAL, AlarmState.UNACK, 1_000),
                transition("P-1/b", LimitLevel.HI, 2, AlarmState.UNACK, AlarmState.SHELVED, 2_000),
                transition("P-1/c", LimitLevel.HI, 2, AlarmState.UNACK, AlarmState.SUPPRESSED, 3_000),
                transition("P-1/d", LimitLevel.HI, 2, AlarmState.ACKED, AlarmState.OUT_OF_SERVICE, 4_000)));

        assertThat(vm.rows()).extracting(AlarmRow::alarmId).containsExactly("P-1/a:HI");
        assertThat(vm.hiddenCountProperty().get()).isEqualTo(3);

        vm.showHiddenProperty().set(true);

        assertThat(vm.rows()).hasSize(4);
    }

    @Test
    void acknowledgeAllAcknowledgesOnlyAlarmsThatWaitForIt() {
        vm.apply(List.of(transition("P-1/a", LimitLevel.HI, 2, AlarmState.NORMAL, AlarmState.UNACK, 1_000),
                transition("P-1/b", LimitLevel.HI, 1, AlarmState.UNACK, AlarmState.ACKED, 2_000),
                transition("P-1/flow", LimitLevel.LO, 2, AlarmState.UNACK, AlarmState.RTN_UNACK, 3_000)));

        vm.acknowledgeAll(vm.rows(), "round");

        assertThat(acknowledged).containsExactlyInAnyOrder("P-1/a:HI by J. Smith: round", "P-1/flow:LO by J. Smith: round");
    }

    @Test
    void shelveGoesToTheServiceWithDurationAndReason() {
        vm.shelve("P-1/flow:LO", Duration.ofMinutes(30), "transmitter being replaced");

        assertThat(acknowledged).containsExactly("shelve P-1/flow:LO for 30 min by J. Smith: transmitter being replaced");
    }

    @Test
    void aNoteIsRequiredWhenAnyAlarmToAcknowledgeSaysSo() {
        vm.apply(List.of(transition("P-1/flow", LimitLevel.LO, 2, AlarmState.NORMAL, AlarmState.UNACK, 1_000),
                transition("P-1/flow", LimitLevel.LOLO, 1, AlarmState.NORMAL, AlarmState.UNACK, 2_000)));
        AlarmRow lo = vm.rows().stream().filter(r -> r.level() == LimitLevel.LO).findFirst().orElseThrow();

        assertThat(vm.ackNoteRequired(List.of(lo))).isFalse();
        assertThat(vm.ackNoteRequired(vm.rows())).isTrue();
        assertThat(vm.rationale("P-1/flow:LOLO").action()).isEqualTo("a");
    }
}
