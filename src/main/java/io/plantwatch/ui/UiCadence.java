package io.plantwatch.ui;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

/**
 * The one place where background data crosses into the FX thread: a {@link Timeline} that calls
 * {@link ConsoleViewModel#refresh()} every {@value #PERIOD_MILLIS} ms (10 Hz). Nothing else in
 * the console calls {@code Platform.runLater} for data. Create and start on the FX thread.
 */
public final class UiCadence {

    /** Refresh period, ms. */
    public static final int PERIOD_MILLIS = 100;

    private final Timeline timeline;

    public UiCadence(ConsoleViewModel viewModel) {
        timeline = new Timeline(new KeyFrame(Duration.millis(PERIOD_MILLIS), e -> viewModel.refresh()));
        timeline.setCycleCount(Timeline.INDEFINITE);
    }

    /** Starts refreshing. */
    public void start() {
        timeline.play();
    }

    /** Stops refreshing. */
    public void stop() {
        timeline.stop();
    }
}
