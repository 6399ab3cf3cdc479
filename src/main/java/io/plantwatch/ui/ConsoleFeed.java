package io.plantwatch.ui;

import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.ConnectionState;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.WindowStats;
import java.util.ArrayList;
import java.util.Comparator;
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
 * outruns the screen); alarm transitions, command statuses, interlock firings and messages are
 * queued unbounded and never dropped.
 * Connection states are kept as the latest per connection id, stale marks as the latest per tag.
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

    /**
     * A tag whose source said it no longer reports (Sparkplug NDEATH/DDEATH): its last value is
     * stale from {@code sinceMillis} on, until its next reading.
     *
     * @param sinceMillis event time from which the value is stale, epoch ms
     * @param reason      why, for the operator (e.g. "DDEATH from gateway G1")
     */
    public record StaleMark(long sinceMillis, String reason) {
    }

    private final Map<String, LiveValue> latest = new ConcurrentHashMap<>();
    private final Map<String, ConnectionState> connections = new ConcurrentHashMap<>();
    private final Map<String, StaleMark> stale = new ConcurrentHashMap<>();
    private final Map<String, PointBuffer> raw = new ConcurrentHashMap<>();
    private final Map<String, PointBuffer> averages = new ConcurrentHashMap<>();
    private final Queue<AlarmTransition> transitions = new ConcurrentLinkedQueue<>();
    private final Queue<String> messages = new ConcurrentLinkedQueue<>();
    private final Queue<io.plantwatch.domain.CommandRecord> commands = new ConcurrentLinkedQueue<>();
    private final Queue<InterlockNotice> interlocks = new ConcurrentLinkedQueue<>();
    private final AtomicLong readings = new AtomicLong();
    private volatile long firstValueNanos;

    /** A reading entered the journal (ingest thread). */
    public void onReading(Reading r) {
        latest.put(r.tag(), new LiveValue(r.value(), r.eventTimeMillis()));
        if (!stale.isEmpty()) {
            stale.remove(r.tag());   // a tag stops being stale at its next reading (arrival order)
        }
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

    /**
     * What the screen must restart from after a replay's seek (or a switch of source): the alarms
     * standing at that point.
     *
     * @param eventTimeMillis the event time the source continues at; {@link Long#MIN_VALUE} for a switch of source
     * @param standing        the latest transition of every alarm not NORMAL there
     */
    public record Resync(long eventTimeMillis, List<AlarmTransition> standing) {
        public Resync {
            standing = List.copyOf(standing);
        }
    }

    private final java.util.concurrent.atomic.AtomicReference<Resync> resync = new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * The source restarted at another point (a replay's seek, on the seeking thread, before any reading
     * after that point): queued transitions, pending trend points and latest values of the old run are
     * dropped, and the next refresh replaces the alarm table and tile alarms with {@code standing} and
     * clears the trends. Same shape as {@code app.PlantWatchContext.SeekListener}.
     */
    public void resync(long eventTimeMillis, List<AlarmTransition> standing) {
        Resync r = new Resync(eventTimeMillis, standing);
        transitions.clear();
        latest.clear();
        raw.values().forEach(PointBuffer::drain);
        averages.values().forEach(PointBuffer::drain);
        resync.set(r);
    }

    /** Takes the pending resync, or null when there is none (FX thread, before {@link #drainTransitions()}). */
    public Resync drainResync() {
        return resync.getAndSet(null);
    }

    /**
     * An interlock rule fired or was refused, for the operator.
     *
     * @param rule    the rule's name
     * @param alarmId the alarm that triggered it
     * @param record  the command's QUEUED record, or null when the rule was refused
     * @param outcome {@code executed} or the refusal's reason
     */
    public record InterlockNotice(String rule, String alarmId, io.plantwatch.domain.CommandRecord record, String outcome) {
    }

    /**
     * A command's new status (the command service's {@code command-events} thread; never blocks). Every
     * status is queued and never dropped, so the commands list shows each step in order.
     */
    public void onCommand(io.plantwatch.domain.CommandRecord record) {
        commands.add(record);
    }

    /** An interlock rule fired or was refused ({@code command-events} thread); queued, never dropped. */
    public void onInterlock(String rule, String alarmId, io.plantwatch.domain.CommandRecord record, String outcome) {
        interlocks.add(new InterlockNotice(rule, alarmId, record, outcome));
    }

    /** Removes and returns the queued command statuses, oldest first. */
    public List<io.plantwatch.domain.CommandRecord> drainCommands() {
        List<io.plantwatch.domain.CommandRecord> out = new ArrayList<>();
        io.plantwatch.domain.CommandRecord r;
        while ((r = commands.poll()) != null) {
            out.add(r);
        }
        return out;
    }

    /** Removes and returns the queued interlock firings, oldest first. */
    public List<InterlockNotice> drainInterlocks() {
        List<InterlockNotice> out = new ArrayList<>();
        InterlockNotice n;
        while ((n = interlocks.poll()) != null) {
            out.add(n);
        }
        return out;
    }

    /** A message for the operator (e.g. a refused acknowledgement), from any thread. */
    public void postMessage(String message) {
        messages.add(message);
    }

    /**
     * A live connection changed state (the connection's own thread; implements
     * {@link ConnectionState.Listener}). Only the latest state per {@link ConnectionState#connection()}
     * is kept: the status bar shows where each connection stands now, not its history.
     */
    public void onConnectionState(ConnectionState state) {
        connections.put(state.connection(), state);
    }

    /**
     * Forgets a connection that was closed for good (e.g. when the console switches to replay), so
     * the status bar no longer shows it. Any thread.
     *
     * @param connection the id given in its {@link ConnectionState#connection()}
     */
    public void removeConnection(String connection) {
        connections.remove(connection);
    }

    /** The latest state of every connection, sorted by connection id. Any thread. */
    public List<ConnectionState> connectionStates() {
        List<ConnectionState> out = new ArrayList<>(connections.values());
        out.sort(Comparator.comparing(ConnectionState::connection));
        return out;
    }

    /**
     * The source says these tags no longer report (e.g. a Sparkplug NDEATH/DDEATH), from the ingest
     * thread: their tiles show STALE until each tag's next reading (in arrival order, since a
     * device's clock after a rebirth need not be later than the death's timestamp). Same shape as
     * {@code ingest.ReadingSink#stale}.
     *
     * @param tags            {@code device/sensor} tag ids
     * @param eventTimeMillis when they went stale, epoch ms
     * @param reason          why, for the operator
     */
    public void stale(List<String> tags, long eventTimeMillis, String reason) {
        StaleMark mark = new StaleMark(eventTimeMillis, reason == null ? "" : reason);
        for (String tag : tags) {
            stale.put(tag, mark);
        }
    }

    /** The stale mark of a tag, or null when it is not stale. Any thread. */
    public StaleMark staleMark(String tag) {
        return stale.get(tag);
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
