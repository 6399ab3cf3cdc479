package io.plantwatch.ui.quality;

import io.plantwatch.domain.DeadLetter;
import io.plantwatch.ui.ConsoleServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Data quality" tab: rejected input counted by reason (the dead-letter table) and the most
 * recent dead letters (time, source, reason, payload).
 *
 * <p>While the tab is {@linkplain #activeProperty() active}, {@link #refresh()} (the UI cadence)
 * starts a read on the query executor at most every {@value #REFRESH_MILLIS} ms, and never while one
 * is still running; the result is left in a pending slot that the next {@link #refresh()} applies
 * (ADR 0004). Nothing is read while the tab is hidden: the status bar's total comes from a counter.
 * FX thread, except the executor's task.
 */
public final class DataQualityViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(DataQualityViewModel.class);

    /** Shortest time between two reads of the dead-letter table, ms. */
    public static final long REFRESH_MILLIS = 2_000;
    /** Dead letters listed. */
    public static final int RECENT = 200;

    /**
     * Rejected input of one reason.
     *
     * @param reason       what was wrong
     * @param count        how many inputs were rejected for it
     * @param sharePercent its share of all rejected input, percent
     */
    public record ReasonCount(String reason, long count, double sharePercent) {
    }

    /** A finished read: counts and recent rows, or why there are none. */
    private record Result(Map<String, Long> counts, List<DeadLetter> recent, String error) {
    }

    private final ConsoleServices services;
    private final Executor queries;
    private final LongSupplier nanoTime;

    private final BooleanProperty active = new SimpleBooleanProperty(false);
    private final ObservableList<ReasonCount> reasons = FXCollections.observableArrayList();
    private final ObservableList<ReasonCount> reasonsView = FXCollections.unmodifiableObservableList(reasons);
    private final ObservableList<DeadLetter> recent = FXCollections.observableArrayList();
    private final ObservableList<DeadLetter> recentView = FXCollections.unmodifiableObservableList(recent);
    private final ReadOnlyStringWrapper total = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    private final AtomicReference<Result> pending = new AtomicReference<>();
    private boolean reading;
    private long lastReadNanos;

    /**
     * @param services {@link ConsoleServices#rejectedByReason()} and {@link ConsoleServices#recentRejected(int)}
     * @param queries  executor for the reads (a background thread in the app, the calling thread in tests)
     */
    public DataQualityViewModel(ConsoleServices services, Executor queries) {
        this(services, queries, System::nanoTime);
    }

    /** As above, with the clock that paces the reads ({@link System#nanoTime()} in the app). */
    public DataQualityViewModel(ConsoleServices services, Executor queries, LongSupplier nanoTime) {
        this.services = services;
        this.queries = queries;
        this.nanoTime = nanoTime;
        active.addListener((o, was, now) -> {
            if (now) {
                read();
            }
        });
    }

    /** True while the tab is shown; becoming true reads at once. */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** Rejected input per reason, most frequent first. */
    public ObservableList<ReasonCount> reasons() {
        return reasonsView;
    }

    /** The most recent dead letters, newest first (at most {@value #RECENT}). */
    public ObservableList<DeadLetter> recent() {
        return recentView;
    }

    /** Total rejected input in the dead-letter table, e.g. {@code "1,204 rejected inputs"}; "—" before the first read. */
    public ReadOnlyStringProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** Why nothing could be read, or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Applies a finished read and, while active, starts the next when due. Called at the UI cadence; FX thread. */
    public void refresh() {
        Result r = pending.getAndSet(null);
        if (r != null) {
            reading = false;
            apply(r);
        }
        if (active.get() && !reading && nanoTime.getAsLong() - lastReadNanos >= REFRESH_MILLIS * 1_000_000) {
            read();
        }
    }

    /** Starts a read on the query executor unless one is running. FX thread. */
    public void read() {
        if (reading) {
            return;
        }
        reading = true;
        lastReadNanos = nanoTime.getAsLong();
        queries.execute(() -> {
            Result result;
            try {
                result = new Result(services.rejectedByReason(), services.recentRejected(RECENT), null);
            } catch (RuntimeException e) {
                LOG.error("rejected input could not be read", e);
                result = new Result(Map.of(), List.of(), "Rejected input could not be read: " + e.getMessage());
            }
            pending.set(result);
        });
    }

    private void apply(Result r) {
        if (r.error() != null) {
            message.set(r.error());
            return;
        }
        long sum = r.counts().values().stream().mapToLong(Long::longValue).sum();
        List<ReasonCount> rows = new ArrayList<>();
        r.counts().forEach((reason, n) -> rows.add(new ReasonCount(reason, n, sum == 0 ? 0 : 100.0 * n / sum)));
        if (!rows.equals(reasons)) {
            reasons.setAll(rows);
        }
        if (!r.recent().equals(recent)) {
            recent.setAll(r.recent());
        }
        total.set(sum == 1 ? "1 rejected input" : String.format("%,d rejected inputs", sum));
        message.set(sum == 0 ? "No input has been rejected." : "");
    }
}
