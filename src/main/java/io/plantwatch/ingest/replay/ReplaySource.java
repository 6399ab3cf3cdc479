package io.plantwatch.ingest.replay;

import io.plantwatch.domain.Reading;
import io.plantwatch.ingest.ReadingSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a {@link Recording} into a {@link ReadingSink} on its own daemon thread, keeping every
 * reading's event time and pacing emission at a speed factor: at 20x, readings 20 s apart in event
 * time are emitted 1 s apart; at {@link Double#POSITIVE_INFINITY} ("max") without any pause.
 * Rejected lines are passed to the sink first. Where the recording steps back in time the pacing
 * clock does not wait (it never sleeps for a negative gap).
 *
 * <p>Controls (replay toolbar): {@link #speed(double)} changes the speed while running (the pacing
 * clock is re-based at the current reading, so nothing jumps), {@link #pause()} / {@link #resume()}
 * hold emission between two readings (the paused wall time is not made up afterwards). A seek is
 * not done here: the application starts a new source at the seek point
 * ({@link #ReplaySource(Recording, double, ReadingSink, int, int)}), with a warm-up range before it
 * that is emitted unpaced.
 *
 * <p>Positions are indexes into {@link Recording#readings()} (the recording's offsets).
 *
 * <p>Threading: {@link #start} once; controls and progress getters may be called from any thread.
 */
public final class ReplaySource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplaySource.class);

    private final Recording recording;
    private final ReadingSink sink;
    private final int fromIndex;
    private final int pacedFromIndex;
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private volatile long emitted;
    private volatile long currentEventTime;
    private volatile boolean stopped;
    private Thread thread;
    // pacing clock: reading with event time eventBase is due at wall time wallBase (System.nanoTime)
    private final Object pacing = new Object();
    private double speed;
    private long wallBase;
    private long eventBase;
    private boolean rebase = true;
    private boolean paused;

    /**
     * A replay of the whole recording from its first reading.
     *
     * @param speed factor ≥ 1, or {@link Double#POSITIVE_INFINITY} for max
     * @throws IllegalArgumentException when speed is below 1 or NaN
     */
    public ReplaySource(Recording recording, double speed, ReadingSink sink) {
        this(recording, speed, sink, 0, 0);
    }

    /**
     * A replay that starts at reading {@code fromIndex}: the readings before {@code pacedFromIndex}
     * (a seek's warm-up) are emitted at once, unpaced; from {@code pacedFromIndex} on at the speed.
     * Rejected lines are passed to the sink only when {@code fromIndex} is 0.
     *
     * @param fromIndex      first reading emitted, 0 ≤ fromIndex ≤ pacedFromIndex
     * @param pacedFromIndex first reading emitted at the speed, ≤ number of readings
     * @throws IllegalArgumentException when speed is below 1 or NaN, or the indexes are out of order or range
     */
    public ReplaySource(Recording recording, double speed, ReadingSink sink, int fromIndex, int pacedFromIndex) {
        checkSpeed(speed);
        if (fromIndex < 0 || pacedFromIndex < fromIndex || pacedFromIndex > recording.readings().size()) {
            throw new IllegalArgumentException("replay range [" + fromIndex + ", " + pacedFromIndex + ") is not within "
                    + recording.readings().size() + " readings");
        }
        this.recording = recording;
        this.speed = speed;
        this.sink = sink;
        this.fromIndex = fromIndex;
        this.pacedFromIndex = pacedFromIndex;
        this.emitted = fromIndex;
        this.currentEventTime = fromIndex == 0 ? 0 : recording.readings().get(fromIndex - 1).eventTimeMillis();
    }

    private static void checkSpeed(double speed) {
        if (!(speed >= 1)) {
            throw new IllegalArgumentException("replay speed must be >= 1 or max, was " + speed);
        }
    }

    /** Starts the replay thread. @throws IllegalStateException when already started */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("replay already started");
        }
        thread = new Thread(this::run, "replay-" + recording.source());
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            if (fromIndex == 0) {
                recording.rejected().forEach(sink::reject);
            }
            List<Reading> readings = recording.readings();
            for (int i = fromIndex; i < readings.size() && !stopped; i++) {
                Reading r = readings.get(i);
                if (i >= pacedFromIndex) {
                    awaitDue(r.eventTimeMillis());
                    if (stopped) {
                        break;
                    }
                }
                sink.accept(r);
                currentEventTime = r.eventTimeMillis();
                emitted = i + 1;
            }
            LOG.info("replay of {} {}: {} of {} readings, {} rejected lines", recording.source(),
                    stopped ? "stopped" : "finished", emitted, readings.size(), recording.rejected().size());
            done.complete(emitted);
        } catch (RuntimeException e) {
            LOG.error("replay of {} failed at reading {}", recording.source(), emitted, e);
            done.completeExceptionally(e);
        }
    }

    /** Waits while paused, then until the reading's wall time is due at the current speed. */
    private void awaitDue(long eventTimeMillis) {
        while (!stopped) {
            long due;
            synchronized (pacing) {
                if (paused) {
                    rebase = true;
                    try {
                        pacing.wait(50);
                    } catch (InterruptedException e) {
                        if (stopped) {
                            return;
                        }
                    }
                    continue;
                }
                if (!Double.isFinite(speed)) {
                    return;
                }
                if (rebase) {
                    wallBase = System.nanoTime();
                    eventBase = eventTimeMillis;
                    rebase = false;
                    return;
                }
                due = wallBase + (long) ((eventTimeMillis - eventBase) * 1_000_000.0 / speed);
            }
            long wait = due - System.nanoTime();
            if (wait <= 200_000) {
                return;
            }
            LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(50)));
        }
    }

    /**
     * Changes the speed while running; the pacing clock restarts at the next reading.
     *
     * @param factor ≥ 1, or {@link Double#POSITIVE_INFINITY} for max
     * @throws IllegalArgumentException when below 1 or NaN
     */
    public void speed(double factor) {
        checkSpeed(factor);
        synchronized (pacing) {
            speed = factor;
            rebase = true;
            pacing.notifyAll();
        }
    }

    /** Holds emission before the next paced reading (warm-up readings are not held). */
    public void pause() {
        synchronized (pacing) {
            paused = true;
        }
    }

    /** Continues after {@link #pause()}; the pacing clock restarts at the next reading. */
    public void resume() {
        synchronized (pacing) {
            paused = false;
            rebase = true;
            pacing.notifyAll();
        }
    }

    /** True while paused. */
    public boolean paused() {
        synchronized (pacing) {
            return paused;
        }
    }

    /** Completes with the position reached (readings emitted, counted from the recording's start) when the replay ends or is stopped. */
    public CompletableFuture<Long> done() {
        return done;
    }

    /**
     * The position: readings of the recording behind the replay, counted from the recording's
     * start (after a seek it starts at the warm-up's start).
     */
    public long emitted() {
        return emitted;
    }

    /** Readings in the recording. */
    public long total() {
        return recording.readings().size();
    }

    /** Event time of the last emitted reading, epoch ms (0 before the first). */
    public long currentEventTime() {
        return currentEventTime;
    }

    /** The recording being replayed. */
    public Recording recording() {
        return recording;
    }

    /** The speed factor ({@link Double#POSITIVE_INFINITY} for max). */
    public double speed() {
        synchronized (pacing) {
            return speed;
        }
    }

    /** The first reading emitted at the speed (after the warm-up); 0 for a replay from the start. */
    public int pacedFromIndex() {
        return pacedFromIndex;
    }

    /** Stops emitting; the thread ends after the current reading. */
    @Override
    public void close() {
        stopped = true;
        synchronized (pacing) {
            pacing.notifyAll();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Stops and waits for the replay thread to end (at most {@code millis}). */
    public void closeAndWait(long millis) {
        close();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
