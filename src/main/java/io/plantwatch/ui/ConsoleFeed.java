package io.plantwatch.ui;

import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.WindowStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-over point between background threads and the UI (STYLE.md "one door into the UI
 * thread"). Ingest, Spark and the alarm engine write here from their own threads; the
 * {@link UiCadence} drains it on the FX thread at a fixed cadence. No JavaFX types here.
 *
 * <p>What may be thinned and what may not: the latest value per tag is overwritten (only the
 * newest matters on a tile); trend points are kept per tag in a bounded buffer of
 * {@value #TREND_PENDING} points between two refreshes (older points are dropped when a replay
 * outruns the screen); alarm transitions and messages are queued unbounded and never dropped.
 * Thread-safe.
 */
public final class ConsoleFeed {

    /** Trend points kept per tag between two refreshes. */
    public static final int TREND_PENDING = 2048;

    /**
     * The newest value of a tag.
     *
     * @param value           process value, engineering units
     * @param eventTimeMillis its event time
     */
    public record LiveValue(double value, long eventTimeMillis) {
    }

    private final Map<String, LiveValue> latest = new ConcurrentHashMap<>();
    private final Map<String, PointBuffer> raw = new ConcurrentHashMap<>();
    private final Map<String, PointBuffer> averages = new ConcurrentHashMap<>();
    private final Queue<AlarmTransition> transitions = new ConcurrentLinkedQueue<>();
    private final Queue<String> messages = new ConcurrentLinkedQueue<>();
    private final AtomicLong readings = new AtomicLong();
    private volatile long firstValueNanos;

    /** A reading entered the journal (ingest thread). */
    public void onReading(Reading r) {
        latest.put(r.tag(), new LiveValue(r.value(), r.eventTimeMillis()));
        raw.computeIfAbsent(r.tag(), t -> new PointBuffer()).add(r.eventTimeMillis(), r.value());
        readings.incrementAndGet();
    }

    /**
     * Spark closed windows (Spark's thread). The average is plotted at the window's middle. Windows
     * of one micro-batch come in no particular order; they are queued in event-time order so that
     * the trend pen runs forward (successive batches close successively later windows).
     */
    public void onWindows(List<WindowStats> windows) {
        List<WindowStats> ordered = new ArrayList<>(windows);
        ordered.sort(java.util.Comparator.comparingLong(WindowStats::windowStartMillis));
        for (WindowStats w : ordered) {
            averages.computeIfAbsent(w.tag(), t -> new PointBuffer())
                    .add((w.windowStartMillis() + w.windowEndMillis()) / 2, w.avg());
        }
    }

    /** An alarm transition (alarm engine's caller thread); never dropped. */
    public void onTransition(AlarmTransition t) {
        transitions.add(t);
    }

    /** A message for the operator (e.g. a refused acknowledgement), from any thread. */
    public void postMessage(String message) {
        messages.add(message);
    }

    /** Newest value of a tag, or null. */
    public LiveValue latest(String tag) {
        return latest.get(tag);
    }

    /** Readings seen since start. */
    public long readingCount() {
        return readings.get();
    }

    /** Removes and returns the pending trend points of a tag: {@code [times ms, values]}. */
    public double[][] drainRaw(String tag) {
        PointBuffer b = raw.get(tag);
        return b == null ? PointBuffer.EMPTY : b.drain();
    }

    /** Removes and returns the pending window averages of a tag: {@code [times ms, values]}. */
    public double[][] drainAverages(String tag) {
        PointBuffer b = averages.get(tag);
        return b == null ? PointBuffer.EMPTY : b.drain();
    }

    /** Removes and returns all queued alarm transitions, oldest first. */
    public List<AlarmTransition> drainTransitions() {
        List<AlarmTransition> out = new ArrayList<>();
        AlarmTransition t;
        while ((t = transitions.poll()) != null) {
            out.add(t);
        }
        return out;
    }

    /** Removes and returns queued operator messages, oldest first. */
    public List<String> drainMessages() {
        List<String> out = new ArrayList<>();
        String m;
        while ((m = messages.poll()) != null) {
            out.add(m);
        }
        return out;
    }

    /** Records when the first value reached the screen (System.nanoTime), once. */
    public void markFirstValueShown() {
        if (firstValueNanos == 0) {
            firstValueNanos = System.nanoTime();
        }
    }

    /** System.nanoTime of the first value on screen, 0 before. */
    public long firstValueShownNanos() {
        return firstValueNanos;
    }

    /** A bounded ring of (time, value) points; drops the oldest when full. */
    private static final class PointBuffer {
        static final double[][] EMPTY = {new double[0], new double[0]};
        private final double[] t = new double[TREND_PENDING];
        private final double[] v = new double[TREND_PENDING];
        private int start;
        private int size;

        synchronized void add(long timeMillis, double value) {
            int i = (start + size) % TREND_PENDING;
            t[i] = timeMillis;
            v[i] = value;
            if (size < TREND_PENDING) {
                size++;
            } else {
                start = (start + 1) % TREND_PENDING;
            }
        }

        synchronized double[][] drain() {
            if (size == 0) {
                return EMPTY;
            }
            double[] ts = new double[size];
            double[] vs = new double[size];
            for (int k = 0; k < size; k++) {
                int i = (start + k) % TREND_PENDING;
                ts[k] = t[i];
                vs[k] = v[i];
            }
            start = 0;
            size = 0;
            return new double[][] {ts, vs};
        }
    }
}
