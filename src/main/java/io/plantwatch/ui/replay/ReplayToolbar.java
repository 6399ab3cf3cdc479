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
 * {@code replayBarMode}, {@code replayBarRecording}, {@code replayBarOpen}, {@code replayBarSpeed},
 * {@code replayBarPause}, {@code replayBarClock}, {@code replayBarTimeline}, {@code replayBarProgress},
 * {@code replayBarProgressText}, {@code replayBarMessage}.
 */
public final class ReplayToolbar {

    @FXML
    private HBox replayToolbar;
    @FXML
    private Label replayBarRecording;
    @FXML
    private ComboBox<String> replayBarSpeed;
    @FXML
    private Button replayBarPause;
    @FXML
    private Label replayBarClock;
    @FXML
    private Slider replayBarTimeline;
    @FXML
    private ProgressBar replayBarProgress;
    @FXML
    private Label replayBarProgressText;
    @FXML
    private Label replayBarMessage;

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
        replayBarRecording.textProperty().bind(vm.recordingProperty());
        replayBarSpeed.getItems().setAll(ReplayControlsViewModel.SPEEDS);
        // the site file's speed (e.g. the demo's 20×) is offered too, in order, so the box never shows blank
        // (kept in step by hand, not by a bidirectional binding: adding the site's speed to the items while
        // the value changes made the box lose its value)
        showSpeed(vm.speedProperty().get());
        vm.speedProperty().addListener((o, was, now) -> showSpeed(now));
        replayBarSpeed.valueProperty().addListener((o, was, now) -> {
            if (!showingSpeed && now != null && !now.equals(vm.speedProperty().get())) {
                vm.speedProperty().set(now);
            }
        });
        replayBarSpeed.setTooltip(new Tooltip("Replay speed; changes apply at once"));
        replayBarPause.textProperty().bind(javafx.beans.binding.Bindings.when(vm.pausedProperty()).then("Resume").otherwise("Pause"));
        replayBarPause.disableProperty().bind(vm.seekingProperty());
        replayBarClock.textProperty().bind(vm.clockProperty());
        replayBarClock.setTooltip(new Tooltip("Event time of the replay (the recording's clock)"));
        // not bound: Slider adjusts max itself when min passes it, which a binding forbids
        vm.timelineStartProperty().addListener((o, a, b) -> timelineRange());
        vm.timelineEndProperty().addListener((o, a, b) -> timelineRange());
        timelineRange();
        replayBarTimeline.disableProperty().bind(vm.seekingProperty());
        replayBarTimeline.setTooltip(new Tooltip("Drag or click, then release, to continue the replay at that event time"));
        replayBarTimeline.setValue(vm.positionProperty().get());
        vm.positionProperty().addListener((o, was, now) -> {
            if (!pressed && !replayBarTimeline.isValueChanging()) {
                replayBarTimeline.setValue(now.doubleValue());
            }
        });
        replayBarTimeline.setOnMousePressed(e -> {
            pressed = true;
            vm.draggingProperty().set(true);
        });
        replayBarTimeline.setOnMouseReleased(e -> {
            pressed = false;
            vm.draggingProperty().set(false);
            vm.seek((long) replayBarTimeline.getValue());
        });
        replayBarProgress.progressProperty().bind(vm.progressProperty());
        replayBarProgressText.textProperty().bind(vm.progressTextProperty());
        replayBarMessage.textProperty().bind(vm.messageProperty());
    }

    private void timelineRange() {
        double lo = vm.timelineStartProperty().get();
        double hi = vm.timelineEndProperty().get();
        if (lo > replayBarTimeline.getMax()) {
            replayBarTimeline.setMax(hi);
            replayBarTimeline.setMin(lo);
        } else {
            replayBarTimeline.setMin(lo);
            replayBarTimeline.setMax(hi);
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

    private boolean showingSpeed;

    /** Shows the ViewModel's speed, adding it to the choices first if it is not one of them. */
    private void showSpeed(String speed) {
        if (speed == null) {
            return;
        }
        showingSpeed = true;
        try {
            if (!replayBarSpeed.getItems().contains(speed)) {
                int at = 0;
                double f = ReplayControlsViewModel.parseSpeed(speed);
                while (at < replayBarSpeed.getItems().size()
                        && ReplayControlsViewModel.parseSpeed(replayBarSpeed.getItems().get(at)) < f) {
                    at++;
                }
                replayBarSpeed.getItems().add(at, speed);
            }
            replayBarSpeed.setValue(speed);
        } catch (IllegalArgumentException e) {
            // not a speed: leave the box as it is
        } finally {
            showingSpeed = false;
        }
    }
}
