package io.plantwatch.ui.replay;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * The replay toolbar ({@code fxml/replay/replay-toolbar.fxml}), under the header, shown in replay mode
 * only: REPLAY badge, recording, "Open…" (the "Open recording" dialog, through {@link #onOpen}), speed,
 * pause/resume, the event-time clock, the timeline (drag or click, then release, to seek) with the
 * progress bar under it, progress text and the last control's outcome. Node ids: {@code replayToolbar},
 * {@code replayMode}, {@code replayRecording}, {@code replayOpen}, {@code replaySpeed},
 * {@code replayPause}, {@code replayClock}, {@code replayTimeline}, {@code replayProgress},
 * {@code replayProgressText}, {@code replayMessage}.
 */
public final class ReplayToolbar {

    @FXML
    private HBox replayToolbar;
    @FXML
    private Label replayRecording;
    @FXML
    private ComboBox<String> replaySpeed;
    @FXML
    private Button replayPause;
    @FXML
    private Label replayClock;
    @FXML
    private Slider replayTimeline;
    @FXML
    private ProgressBar replayProgress;
    @FXML
    private Label replayProgressText;
    @FXML
    private Label replayMessage;

    private final ReplayControlsViewModel vm;
    private Runnable open = () -> { };
    private boolean pressed;

    public ReplayToolbar(ReplayControlsViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        replayToolbar.visibleProperty().bind(vm.visibleProperty());
        replayToolbar.managedProperty().bind(vm.visibleProperty());
        replayRecording.textProperty().bind(vm.recordingProperty());
        replaySpeed.getItems().setAll(ReplayControlsViewModel.SPEEDS);
        replaySpeed.valueProperty().bindBidirectional(vm.speedProperty());
        replaySpeed.setTooltip(new Tooltip("Replay speed; changes apply at once"));
        replayPause.textProperty().bind(javafx.beans.binding.Bindings.when(vm.pausedProperty()).then("Resume").otherwise("Pause"));
        replayPause.disableProperty().bind(vm.seekingProperty());
        replayClock.textProperty().bind(vm.clockProperty());
        replayClock.setTooltip(new Tooltip("Event time of the replay (the recording's clock)"));
        // not bound: Slider adjusts max itself when min passes it, which a binding forbids
        vm.timelineStartProperty().addListener((o, a, b) -> timelineRange());
        vm.timelineEndProperty().addListener((o, a, b) -> timelineRange());
        timelineRange();
        replayTimeline.disableProperty().bind(vm.seekingProperty());
        replayTimeline.setTooltip(new Tooltip("Drag or click, then release, to continue the replay at that event time"));
        replayTimeline.setValue(vm.positionProperty().get());
        vm.positionProperty().addListener((o, was, now) -> {
            if (!pressed && !replayTimeline.isValueChanging()) {
                replayTimeline.setValue(now.doubleValue());
            }
        });
        replayTimeline.setOnMousePressed(e -> {
            pressed = true;
            vm.draggingProperty().set(true);
        });
        replayTimeline.setOnMouseReleased(e -> {
            pressed = false;
            vm.draggingProperty().set(false);
            vm.seek((long) replayTimeline.getValue());
        });
        replayProgress.progressProperty().bind(vm.progressProperty());
        replayProgressText.textProperty().bind(vm.progressTextProperty());
        replayMessage.textProperty().bind(vm.messageProperty());
    }

    private void timelineRange() {
        double lo = vm.timelineStartProperty().get();
        double hi = vm.timelineEndProperty().get();
        if (lo > replayTimeline.getMax()) {
            replayTimeline.setMax(hi);
            replayTimeline.setMin(lo);
        } else {
            replayTimeline.setMin(lo);
            replayTimeline.setMax(hi);
        }
    }

    /** What "Open…" does (the main view opens the "Open recording" dialog). FX thread. */
    public void onOpen(Runnable action) {
        open = action == null ? () -> { } : action;
    }

    @FXML
    private void open() {
        open.run();
    }

    @FXML
    private void togglePause() {
        vm.togglePause();
    }
}
