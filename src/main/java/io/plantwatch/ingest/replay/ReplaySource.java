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
 * <p>Threading: {@link #start} once; progress getters may be called from any thread.
 */
public final class ReplaySource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplaySource.class);

    private final Recording recording;
    private final double speed;
    private final ReadingSink sink;
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private volatile long emitted;
    private volatile long currentEventTime;
    private volatile boolean stopped;
    private Thread thread;

    /**
     * @param speed factor ≥ 1, or {@link Double#POSITIVE_INFINITY} for max
     * @throws IllegalArgumentException when speed is below 1 or NaN
     */
    public ReplaySource(Recording recording, double speed, ReadingSink sink) {
        if (!(speed >= 1)) {
            throw new IllegalArgumentException("replay speed must be >= 1 or max, was " + speed);
        }
        this.recording = recording;
        this.speed = speed;
        this.sink = sink;
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
            recording.rejected().forEach(sink::reject);
            List<Reading> readings = recording.readings();
            long wallStart = System.nanoTime();
            long eventStart = recording.firstEventTime();
            boolean paced = Double.isFinite(speed);
            for (int i = 0; i < readings.size() && !stopped; i++) {
                Reading r = readings.get(i);
                if (paced) {
                    long due = wallStart + (long) ((r.eventTimeMillis() - eventStart) * 1_000_000.0 / speed);
                    long wait;
                    while ((wait = due - System.nanoTime()) > 200_000 && !stopped) {
                        LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(50)));
                    }
                }
                sink.accept(r);
                currentEventTime = r.eventTimeMillis();
                emitted = i + 1;
            }
            LOG.info("replay of {} finished: {} readings, {} rejected lines", recording.source(), emitted,
                    recording.rejected().size());
            done.complete(emitted);
        } catch (RuntimeException e) {
            LOG.error("replay of {} failed at reading {}", recording.source(), emitted, e);
            done.completeExceptionally(e);
        }
    }

    /** Completes with the number of readings emitted when the replay ends (or is stopped). */
    public CompletableFuture<Long> done() {
        return done;
    }

    /** Readings emitted so far. */
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
        return speed;
    }

    /** Stops emitting; the thread ends after the current reading. */
    @Override
    public void close() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
