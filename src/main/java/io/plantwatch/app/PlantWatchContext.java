package io.plantwatch.app;

import io.plantwatch.alarm.AlarmEngine;
import io.plantwatch.config.SiteConfig;
import io.plantwatch.domain.StreamingSettings;
import io.plantwatch.domain.WindowStats;
import io.plantwatch.ingest.ReadingSink;
import io.plantwatch.ingest.replay.Recording;
import io.plantwatch.ingest.replay.ReplaySource;
import io.plantwatch.journal.MemoryJournal;
import io.plantwatch.journal.ReadingJournal;
import io.plantwatch.storage.Database;
import io.plantwatch.storage.H2AlarmJournal;
import io.plantwatch.storage.H2DeadLetters;
import io.plantwatch.storage.StorageException;
import io.plantwatch.streaming.PipelineStatus;
import io.plantwatch.streaming.StreamingPipeline;
import io.plantwatch.streaming.WindowSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds and wires one running console's services (DESIGN.md data path)
 * without any UI, so that the desktop console, the headless replay and the tests share it.
 *
 * <pre>
 * ReplaySource ─► journal.append ─► AlarmEngine.onReading (limit alarms, per reading)
 *      │                      └───► reading listeners (UI feed)
 *      └─ rejected ─► H2 dead letters
 * journal ─► Spark (StreamingPipeline) ─► window listeners
 * </pre>
 *
 * <p>Lifecycle: construct, add listeners, {@link #start()}, {@link #close()}. Spark starts on a
 * background thread ({@link #sparkStarted()} completes when the query runs); the replay starts
 * at once, since the source reads the journal from offset 0.
 */
public final class PlantWatchContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlantWatchContext.class);

    /** What to run. */
    public record Options(SiteConfig config, Path dataDir, Path recording, double speed, String sparkMaster,
            StreamingSettings streaming) {
    }

    private final Options options;
    private final Database db;
    private final H2AlarmJournal alarmJournal;
    private final H2DeadLetters deadLetters;
    private final AlarmEngine alarms;
    private final MemoryJournal journal = new MemoryJournal();
    private final StreamingPipeline pipeline;
    private final Recording recording;
    private final ReplaySource replay;
    private final List<WindowSink> windowListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong readingsIn = new AtomicLong();
    private final AtomicLong readingsRejected = new AtomicLong();
    private final AtomicLong maxEventTime = new AtomicLong(Long.MIN_VALUE);
    private final CompletableFuture<Void> sparkStarted = new CompletableFuture<>();
    private Thread sparkStarter;
    private volatile boolean closing;
    private final java.util.concurrent.ScheduledExecutorService alarmTimer =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "alarm-timer");
                t.setDaemon(true);
                return t;
            });

    /**
     * Opens the database, restores alarm state and loads the recording.
     *
     * @throws StorageException      when the database cannot be opened
     * @throws UncheckedIOException  when the recording cannot be read
     */
    public PlantWatchContext(Options options, Clock clock) {
        this.options = options;
        this.db = Database.open(options.dataDir());
        this.alarmJournal = new H2AlarmJournal(db);
        this.deadLetters = new H2DeadLetters(db, clock);
        this.alarms = new AlarmEngine(options.config().tags(), alarmJournal, clock,
                options.config().alarms().maxShelve());
        int restored = alarms.restore();
        LOG.info("alarm state restored for {} alarms from {}", restored, options.dataDir());
        journal.addListener((offset, r) -> {
            readingsIn.incrementAndGet();
            maxEventTime.accumulateAndGet(r.eventTimeMillis(), Math::max);
            alarms.onReading(r);
        });
        // anomaly detectors on Spark's closed windows; their alarms go to the same engine (ADR 0005)
        io.plantwatch.streaming.detect.AnomalyDetection detection = new io.plantwatch.streaming.detect.AnomalyDetection(
                options.config().tags(), options.config().detectors(), options.streaming().window().toMillis(),
                alarms::onAnomaly);
        if (detection.active()) {
            windowListeners.add(detection);
        }
        this.pipeline = new StreamingPipeline(journal, options.streaming(),
                options.dataDir().resolve("checkpoints").resolve("window-stats"),
                (batchId, windows) -> windowListeners.forEach(l -> l.onWindows(batchId, windows)));
        try {
            this.recording = Recording.load(options.recording());
        } catch (IOException e) {
            db.close();
            throw new UncheckedIOException("recording " + options.recording() + " cannot be read: " + e.getMessage(), e);
        }
        this.replay = new ReplaySource(recording, options.speed(), ReadingSink.of(journal::append, rejected -> {
            readingsRejected.incrementAndGet();
            deadLetters.store(rejected);
        }));
    }

    /** Starts the replay now and Spark on a background thread. */
    public void start() {
        Thread starter = new Thread(() -> {
            if (closing) {
                return;
            }
            try {
                long t0 = System.nanoTime();
                pipeline.startLocal(options.sparkMaster(), options.dataDir());
                LOG.info("Spark started in {} ms", (System.nanoTime() - t0) / 1_000_000);
                sparkStarted.complete(null);
            } catch (RuntimeException e) {
                LOG.error("Spark could not start; limit alarms and live values continue without window statistics", e);
                sparkStarted.completeExceptionally(e);
            }
        }, "spark-start");
        starter.setDaemon(true);
        sparkStarter = starter;
        starter.start();
        // shelving is wall-clock time: its expiry is checked every second
        alarmTimer.scheduleWithFixedDelay(() -> {
            try {
                alarms.expireShelving();
            } catch (RuntimeException e) {
                LOG.error("shelving expiry check failed", e);
            }
        }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        replay.start();
    }

    /** Adds a listener for readings as they enter the journal (ingest thread; must not block). */
    public void addReadingListener(ReadingJournal.AppendListener listener) {
        journal.addListener(listener);
    }

    /** Adds a listener for closed windows (Spark's thread; must not block). */
    public void addWindowListener(WindowSink listener) {
        windowListeners.add(listener);
    }

    /** The alarm engine. */
    public AlarmEngine alarms() {
        return alarms;
    }

    /** The alarm journal. */
    public H2AlarmJournal alarmJournal() {
        return alarmJournal;
    }

    /** The dead-letter store. */
    public H2DeadLetters deadLetters() {
        return deadLetters;
    }

    /** The replay source. */
    public ReplaySource replay() {
        return replay;
    }

    /** The streaming pipeline's status. */
    public PipelineStatus pipelineStatus() {
        return pipeline.status();
    }

    /** Completes when the Spark query runs; fails when Spark could not start. */
    public CompletableFuture<Void> sparkStarted() {
        return sparkStarted;
    }

    /** The site configuration. */
    public SiteConfig config() {
        return options.config();
    }

    /** The options this context runs with. */
    public Options options() {
        return options;
    }

    /** Readings appended to the journal. */
    public long readingsIn() {
        return readingsIn.get();
    }

    /** Input rejected with a reason (kept in the dead-letter table). */
    public long readingsRejected() {
        return readingsRejected.get();
    }

    /** Largest event time seen, epoch ms; Long.MIN_VALUE before the first reading. */
    public long maxEventTime() {
        return maxEventTime.get();
    }

    /**
     * For finite input: waits for the replay to end, then for Spark to emit the last windows.
     *
     * @throws IllegalStateException when Spark failed or timed out
     */
    public void finishReplay(java.time.Duration timeout) {
        replay.done().join();
        sparkStarted.join();
        if (readingsIn.get() > 0) {
            pipeline.finish(maxEventTime.get(), timeout);
        }
    }

    /** Stops replay, query and Spark session, and database, in that order. */
    @Override
    public void close() {
        closing = true;
        alarmTimer.shutdownNow();
        replay.close();
        if (sparkStarter != null) {
            try {
                sparkStarter.join(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            pipeline.close();
        } catch (RuntimeException e) {
            LOG.warn("pipeline did not close cleanly", e);
        }
        sparkStarted.cancel(false);
        db.close();
    }
}
