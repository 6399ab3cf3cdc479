package io.plantwatch.ui.journal;

import static io.plantwatch.testsupport.Transitions.transition;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.domain.AlarmJournalFilter;
import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.testsupport.StubConsoleServices;
import io.plantwatch.ui.ConsoleFeed;
import io.plantwatch.ui.ConsoleViewModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alarm journal's ViewModel as plain JUnit: no toolkit, a current-thread (or hand-run) executor. */
class AlarmJournalViewModelTest {

    private static final long T0 = Instant.parse("2020-03-09T13:00:00Z").toEpochMilli();

    private final StubConsoleServices services = new StubConsoleServices();
    private final AlarmJournalViewModel vm = new AlarmJournalViewModel(services, Runnable::run);

    @TempDir
    Path dir;

    private void fill() {
        services.journal.add(transition("P-101/flow", LimitLevel.LO, 2, AlarmState.NORMAL, AlarmState.UNACK, T0));
        services.journal.add(transition("P-101/flow", LimitLevel.LOLO, 1, AlarmState.NORMAL, AlarmState.UNACK, T0 + 1_000));
        services.journal.add(transition("P-101/temp", LimitLevel.HI, 3, AlarmState.NORMAL, AlarmState.UNACK, T0 + 2_000));
        services.journal.add(new AlarmTransition("P-101/flow:LO", "P-101/flow", LimitLevel.LO, 2,
                AlarmTransition.Cause.ACKNOWLEDGE, AlarmState.UNACK, AlarmState.ACKED, T0 + 3_000, Instant.EPOCH,
                Double.NaN, 31.5, "J. Smith", "checked, \"V-3\" ok"));
    }

    @Test
    void theCriteriaReachTheServiceAsOneFilter() {
        vm.fromTextProperty().set("2020-03-09 13:00");
        vm.toTextProperty().set(" 2020-03-09T14:00:00Z ");
        vm.tagProperty().set("flow");
        vm.priorityProperty(3).set(false);
        vm.priorityProperty(4).set(false);
        vm.stateProperty().set(AlarmState.ACKED);
        vm.operatorProperty().set("smith");

        vm.search();

        assertThat(services.searches).containsExactly(new AlarmJournalFilter(Instant.parse("2020-03-09T13:00:00Z"),
                Instant.parse("2020-03-09T14:00:00Z"), "flow", Set.of(1, 2), Set.of(AlarmState.ACKED), "smith"));
        assertThat(services.limits).containsExactly(AlarmJournalViewModel.MAX_ROWS + 1);
    }

    @Test
    void allPrioritiesAndEmptyFieldsMeanNoCriteria() {
        vm.search();

        assertThat(services.searches).containsExactly(AlarmJournalFilter.ALL);
    }

    @Test
    void resultsAppearOnlyWhenTheCadenceRefreshes() {
        fill();

        vm.search();

        assertThat(vm.rows()).isEmpty();
        assertThat(vm.searchingProperty().get()).isTrue();

        vm.refresh();

        assertThat(vm.rows()).extracting(AlarmTransition::eventTimeMillis)
                .containsExactly(T0 + 3_000, T0 + 2_000, T0 + 1_000, T0);
        assertThat(vm.messageProperty().get()).isEqualTo("4 transitions.");
        assertThat(vm.searchingProperty().get()).isFalse();
    }

    @Test
    void theConsoleRefreshAppliesTheSearchResult() {
        fill();
        ConsoleViewModel console = new ConsoleViewModel(new ConsoleFeed(), services, Runnable::run);

        console.journal().tagProperty().set("TEMP");
        console.journal().search();
        console.refresh();

        assertThat(console.journal().rows()).extracting(AlarmTransition::tag).containsExactly("P-101/temp");
    }

    @Test
    void aTimeThatCannotBeReadIsReportedAndNothingIsSearched() {
        vm.fromTextProperty().set("yesterday");

        vm.search();

        assertThat(services.searches).isEmpty();
        assertThat(vm.messageProperty().get()).contains("From").contains("yesterday");
    }

    @Test
    void anEmptyRangeOrNoPriorityIsReportedAndNothingIsSearched() {
        vm.fromTextProperty().set("2020-03-09 14:00:00");
        vm.toTextProperty().set("2020-03-09 13:00:00");
        vm.search();
        assertThat(vm.messageProperty().get()).contains("must be after");

        vm.toTextProperty().set("");
        for (int p = 1; p <= 4; p++) {
            vm.priorityProperty(p).set(false);
        }
        vm.search();
        assertThat(vm.messageProperty().get()).isEqualTo("Choose at least one priority.");

        assertThat(services.searches).isEmpty();
    }

    @Test
    void atMostMaxRowsAreShownAndTheOperatorIsTold() {
        for (int i = 0; i <= AlarmJournalViewModel.MAX_ROWS; i++) {
            services.journal.add(transition("P-1/t" + i, LimitLevel.HI, 3, AlarmState.NORMAL, AlarmState.UNACK, T0 + i));
        }

        vm.search();
        vm.refresh();

        assertThat(vm.rows()).hasSize(AlarmJournalViewModel.MAX_ROWS);
        assertThat(vm.rows().get(0).eventTimeMillis()).isEqualTo(T0 + AlarmJournalViewModel.MAX_ROWS);
        assertThat(vm.messageProperty().get()).contains("Newest 5,000").contains("narrow the filter");
    }

    @Test
    void aFailedSearchIsReportedAndKeepsTheRows() {
        fill();
        vm.search();
        vm.refresh();
        services.failure = new io.plantwatch.alarm.AlarmStoreException("database closed", null);

        vm.search();
        vm.refresh();

        assertThat(vm.rows()).hasSize(4);
        assertThat(vm.messageProperty().get()).isEqualTo("Search failed: database closed");
    }

    @Test
    void anEarlierSearchThatFinishesLastDoesNotReplaceALaterOne() {
        fill();
        Deque<Runnable> tasks = new ArrayDeque<>();
        AlarmJournalViewModel queued = new AlarmJournalViewModel(services, tasks::add);

        queued.tagProperty().set("temp");
        queued.search();
        queued.tagProperty().set("flow");
        queued.search();
        tasks.removeLast().run();
        queued.refresh();
        tasks.removeFirst().run();
        queued.refresh();

        assertThat(queued.rows()).extracting(AlarmTransition::tag).containsOnly("P-101/flow").hasSize(3);
        assertThat(queued.searchingProperty().get()).isFalse();
    }

    @Test
    void exportWritesTheRowsShownAsCsv() throws IOException {
        fill();
        vm.search();
        vm.refresh();
        Path file = dir.resolve("journal.csv");

        vm.exportCsv(file);

        List<String> lines = new ArrayList<>(List.of(Files.readString(file, StandardCharsets.UTF_8).split("\r\n")));
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("event_time_utc,wall_time_utc,alarm_id,");
        assertThat(lines.get(1)).startsWith("2020-03-09T13:00:03.000Z,").endsWith(",J. Smith,\"checked, \"\"V-3\"\" ok\"");
        assertThat(lines.get(4)).startsWith("2020-03-09T13:00:00.000Z,");

        vm.refresh();

        assertThat(vm.messageProperty().get()).isEqualTo("Exported 4 transitions to " + file);
    }

    @Test
    void aFailedExportIsReported() {
        fill();
        vm.search();
        vm.refresh();

        vm.exportCsv(dir.resolve("missing-directory").resolve("journal.csv"));
        vm.refresh();

        assertThat(vm.messageProperty().get()).startsWith("Export to ").contains("failed");
    }
}
