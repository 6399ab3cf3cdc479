package io.plantwatch.ui.compare;

import io.plantwatch.domain.ReplayComparison;
import io.plantwatch.ui.ConsoleServices;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Compare replays" dialog's state: two recordings (or one with two site files), run through the
 * replay pipeline at max speed by {@link ConsoleServices#compareReplays} off the FX thread; the table
 * (readings, windows, alarms by priority and by tag, EEMUA 191 KPIs, anomalies) is applied at the UI
 * cadence ({@link #refresh()}). FX thread only.
 */
public final class CompareViewModel {

    private final ConsoleServices services;
    private final StringProperty recordingA = new SimpleStringProperty("");
    private final StringProperty configA = new SimpleStringProperty("");
    private final StringProperty recordingB = new SimpleStringProperty("");
    private final StringProperty configB = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper labelA = new ReadOnlyStringWrapper("A");
    private final ReadOnlyStringWrapper labelB = new ReadOnlyStringWrapper("B");
    private final ObservableList<ReplayComparison.Row> rows = FXCollections.observableArrayList();
    private final AtomicReference<Object> outcome = new AtomicReference<>();
    private long startedNanos;

    public CompareViewModel(ConsoleServices services) {
        this.services = services;
        var replay = services.replaySettings();
        if (replay != null && replay.recording() != null) {
            recordingA.set(replay.recording().toString());
        }
    }

    /**
     * Starts the comparison (returns at once). Recording A is required; an empty B means A's recording,
     * an empty site file the console's (A) or A's (B).
     */
    public void compare() {
        if (running.get()) {
            return;
        }
        if (recordingA.get().isBlank()) {
            message.set("Choose recording A");
            return;
        }
        if (recordingB.get().isBlank() && configB.get().isBlank()) {
            message.set("Choose recording B, or a second site file for A's recording");
            return;
        }
        ReplayComparison.Request request = new ReplayComparison.Request(path(recordingA), path(configA), path(recordingB),
                path(configB));
        running.set(true);
        startedNanos = System.nanoTime();
        message.set("Replaying A and B at max speed…");
        try {
            services.compareReplays(request).whenComplete((c, e) -> outcome.set(e != null ? e : c));
        } catch (RuntimeException e) {
            outcome.set(e);
        }
    }

    private static Path path(StringProperty p) {
        return p.get().isBlank() ? null : Path.of(p.get().strip());
    }

    /** Applies a finished comparison (cadence, FX thread). */
    public void refresh() {
        Object o = outcome.getAndSet(null);
        if (o == null) {
            if (running.get()) {
                message.set(String.format("Replaying A and B at max speed… %d s", (System.nanoTime() - startedNanos) / 1_000_000_000L));
            }
            return;
        }
        running.set(false);
        if (o instanceof Throwable e) {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            message.set("Comparison failed: " + cause.getMessage());
            return;
        }
        ReplayComparison c = (ReplayComparison) o;
        labelA.set("A: " + c.labelA());
        labelB.set("B: " + c.labelB());
        rows.setAll(c.rows());
        long differing = c.rows().stream().filter(r -> !r.same()).count();
        message.set(differing == 0 ? "A and B agree on every measure" : differing + " measures differ (marked ≠)");
    }

    public StringProperty recordingAProperty() {
        return recordingA;
    }

    public StringProperty configAProperty() {
        return configA;
    }

    public StringProperty recordingBProperty() {
        return recordingB;
    }

    public StringProperty configBProperty() {
        return configB;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Column header of run A. */
    public ReadOnlyStringProperty labelAProperty() {
        return labelA.getReadOnlyProperty();
    }

    /** Column header of run B. */
    public ReadOnlyStringProperty labelBProperty() {
        return labelB.getReadOnlyProperty();
    }

    /** The comparison's rows, in display order. */
    public ObservableList<ReplayComparison.Row> rows() {
        return rows;
    }
}
