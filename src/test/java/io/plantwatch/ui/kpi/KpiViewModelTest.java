package io.plantwatch.ui.kpi;

import static io.plantwatch.testsupport.Transitions.transition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.plantwatch.alarm.AlarmStoreException;
import io.plantwatch.alarm.kpi.AlarmKpiCalculator;
import io.plantwatch.alarm.kpi.AlarmKpis;
import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.testsupport.StubConsoleServices;
import io.plantwatch.ui.ConsoleFeed;
import io.plantwatch.ui.ConsoleViewModel;
import io.plantwatch.ui.kpi.KpiViewModel.Range;
import io.plantwatch.ui.kpi.KpiViewModel.Rating;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The KPI tab's ViewModel as plain JUnit on a hand-made journal: what it shows must be what
 * {@link AlarmKpiCalculator} computes for the same range, rated against the benchmarks.
 */
class KpiViewModelTest {

    private static final long MIN = 60_000;
    /** The range end: the event-time clock is one millisecond before 12:00. */
    private static final long T12 = Instant.parse("2020-03-10T12:00:00Z").toEpochMilli();
    private static final long T11 = T12 - 60 * MIN;

    private final StubConsoleServices services = new StubConsoleServices();
    private final KpiViewModel vm = new KpiViewModel(services, Runnable::run);

    @BeforeEach
    void journal() {
        services.eventTime = T12 - 1;
        // standing: raised 30 h before the end and never returned (before the last hour, still counted as standing)
        services.journal.add(transition("P-1/level", LimitLevel.HI, 2, AlarmState.NORMAL, AlarmState.UNACK, T12 - 30 * 60 * MIN));
        // chattering: three activations within 40 s
        long chatter = T11 + 5 * MIN;
        services.journal.add(transition("P-1/flow", LimitLevel.LO, 3, AlarmState.NORMAL, AlarmState.UNACK, chatter));
        services.journal.add(transition("P-1/flow", LimitLevel.LO, 3, AlarmState.UNACK, AlarmState.RTN_UNACK, chatter + 10_000));
        services.journal.add(transition("P-1/flow", LimitLevel.LO, 3, AlarmState.RTN_UNACK, AlarmState.UNACK, chatter + 20_000));
        services.journal.add(transition("P-1/flow", LimitLevel.LO, 3, AlarmState.UNACK, AlarmState.RTN_UNACK, chatter + 30_000));
        services.journal.add(transition("P-1/flow", LimitLevel.LO, 3, AlarmState.RTN_UNACK, AlarmState.UNACK, chatter + 40_000));
        // a flood: 11 alarms in the 11:20 period
        for (int i = 0; i < 11; i++) {
            services.journal.add(transition("P-2/x" + i, LimitLevel.HI, 4, AlarmState.NORMAL, AlarmState.UNACK,
                    T11 + 21 * MIN + i * 1_000));
        }
        services.journal.add(transition("P-3/pressure", LimitLevel.HIHI, 1, AlarmState.NORMAL, AlarmState.UNACK, T11 + 50 * MIN));
    }

    private AlarmKpis computed() {
        vm.compute();
        vm.refresh();
        return vm.kpisProperty().get();
    }

    @Test
    void theLastHourShowsWhatTheCalculatorComputesRatedAgainstTheBenchmarks() {
        vm.rangeProperty().set(Range.LAST_HOUR);
        vm.refresh();

        AlarmKpis expected = AlarmKpiCalculator.compute(services.journal, T11, T12, 1);
        assertThat(vm.kpisProperty().get()).isEqualTo(expected);
        assertThat(expected.activations()).isEqualTo(15);
        assertThat(expected.averagePerOperatorPer10Min()).isCloseTo(2.5, within(1e-12));
        assertThat(vm.activationsProperty().get()).isEqualTo("15");
        assertThat(vm.averageProperty().get()).isEqualTo(String.format("%.2f", 2.5));
        assertThat(vm.averageRatingProperty().get()).isEqualTo(Rating.BREACH);
        assertThat(vm.peakProperty().get()).isEqualTo(String.format("%.2f", 11.0));
        assertThat(vm.peakPeriodProperty().get()).isEqualTo("from 2020-03-10 11:20:00 UTC");
        assertThat(vm.peakRatingProperty().get()).isEqualTo(Rating.BREACH);
        assertThat(vm.floodProperty().get()).isEqualTo(String.format("%.1f %%", 100.0 / 6));
        assertThat(vm.floodRatingProperty().get()).isEqualTo(Rating.BREACH);
        assertThat(vm.chatteringCountProperty().get()).isEqualTo("1");
        assertThat(vm.chattering()).containsExactlyElementsOf(expected.chattering())
                .singleElement().satisfies(c -> assertThat(c.alarmId()).isEqualTo("P-1/flow:LO"));
        assertThat(vm.chatteringRatingProperty().get()).isEqualTo(Rating.BREACH);
        assertThat(vm.standingCountProperty().get()).isEqualTo("1");
        assertThat(vm.standing()).containsExactlyElementsOf(expected.standing())
                .singleElement().satisfies(s -> assertThat(s.alarmId()).isEqualTo("P-1/level:HI"));
        assertThat(vm.standingRatingProperty().get()).isEqualTo(Rating.ACCEPTABLE);
        assertThat(vm.topTen()).containsExactlyElementsOf(expected.topTen()).hasSize(10);
        assertThat(vm.topTen().get(0).alarmId()).isEqualTo("P-1/flow:LO");
        assertThat(vm.topTenShareProperty().get()).isEqualTo(String.format("%.1f %%", expected.topTenSharePercent()));
        assertThat(vm.priorities()).containsExactlyElementsOf(expected.priorities());
        assertThat(vm.priorities()).extracting(AlarmKpis.PriorityShare::activations).containsExactly(1L, 0L, 3L, 11L);
        assertThat(vm.rangeTextProperty().get()).isEqualTo("2020-03-10 11:00:00 – 2020-03-10 12:00:00 UTC (event time), 1 operator");
    }

    @Test
    void moreOperatorsShareTheLoad() {
        vm.rangeProperty().set(Range.LAST_HOUR);

        vm.operatorsProperty().set(2);
        vm.refresh();

        AlarmKpis expected = AlarmKpiCalculator.compute(services.journal, T11, T12, 2);
        assertThat(vm.kpisProperty().get()).isEqualTo(expected);
        assertThat(vm.averageProperty().get()).isEqualTo(String.format("%.2f", 1.25));
        assertThat(vm.averageRatingProperty().get()).isEqualTo(Rating.MANAGEABLE);
        assertThat(vm.floodRatingProperty().get()).as("11 alarms are no flood for two").isEqualTo(Rating.ACCEPTABLE);
        assertThat(vm.rangeTextProperty().get()).endsWith("2 operators");
    }

    @Test
    void theOtherRangesEndAtTheEventTimeClock() {
        assertThat(vm.rangeProperty().get()).as("the default").isEqualTo(Range.LAST_DAY);
        assertThat(computed()).isEqualTo(AlarmKpiCalculator.compute(services.journal, T12 - 24 * 60 * MIN, T12, 1));

        vm.rangeProperty().set(Range.LAST_WEEK);
        vm.refresh();
        assertThat(vm.kpisProperty().get())
                .isEqualTo(AlarmKpiCalculator.compute(services.journal, T12 - 7 * 24 * 60 * MIN, T12, 1));

        vm.rangeProperty().set(Range.ALL);
        vm.refresh();
        AlarmKpis all = AlarmKpiCalculator.compute(services.journal, T12 - 30 * 60 * MIN, T12, 1);
        assertThat(vm.kpisProperty().get()).isEqualTo(all);
        assertThat(all.activations()).isEqualTo(16);
    }

    @Test
    void aJournalNewerThanTheClockMovesTheEnd() {
        services.eventTime = T11;

        vm.rangeProperty().set(Range.LAST_HOUR);
        vm.refresh();

        assertThat(vm.kpisProperty().get().toMillis()).isEqualTo(T11 + 50 * MIN + 1);
    }

    @Test
    void allCoversAtLeastTenMinutes() {
        services.journal.clear();
        services.journal.add(transition("P-1/flow", LimitLevel.LO, 3, AlarmState.NORMAL, AlarmState.UNACK, T12 - 1));

        vm.rangeProperty().set(Range.ALL);
        vm.refresh();

        assertThat(vm.kpisProperty().get()).isEqualTo(AlarmKpiCalculator.compute(services.journal, T12 - 10 * MIN, T12, 1));
        assertThat(vm.averageRatingProperty().get()).isEqualTo(Rating.ACCEPTABLE);
    }

    @Test
    void resultsAppearOnlyWhenTheCadenceRefreshes() {
        Deque<Runnable> tasks = new ArrayDeque<>();
        KpiViewModel queued = new KpiViewModel(services, tasks::add);

        queued.compute();
        assertThat(queued.computingProperty().get()).isTrue();
        tasks.removeFirst().run();

        assertThat(queued.kpisProperty().get()).isNull();

        queued.refresh();

        assertThat(queued.kpisProperty().get()).isNotNull();
        assertThat(queued.computingProperty().get()).isFalse();
    }

    @Test
    void theConsoleRefreshAppliesTheKpis() {
        ConsoleViewModel console = new ConsoleViewModel(new ConsoleFeed(), services, Runnable::run);

        console.kpi().compute();
        console.refresh();

        assertThat(console.kpi().kpisProperty().get())
                .isEqualTo(AlarmKpiCalculator.compute(services.journal, T12 - 24 * 60 * MIN, T12, 1));
    }

    @Test
    void nothingToMeasureBeforeTheFirstReading() {
        services.journal.clear();
        services.eventTime = Long.MIN_VALUE;

        assertThat(computed()).isNull();
        assertThat(vm.messageProperty().get()).isEqualTo("No readings or alarms yet.");
    }

    @Test
    void aFailedComputationIsReported() {
        services.failure = new AlarmStoreException("database closed", null);

        assertThat(computed()).isNull();
        assertThat(vm.messageProperty().get()).isEqualTo("KPIs could not be computed: database closed");
        assertThat(vm.computingProperty().get()).isFalse();
    }

    @Test
    void ratesAreRatedAgainstEemua191() {
        assertThat(KpiViewModel.rateRating(0)).isEqualTo(Rating.ACCEPTABLE);
        assertThat(KpiViewModel.rateRating(1.0)).isEqualTo(Rating.ACCEPTABLE);
        assertThat(KpiViewModel.rateRating(1.01)).isEqualTo(Rating.MANAGEABLE);
        assertThat(KpiViewModel.rateRating(2.0)).isEqualTo(Rating.MANAGEABLE);
        assertThat(KpiViewModel.rateRating(2.01)).isEqualTo(Rating.BREACH);
        assertThat(KpiViewModel.targetPercent(4) + KpiViewModel.targetPercent(3) + KpiViewModel.targetPercent(2))
                .isEqualTo(100.0);
    }
}
