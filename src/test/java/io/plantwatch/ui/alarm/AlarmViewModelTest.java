package io.plantwatch.ui.alarm;

import static io.plantwatch.testsupport.Transitions.transition;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.alarm.AlarmActionException;
import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.domain.LimitSpec;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.ui.ConsoleFeed;
import io.plantwatch.ui.ConsoleServices;
import io.plantwatch.ui.StatusSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alarm table's ViewModel as plain JUnit: no toolkit, a current-thread executor. */
class AlarmViewModelTest {

    private final List<String> acknowledged = new ArrayList<>();
    private final ConsoleFeed feed = new ConsoleFeed();
    private final ConsoleServices services = new ConsoleServices() {
        @Override
        public String siteName() {
            return "test";
        }

        @Override
        public List<TagDefinition> tags() {
            return List.of(new TagDefinition("P-1/flow", "flow", "L/min", 0, 40,
                    List.of(new LimitSpec(LimitLevel.LO, 31.5, 2, 0.5, 0))));
        }

        @Override
        public List<AlarmTransition> standingAlarms() {
            return List.of();
        }

        @Override
        public void acknowledge(String alarmId, String operator, String note) throws AlarmActionException {
            if (alarmId.endsWith("HI")) {
                throw new AlarmActionException(alarmId + " is NORMAL and needs no acknowledgement");
            }
            acknowledged.add(alarmId + " by " + operator + ": " + note);
        }

        @Override
        public StatusSnapshot status() {
            return null;
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
    void acknowledgeGoesToTheServiceAndRemembersTheOperator() {
        vm.acknowledge("P-1/flow:LO", "J. Smith", "valve checked");

        assertThat(acknowledged).containsExactly("P-1/flow:LO by J. Smith: valve checked");
        assertThat(vm.lastOperatorProperty().get()).isEqualTo("J. Smith");
    }

    @Test
    void refusedAcknowledgementComesBackAsAMessageThroughTheFeed() {
        vm.acknowledge("P-1/flow:HI", "J. Smith", "");

        assertThat(acknowledged).isEmpty();
        assertThat(feed.drainMessages()).containsExactly("P-1/flow:HI is NORMAL and needs no acknowledgement");
    }
}
