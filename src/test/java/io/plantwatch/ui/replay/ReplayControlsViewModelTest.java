package io.plantwatch.ui.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.testsupport.StubConsoleServices;
import io.plantwatch.ui.ConsoleServices.ReplayState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The replay toolbar's ViewModel against stub services (no toolkit). */
class ReplayControlsViewModelTest {

    private static final long FIRST = 1_583_759_678_000L; // 2020-03-09T13:14:38Z
    private static final long LAST = FIRST + 1_200_000;

    /** Services with a replay whose state the test sets, recording the controls used. */
    static final class Replaying extends StubConsoleServices {
        ReplayState state = new ReplayState("valve1.csv", FIRST, LAST, FIRST + 300_000, 2_300, 9_184, 20, false, false, false);
        final List<Double> speeds = new ArrayList<>();
        final List<Boolean> pauses = new ArrayList<>();
        final List<Long> seeks = new ArrayList<>();
        CompletableFuture<Long> seekResult = new CompletableFuture<>();

        @Override
        public ReplayState replayState() {
            return state;
        }

        @Override
        public void replaySpeed(double factor) {
            speeds.add(factor);
        }

        @Override
        public void replayPaused(boolean paused) {
            pauses.add(paused);
        }

        @Override
        public CompletableFuture<Long> seekReplay(long eventTimeMillis) {
            seeks.add(eventTimeMillis);
            return seekResult;
        }
    }

    private final Replaying services = new Replaying();
    private final ReplayControlsViewModel vm = new ReplayControlsViewModel(services);

    @Test
    void refreshShowsTheTimelineTheEventTimeClockWithTheDateAndTheProgress() {
        vm.refresh();

        assertThat(vm.visibleProperty().get()).isTrue();
        assertThat(vm.timelineStartProperty().get()).isEqualTo(FIRST);
        assertThat(vm.timelineEndProperty().get()).isEqualTo(LAST);
        assertThat(vm.positionProperty().get()).isEqualTo(FIRST + 300_000);
        assertThat(vm.clockProperty().get()).isEqualTo("2020-03-09 13:19:38 UTC");
        assertThat(vm.progressProperty().get()).isEqualTo(2_300 / 9_184.0);
        assertThat(vm.progressTextProperty().get()).isEqualTo("2,300 / 9,184 readings · 25 %");
        assertThat(vm.speedProperty().get()).isEqualTo("20×");
        assertThat(services.speeds).as("showing the speed is not changing it").isEmpty();
    }

    @Test
    void liveConsoleHidesTheToolbar() {
        services.state = null;
        vm.refresh();

        assertThat(vm.visibleProperty().get()).isFalse();
    }

    @Test
    void choosingASpeedChangesTheRunningReplaysSpeed() {
        vm.refresh();
        vm.speedProperty().set("100×");
        vm.speedProperty().set("max");
        vm.speedProperty().set("1×");

        assertThat(services.speeds).containsExactly(100.0, Double.POSITIVE_INFINITY, 1.0);
    }

    @Test
    void pauseAndResumeToggle() {
        vm.refresh();
        vm.togglePause();
        assertThat(vm.pausedProperty().get()).isTrue();
        vm.togglePause();

        assertThat(services.pauses).containsExactly(true, false);
        assertThat(vm.pausedProperty().get()).isFalse();
    }

    @Test
    void seekIsClampedHoldsThePositionUntilDoneAndReportsWhereTheReplayContinues() {
        vm.refresh();
        vm.seek(LAST + 3_600_000);

        assertThat(services.seeks).containsExactly(LAST);
        assertThat(vm.seekingProperty().get()).isTrue();
        vm.seek(FIRST);
        assertThat(services.seeks).as("no second seek while one runs").hasSize(1);
        vm.refresh();
        assertThat(vm.positionProperty().get()).as("held while seeking").isEqualTo(LAST);

        services.seekResult.complete(LAST - 1_000);
        vm.refresh();

        assertThat(vm.seekingProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("Continued at 2020-03-09 13:34:37 UTC");
        assertThat(vm.positionProperty().get()).isEqualTo(FIRST + 300_000);
    }

    @Test
    void aFailedSeekSaysWhy() {
        vm.refresh();
        vm.seek(FIRST + 1);
        services.seekResult.completeExceptionally(new IllegalStateException("Spark is not running"));
        vm.refresh();

        assertThat(vm.messageProperty().get()).isEqualTo("Seek failed: Spark is not running");
        assertThat(vm.seekingProperty().get()).isFalse();
    }

    @Test
    void positionIsNotOverwrittenWhileTheOperatorDragsTheTimeline() {
        vm.refresh();
        vm.draggingProperty().set(true);
        services.state = new ReplayState("valve1.csv", FIRST, LAST, FIRST + 400_000, 3_000, 9_184, 20, false, false, false);
        vm.refresh();

        assertThat(vm.positionProperty().get()).isEqualTo(FIRST + 300_000);
        assertThat(vm.clockProperty().get()).isEqualTo("2020-03-09 13:21:18 UTC");
    }

    @Test
    void speedsParseAndPrint() {
        assertThat(ReplayControlsViewModel.parseSpeed("10×")).isEqualTo(10);
        assertThat(ReplayControlsViewModel.parseSpeed("20x")).isEqualTo(20);
        assertThat(ReplayControlsViewModel.parseSpeed("max")).isInfinite();
        assertThat(ReplayControlsViewModel.speedText(Double.POSITIVE_INFINITY)).isEqualTo("max");
        assertThat(ReplayControlsViewModel.speedText(100)).isEqualTo("100×");
        assertThatThrownBy(() -> ReplayControlsViewModel.parseSpeed("fast")).hasMessageContaining("'fast'");
    }
}
