package io.plantwatch.ui.overview;

import static io.plantwatch.testsupport.Transitions.transition;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.domain.LimitSpec;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.ui.ConsoleFeed;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverviewViewModelTest {

    private final OverviewViewModel vm = new OverviewViewModel(List.of(
            new TagDefinition("P-1/flow", "flow", "L/min", 0, 40, List.of(
                    new LimitSpec(LimitLevel.LOLO, 30.5, 1, 0.5, 0), new LimitSpec(LimitLevel.LO, 31.5, 2, 0.5, 0))),
            new TagDefinition("P-1/temp", "temp", "degC", 0, 120, List.of())));

    private TileViewModel flow() {
        return vm.tiles().get(0);
    }

    @Test
    void tileShowsTheMostUrgentActiveAlarmOfItsTag() {
        vm.apply(List.of(transition("P-1/flow", LimitLevel.LO, 2, AlarmState.NORMAL, AlarmState.UNACK, 1_000),
                transition("P-1/flow", LimitLevel.LOLO, 1, AlarmState.NORMAL, AlarmState.UNACK, 2_000)));

        assertThat(flow().alarmPriorityProperty().get()).isEqualTo(1);
        assertThat(flow().unacknowledgedProperty().get()).isTrue();
        assertThat(flow().alarmTextProperty().get()).isEqualTo("LOLO P1 · LO P2");
        assertThat(vm.tiles().get(1).alarmPriorityProperty().get()).isZero();
    }

    @Test
    void acknowledgedAlarmKeepsItsColourButIsNoLongerUnacknowledged() {
        vm.apply(List.of(transition("P-1/flow", LimitLevel.LO, 2, AlarmState.NORMAL, AlarmState.UNACK, 1_000),
                transition("P-1/flow", LimitLevel.LO, 2, AlarmState.UNACK, AlarmState.ACKED, 2_000)));

        assertThat(flow().alarmPriorityProperty().get()).isEqualTo(2);
        assertThat(flow().unacknowledgedProperty().get()).isFalse();
    }

    @Test
    void returnedAlarmTakesTheColourOffTheTileEvenBeforeAcknowledgement() {
        vm.apply(List.of(transition("P-1/flow", LimitLevel.LO, 2, AlarmState.NORMAL, AlarmState.UNACK, 1_000),
                transition("P-1/flow", LimitLevel.LO, 2, AlarmState.UNACK, AlarmState.RTN_UNACK, 2_000)));

        assertThat(flow().alarmPriorityProperty().get()).isZero();
        assertThat(flow().alarmTextProperty().get()).isEmpty();
    }

    @Test
    void refreshTakesTheNewestValueAndReportsWhetherAnythingChanged() {
        ConsoleFeed feed = new ConsoleFeed();
        assertThat(vm.refresh(feed)).isFalse();
        assertThat(flow().valueProperty().get()).isNaN();

        feed.onReading(new Reading("P-1/flow", 1_000, 31.0, "L/min"));
        feed.onReading(new Reading("P-1/flow", 2_000, 30.0, "L/min"));

        assertThat(vm.refresh(feed)).isTrue();
        assertThat(flow().valueProperty().get()).isEqualTo(30.0);
        assertThat(vm.refresh(feed)).isFalse();
    }

    @Test
    void staleTagKeepsItsLastValueAndIsStaleUntilItsNextReading() {
        ConsoleFeed feed = new ConsoleFeed();
        feed.onReading(new Reading("P-1/flow", 1_000, 32.0, "L/min"));
        vm.refresh(feed);
        feed.stale(List.of("P-1/flow"), 2_000, "DDEATH from P-1");

        vm.refresh(feed);

        assertThat(flow().staleProperty().get()).isTrue();
        assertThat(flow().staleReasonProperty().get()).isEqualTo("DDEATH from P-1");
        assertThat(flow().valueProperty().get()).isEqualTo(32.0);
        assertThat(vm.tiles().get(1).staleProperty().get()).isFalse();

        feed.onReading(new Reading("P-1/flow", 3_000, 33.0, "L/min"));
        vm.refresh(feed);

        assertThat(flow().staleProperty().get()).isFalse();
        assertThat(flow().staleReasonProperty().get()).isEmpty();
        assertThat(flow().valueProperty().get()).isEqualTo(33.0);
    }
}
