package io.plantwatch.ui.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.domain.DeadLetter;
import io.plantwatch.testsupport.StubConsoleServices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DataQualityViewModelTest {

    private final StubConsoleServices services = new StubConsoleServices();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<Runnable> queued = new ArrayList<>();
    private final DataQualityViewModel vm = new DataQualityViewModel(services, queued::add, nanos::get);

    private void runQueued() {
        List<Runnable> now = new ArrayList<>(queued);
        queued.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void countsByReasonArriveWithTheirSharesThroughTheCadence() {
        services.rejected.put("value is not a number", 3L);
        services.rejected.put("no timestamp", 1L);
        services.deadLetters.add(new DeadLetter(7, Instant.parse("2026-01-01T00:00:00Z"), "sensors/P-1/flow", -1,
                "value is not a number", "{\"value\": \"abc\"}"));

        vm.activeProperty().set(true);
        runQueued();
        assertThat(vm.reasons()).as("not before the cadence").isEmpty();
        vm.refresh();

        assertThat(vm.reasons()).containsExactly(new DataQualityViewModel.ReasonCount("value is not a number", 3, 75.0),
                new DataQualityViewModel.ReasonCount("no timestamp", 1, 25.0));
        assertThat(vm.recent()).extracting(DeadLetter::id).containsExactly(7L);
        assertThat(vm.totalProperty().get()).isEqualTo("4 rejected inputs");
        assertThat(vm.messageProperty().get()).isEmpty();
    }

    @Test
    void readsAtMostEveryTwoSecondsOnlyWhileActiveAndNeverTwoAtOnce() {
        vm.refresh();
        assertThat(queued).as("inactive: nothing read").isEmpty();

        vm.activeProperty().set(true);
        assertThat(queued).hasSize(1);
        nanos.addAndGet(5_000_000_000L);
        vm.refresh();
        assertThat(queued).as("one read at a time").hasSize(1);

        runQueued();
        vm.refresh();   // applies; the last read started 5 s ago, so the next one starts now
        assertThat(queued).hasSize(1);
        runQueued();
        vm.refresh();
        nanos.addAndGet(1_999_000_000L);
        vm.refresh();
        assertThat(queued).as("within 2 s").isEmpty();
        nanos.addAndGet(1_000_000L);
        vm.refresh();
        assertThat(queued).hasSize(1);

        runQueued();
        vm.activeProperty().set(false);
        vm.refresh();
        nanos.addAndGet(10_000_000_000L);
        vm.refresh();
        assertThat(queued).as("hidden again").isEmpty();
        assertThat(services.rejectedReads).isEqualTo(3);
    }

    @Test
    void emptyTableAndFailedReadAreExplained() {
        vm.activeProperty().set(true);
        runQueued();
        vm.refresh();
        assertThat(vm.totalProperty().get()).isEqualTo("0 rejected inputs");
        assertThat(vm.messageProperty().get()).isEqualTo("No input has been rejected.");

        services.failure = new IllegalStateException("database closed");
        nanos.addAndGet(3_000_000_000L);
        vm.refresh();
        runQueued();
        vm.refresh();

        assertThat(vm.messageProperty().get()).isEqualTo("Rejected input could not be read: database closed");
    }

    @Test
    void payloadExcerptIsOneLineAndBounded() {
        assertThat(DataQualityView.excerpt("{\n  \"value\":\t1\n}")).isEqualTo("{ \"value\": 1 }");
        assertThat(DataQualityView.excerpt("x".repeat(500))).hasSize(DataQualityView.EXCERPT).endsWith("…");
    }
}
