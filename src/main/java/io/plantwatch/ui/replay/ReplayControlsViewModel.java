package io.plantwatch.ui.replay;

import io.plantwatch.ui.ConsoleServices;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The replay toolbar's state (issue #6): shown in replay mode only; speed (1×, 10×, 100×, max,
 * changeable while running), pause/resume, a timeline over the recording's event-time span with the
 * position and progress, seek, and the event-time clock (the replay's current event time, with the
 * date, UTC). Everything is read from {@link ConsoleServices#replayState()} at the UI cadence
 * ({@link #refresh()}); a seek runs on the services' thread and its outcome is applied at the next
 * refresh. FX thread only.
 */
public final class ReplayControlsViewModel {

    /** The speeds offered, in the order shown. */
    public static final List<String> SPEEDS = List.of("1×", "10×", "100×", "max");

    static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final ConsoleServices services;
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper seeking = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<String> speed = new SimpleObjectProperty<>("max");
    private final ReadOnlyDoubleWrapper timelineStart = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyDoubleWrapper timelineEnd = new ReadOnlyDoubleWrapper(1);
    private final ReadOnlyDoubleWrapper position = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper clock = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper recording = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final BooleanProperty dragging = new SimpleBooleanProperty(false);
    private final AtomicReference<Object> seekOutcome = new AtomicReference<>();
    private boolean updating;

    public ReplayControlsViewModel(ConsoleServices services) {
        this.services = services;
        speed.addListener((o, was, now) -> {
            if (!updating && now != null && !now.equals(was)) {
                try {
                    services.replaySpeed(parseSpeed(now));
                    message.set("");
                } catch (RuntimeException e) {
                    message.set("Speed not changed: " + e.getMessage());
                }
            }
        });
    }

    /** "1×", "10×", "20x", "max" → factor ({@link Double#POSITIVE_INFINITY} for max). @throws IllegalArgumentException otherwise */
    public static double parseSpeed(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("max")) {
            return Double.POSITIVE_INFINITY;
        }
        if (t.endsWith("×") || t.endsWith("x")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("speed '" + text + "' is not 1×, 10×, 100× or max");
        }
    }

    /** factor → "10×", "max". */
    public static String speedText(double factor) {
        if (Double.isInfinite(factor)) {
            return "max";
        }
        return factor == Math.rint(factor) ? String.format(Locale.ROOT, "%d×", (long) factor)
                : String.format(Locale.ROOT, "%s×", factor);
    }

    /** Pauses a running replay, resumes a paused one. */
    public void togglePause() {
        try {
            services.replayPaused(!paused.get());
            paused.set(!paused.get());
            message.set("");
        } catch (RuntimeException e) {
            message.set(e.getMessage());
        }
    }

    /**
     * Seeks to an event time (the timeline was released there). Returns at once; ignored while a seek
     * runs.
     *
     * @param eventTimeMillis target, epoch ms; clamped to the timeline
     */
    public void seek(long eventTimeMillis) {
        if (seeking.get()) {
            return;
        }
        long t = (long) Math.max(timelineStart.get(), Math.min(timelineEnd.get(), eventTimeMillis));
        seeking.set(true);
        position.set(t);
        message.set("Seeking to " + CLOCK.format(Instant.ofEpochMilli(t)) + "…");
        services.seekReplay(t).whenComplete((at, e) -> seekOutcome.set(e != null ? e : at));
    }

    /** Pulls the replay's state (cadence, FX thread). */
    public void refresh() {
        Object outcome = seekOutcome.getAndSet(null);
        if (outcome != null) {
            seeking.set(false);
            if (outcome instanceof Throwable e) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                message.set("Seek failed: " + cause.getMessage());
            } else {
                message.set("Continued at " + CLOCK.format(Instant.ofEpochMilli((Long) outcome)));
            }
        }
        ConsoleServices.ReplayState s = services.replayState();
        visible.set(s != null);
        if (s == null) {
            return;
        }
        updating = true;
        try {
            recording.set(s.recording());
            String sp = speedText(s.speed());
            if (!sp.equals(speed.get())) {
                speed.set(sp);
            }
            paused.set(s.paused());
            timelineStart.set(s.firstEventMillis());
            timelineEnd.set(Math.max(s.lastEventMillis(), s.firstEventMillis() + 1));
            if (!dragging.get() && !seeking.get() && s.eventTimeMillis() > 0) {
                position.set(s.eventTimeMillis());
            }
            progress.set(s.total() == 0 ? 0 : (double) s.position() / s.total());
            clock.set(s.eventTimeMillis() <= 0 ? "—" : CLOCK.format(Instant.ofEpochMilli(s.eventTimeMillis())));
            progressText.set(String.format(Locale.ROOT, "%,d / %,d readings · %.0f %%%s", s.position(), s.total(),
                    100.0 * progress.get(), s.finished() ? " · end of recording" : s.paused() ? " · paused" : ""));
        } finally {
            updating = false;
        }
    }

    /** True in replay mode: the toolbar is shown. */
    public ReadOnlyBooleanProperty visibleProperty() {
        return visible.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    /** True while a seek is carried out (the timeline and pause are disabled). */
    public ReadOnlyBooleanProperty seekingProperty() {
        return seeking.getReadOnlyProperty();
    }

    /** The chosen speed, one of {@link #SPEEDS} (or the site file's, e.g. "20×"); set by the view. */
    public ObjectProperty<String> speedProperty() {
        return speed;
    }

    /** The timeline's start: the recording's first event time, epoch ms. */
    public ReadOnlyDoubleProperty timelineStartProperty() {
        return timelineStart.getReadOnlyProperty();
    }

    /** The timeline's end: the recording's last event time, epoch ms. */
    public ReadOnlyDoubleProperty timelineEndProperty() {
        return timelineEnd.getReadOnlyProperty();
    }

    /** The replay's event time on the timeline, epoch ms (held while dragging or seeking). */
    public ReadOnlyDoubleProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    /** Share of the recording's readings replayed, 0–1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The event-time clock, e.g. "2020-03-09 13:20:05 UTC". */
    public ReadOnlyStringProperty clockProperty() {
        return clock.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty recordingProperty() {
        return recording.getReadOnlyProperty();
    }

    /** e.g. "4,512 / 9,184 readings · 49 %". */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** The outcome of the last control (seek, failure), empty if none. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True while the operator drags the timeline: the position is then not overwritten. Set by the view. */
    public BooleanProperty draggingProperty() {
        return dragging;
    }
}
