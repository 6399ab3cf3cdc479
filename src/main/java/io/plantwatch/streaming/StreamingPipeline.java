package io.plantwatch.streaming;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.window;

import io.plantwatch.domain.StreamingSettings;
import io.plantwatch.domain.WindowStats;
import io.plantwatch.journal.ReadingJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The windowed statistics query: journal → DataSource V2 micro-batch source → watermark →
 * tumbling event-time windows per tag with count/avg/min/max/stddev → {@code foreachBatch} →
 * {@link WindowStats} to a {@link WindowSink}.
 *
 * <pre>
 * readStream.format("plantwatch-journal")
 *   .withWatermark("event_time", watermark)
 *   .groupBy(window(event_time, window), tag).agg(count, avg, min, max, stddev_samp)
 *   .writeStream.outputMode(append).trigger(ProcessingTime(trigger)).foreachBatch(...)
 * </pre>
 *
 * <p>Append mode: a window is emitted once, when the watermark (max event time seen − watermark
 * delay) passes its end, so results depend on event time only, not on replay speed. For a finite
 * input, {@link #finish} seals the journal so that the last windows are emitted too.
 *
 * <h2>Checkpoint and restart</h2>
 * Spark keeps the query's offsets and window state in {@code checkpointDir}. With
 * {@link CheckpointPolicy#CLEAR} it is deleted on start (a replay into a fresh in-memory journal).
 * With {@link CheckpointPolicy#RESUME} (the durable journal) the query continues after a restart or
 * a crash at the checkpointed journal offset, with the window state of that point, so that every
 * reading is counted once. {@code foreachBatch} itself is at-least-once: a micro-batch that was
 * running when the console died is run again after the restart, with the same batch id and the
 * same windows. The pipeline therefore records the id of the last batch whose windows the
 * {@link WindowSink} accepted, in {@code checkpointDir/}{@value #DELIVERED_FILE} (written
 * atomically after the sink returns), and skips batch ids at or below it after a restart.
 * Remaining gap: a crash after the sink returned and before that file was renamed into place
 * delivers that one batch again; a sink that must be exactly-once de-duplicates by batch id.
 * Neither Spark's checkpoint nor this file is forced to the disk: they survive a process crash,
 * not necessarily a power loss.
 *
 * <p>Threading: {@link #start} blocks for the session start (~3–8 s): call it on a background
 * thread. {@link #status()} may be called from any thread.
 */
public final class StreamingPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingPipeline.class);

    /** File in the checkpoint directory holding the id of the last batch delivered to the sink. */
    static final String DELIVERED_FILE = "plantwatch-delivered-batch";

    private final ReadingJournal journal;
    private final StreamingSettings settings;
    private final Path checkpointDir;
    private final WindowSink sink;
    private final CheckpointPolicy checkpointPolicy;
    private final String journalId;
    private volatile long lastDeliveredBatch = -1;
    private final AtomicLong windowsEmitted = new AtomicLong();
    private volatile PipelineStatus status;
    private volatile SparkSession spark;
    private volatile boolean ownsSession;
    private volatile StreamingQuery query;
    private volatile StreamingQueryListener listener;
    private volatile long watermarkMillis;
    private volatile long lastBatchId = -1;
    private volatile long lastBatchMillis;
    private volatile long committedOffset;

    /**
     * A pipeline whose checkpoint is cleared on start ({@link CheckpointPolicy#CLEAR}), for a journal
     * that starts empty on every run.
     *
     * @param checkpointDir where the query keeps offsets and window state
     */
    public StreamingPipeline(ReadingJournal journal, StreamingSettings settings, Path checkpointDir, WindowSink sink) {
        this(journal, settings, checkpointDir, CheckpointPolicy.CLEAR, sink);
    }

    /**
     * @param journal       the journal to read; registered in {@link JournalRegistry} until {@link #close()}
     * @param checkpointDir where the query keeps offsets, window state and the last delivered batch id;
     *                      one directory per query and journal
     * @param policy        {@link CheckpointPolicy#RESUME} with a durable journal, else {@link CheckpointPolicy#CLEAR}
     * @param sink          receives the windows, on Spark's stream execution thread
     */
    public StreamingPipeline(ReadingJournal journal, StreamingSettings settings, Path checkpointDir,
            CheckpointPolicy policy, WindowSink sink) {
        this.journal = journal;
        this.settings = settings;
        this.checkpointDir = checkpointDir;
        this.checkpointPolicy = java.util.Objects.requireNonNull(policy, "policy");
        this.sink = sink;
        this.journalId = JournalRegistry.register(journal);
        this.status = new PipelineStatus(PipelineStatus.State.STARTING, "", 0, -1, 0, 0, 0);
    }

    /**
     * Creates the embedded local session ({@link SparkSessions#local}) and starts the query on it;
     * {@link #close()} then stops the session too. Blocks for the session start.
     *
     * @param master  e.g. {@code local[*]}
     * @param dataDir the application's data directory (Spark scratch space goes below it)
     * @throws IllegalStateException when the query cannot be started
     */
    public void startLocal(String master, Path dataDir) {
        SparkSession session = SparkSessions.local(master, settings, dataDir);
        synchronized (this) {
            ownsSession = true;
        }
        start(session);
    }

    /**
     * Starts the query on the embedded local session ({@link SparkSessions#local}: the running one if
     * there is one, e.g. the console's) without owning it: {@link #close()} stops the query only.
     * Blocks for the session start when there is none yet.
     *
     * @throws IllegalStateException when the query cannot be started
     */
    public void startShared(String master, Path dataDir) {
        start(SparkSessions.local(master, settings, dataDir));
    }

    /**
     * A restart on the same session (a replay's seek): stops {@code previous}'s query and releases its
     * journal, then starts this pipeline's query on {@code previous}'s session, which this pipeline
     * then owns if {@code previous} did. Saves the seconds of a session start.
     *
     * @throws IllegalStateException when {@code previous} never started, or this query cannot start
     */
    public void startAfter(StreamingPipeline previous) {
        SparkSession session;
        boolean owns;
        synchronized (previous) {
            session = previous.spark;
            owns = previous.ownsSession;
            previous.ownsSession = false;
        }
        previous.close();
        if (session == null || session.sparkContext().isStopped()) {
            throw new IllegalStateException("the previous pipeline has no running Spark session");
        }
        synchronized (this) {
            ownsSession = owns;
        }
        start(session);
    }

    /**
     * Starts the query on the given session, which the caller keeps owning.
     *
     * @throws IllegalStateException when the query cannot be started (the status says FAILED with the reason)
     */
    public synchronized void start(SparkSession session) {
        this.spark = session;
        // the query is analysed with the calling thread's active session's conf (java.time rows, UTC): a
        // restart from another thread (a seek) would otherwise get SQLConf defaults and java.sql.Timestamp rows
        SparkSession.setActiveSession(session);
        try {
            if (checkpointPolicy == CheckpointPolicy.CLEAR) {
                deleteRecursively(checkpointDir);
            } else {
                lastDeliveredBatch = readDelivered();
            }
            Dataset<Row> readings = session.readStream()
                    .format(JournalSourceProvider.NAME)
                    .option("journal", journalId)
                    .option("maxReadingsPerTrigger", settings.maxReadingsPerTrigger())
                    .option("partitions", Math.max(1, Runtime.getRuntime().availableProcessors()))
                    .load();
            Dataset<Row> windows = readings
                    .withWatermark("event_time", settings.watermark().toMillis() + " milliseconds")
                    .groupBy(window(col("event_time"), settings.window().toMillis() + " milliseconds"), col("tag"))
                    .agg(count(col("value")).as("n"), avg(col("value")).as("avg"), min(col("value")).as("min"),
                            max(col("value")).as("max"), stddev_samp(col("value")).as("stddev"))
                    .select(col("tag"), col("window.start").as("window_start"), col("window.end").as("window_end"),
                            col("n"), col("avg"), col("min"), col("max"), col("stddev"));
            listener = new ProgressListener();
            session.streams().addListener(listener);
            query = windows.writeStream()
                    .queryName("window_stats_" + journalId.substring(0, 8))
                    .outputMode("append")
                    .trigger(Trigger.ProcessingTime(settings.trigger().toMillis()))
                    .option("checkpointLocation", checkpointDir.toAbsolutePath().toString())
                    .foreachBatch((VoidFunction2<Dataset<Row>, Long>) this::deliver)
                    .start();
            publish(PipelineStatus.State.RUNNING, "");
            LOG.info("window statistics query started: window {}, watermark {}, trigger {}, checkpoint {} ({}{})",
                    settings.window(), settings.watermark(), settings.trigger(), checkpointDir, checkpointPolicy,
                    lastDeliveredBatch >= 0 ? ", last delivered batch " + lastDeliveredBatch : "");
        } catch (TimeoutException | RuntimeException e) {
            publish(PipelineStatus.State.FAILED, String.valueOf(e.getMessage()));
            throw new IllegalStateException("Spark query could not start: " + e.getMessage(), e);
        }
    }

    private void deliver(Dataset<Row> batch, Long batchId) {
        // Always run the batch, also one that is not delivered again: Spark's window state of the batch
        // is committed as its tasks finish, and Spark 4.2 fails the query if a batch left it uncommitted
        // (STATE_STORE_COMMIT_VALIDATION_FAILED).
        List<Row> rows = batch.collectAsList();
        if (batchId <= lastDeliveredBatch) {
            LOG.info("micro-batch {} was delivered before the restart (last delivered {}): not delivered again",
                    batchId, lastDeliveredBatch);
            return;
        }
        List<WindowStats> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            String tag = r.getString(0);
            if (JournalPartitionReader.END_OF_STREAM_TAG.equals(tag)) {
                continue;
            }
            out.add(new WindowStats(tag, ((Instant) r.get(1)).toEpochMilli(), ((Instant) r.get(2)).toEpochMilli(),
                    r.getLong(3), r.getDouble(4), r.getDouble(5), r.getDouble(6), r.isNullAt(7) ? Double.NaN : r.getDouble(7)));
        }
        windowsEmitted.addAndGet(out.size());
        if (!out.isEmpty()) {
            sink.onWindows(batchId, out);
            if (checkpointPolicy == CheckpointPolicy.RESUME) {
                writeDelivered(batchId);
            }
        }
    }

    /** The last delivered batch id from the checkpoint, or −1. */
    private long readDelivered() {
        Path file = checkpointDir.resolve(DELIVERED_FILE);
        if (!Files.exists(file)) {
            return -1;
        }
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read the last delivered micro-batch from " + file + ": "
                    + e.getMessage() + "; delete the checkpoint directory " + checkpointDir + " to start over", e);
        }
    }

    /** Records a delivered batch id: write a temporary file, then rename it over the old one (atomic). */
    private void writeDelivered(long batchId) {
        Path file = checkpointDir.resolve(DELIVERED_FILE);
        Path tmp = checkpointDir.resolve(DELIVERED_FILE + ".tmp");
        try {
            Files.createDirectories(checkpointDir);
            Files.writeString(tmp, Long.toString(batchId));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            lastDeliveredBatch = batchId;
        } catch (IOException e) {
            // failing the batch makes Spark stop the query; after a restart the batch is delivered again
            throw new UncheckedIOException("cannot record delivered micro-batch " + batchId + " in " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Ends a finite input: seals the journal one window past its last event time, then waits
     * until Spark has processed everything and emitted the last windows. The end-of-stream row takes
     * the offset {@code journal.endOffset()} in Spark's checkpoint, so a {@link CheckpointPolicy#RESUME}
     * checkpoint that was finished cannot be resumed with further appends to the same journal (the
     * query then fails, saying so): finish is for finite inputs.
     *
     * @param lastEventTimeMillis the largest event time in the journal
     * @throws IllegalStateException when the query failed or did not finish within the timeout
     */
    public void finish(long lastEventTimeMillis, Duration timeout) {
        long sealAt = lastEventTimeMillis + settings.window().toMillis() + settings.watermark().toMillis() + 1000;
        JournalRegistry.seal(journalId, sealAt);
        long deadline = System.nanoTime() + timeout.toNanos();
        long target = journal.endOffset() + 1;
        long needWatermark = sealAt - settings.watermark().toMillis();
        try {
            while (committedOffset < target || watermarkMillis < needWatermark || !noBatchRunning()) {
                query.processAllAvailable();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Spark did not finish within " + timeout);
                }
                if (committedOffset < target || watermarkMillis < needWatermark) {
                    Thread.sleep(20);
                }
            }
            // one more round so that the no-data batch that evicts the last windows has run
            query.processAllAvailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while finishing", e);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            // processAllAvailable rethrows the query's StreamingQueryException (undeclared, from Scala)
            publish(PipelineStatus.State.FAILED, e.getMessage());
            throw new IllegalStateException("Spark query failed: " + e.getMessage(), e);
        }
    }

    private boolean noBatchRunning() {
        return !query.status().isTriggerActive();
    }

    /** The running query (package-private, for tests in this package). */
    StreamingQuery query() {
        return query;
    }

    /** The session the query runs on (package-private: Spark types stay in this package). */
    SparkSession session() {
        return spark;
    }

    /** The latest status snapshot. */
    public PipelineStatus status() {
        return status;
    }

    private void publish(PipelineStatus.State state, String detail) {
        status = new PipelineStatus(state, detail, watermarkMillis, lastBatchId, lastBatchMillis,
                windowsEmitted.get(), committedOffset);
    }

    private final class ProgressListener extends StreamingQueryListener {
        @Override
        public void onQueryStarted(QueryStartedEvent event) {
        }

        @Override
        public void onQueryProgress(QueryProgressEvent event) {
            if (query == null || !event.progress().id().equals(query.id())) {
                return;
            }
            var p = event.progress();
            String wm = p.eventTime().get("watermark");
            if (wm != null) {
                watermarkMillis = Instant.parse(wm).toEpochMilli();
            }
            lastBatchId = p.batchId();
            Long d = p.durationMs().get("triggerExecution");
            lastBatchMillis = d == null ? 0 : d;
            if (LOG.isDebugEnabled()) {
                LOG.debug("micro-batch {}: {} readings, durations (ms) {}, event time {}", p.batchId(), p.numInputRows(), p.durationMs(), p.eventTime());
            }
            if (p.sources().length > 0 && p.sources()[0].endOffset() != null) {
                committedOffset = Long.parseLong(p.sources()[0].endOffset().trim());
            }
            publish(PipelineStatus.State.RUNNING, "");
        }

        @Override
        public void onQueryIdle(QueryIdleEvent event) {
        }

        @Override
        public void onQueryTerminated(QueryTerminatedEvent event) {
            if (query == null || !event.id().equals(query.id())) {
                return;
            }
            if (event.exception().isDefined()) {
                LOG.error("window statistics query failed: {}", event.exception().get());
                publish(PipelineStatus.State.FAILED, event.exception().get());
            } else {
                publish(PipelineStatus.State.STOPPED, "");
            }
        }
    }

    /** Stops the query, then the session if {@link #startLocal} created it, and releases the journal registration. */
    @Override
    public synchronized void close() {
        try {
            if (query != null) {
                query.stop();
            }
        } catch (TimeoutException e) {
            LOG.warn("query did not stop in time", e);
        } finally {
            if (spark != null && listener != null) {
                spark.streams().removeListener(listener);
            }
            // stop the session before unregistering: a task of the last batch may still be reading the journal
            if (ownsSession && spark != null) {
                spark.stop();
            }
            JournalRegistry.unregister(journalId);
            publish(PipelineStatus.State.STOPPED, "");
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("cannot clear checkpoint directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
