package io.plantwatch.app;

import io.plantwatch.alarm.AlarmEngine;
import io.plantwatch.command.CommandService;
import io.plantwatch.config.SiteConfig;
import io.plantwatch.domain.StreamingSettings;
import io.plantwatch.domain.WindowStats;
import io.plantwatch.ingest.ReadingSink;
import io.plantwatch.ingest.replay.Recording;
import io.plantwatch.ingest.replay.ReplaySource;
import io.plantwatch.config.Connections;
import io.plantwatch.domain.ConnectionState;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import io.plantwatch.ingest.kafka.KafkaIngest;
import io.plantwatch.ingest.mqtt.MqttIngest;
import io.plantwatch.ingest.payload.PayloadLimits;
import io.plantwatch.journal.DuplicateFilter;
import io.plantwatch.journal.MemoryJournal;
import io.plantwatch.journal.SegmentJournal;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.plantwatch.journal.ReadingJournal;
import io.plantwatch.storage.Database;
import io.plantwatch.storage.H2AlarmJournal;
import io.plantwatch.storage.H2CommandLog;
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
 * without any UI, so that the desktop console, the headless commands and the tests share it.
 *
 * <pre>
 * replay:  ReplaySource ──────────────┐
 * live:    MqttIngest, KafkaIngest ───┤ decode + validate ─ rejected ─► H2 dead letters (counted)
 *                                     ▼
 *          (live) DuplicateFilter ─► journal.append ─► AlarmEngine.onReading (limit alarms, per reading)
 *                                            └───────► reading listeners (UI feed)
 *          journal ─► Spark (StreamingPipeline) ─► window listeners (anomaly detection, UI feed)
 * </pre>
 *
 * <p>Two modes, from the site file's {@code connections.mode}:
 * <ul>
 *   <li><b>replay</b>: the recording is played into an in-memory journal; Spark's checkpoint is
 *       cleared on start (a replay starts from its first reading);
 *   <li><b>live</b>: MQTT and/or Kafka append to the durable {@link SegmentJournal} in
 *       {@code <data dir>/journal}; Spark resumes from its checkpoint in
 *       {@code <data dir>/checkpoints/live-window-stats}, so that after a crash every journalled
 *       reading is counted once. A message is acknowledged (MQTT) or its offset committed (Kafka)
 *       only after its readings are in the journal; a redelivered reading (same tag, event time
 *       and value) is recognised by a {@link DuplicateFilter} primed from the journal's tail and
 *       journalled once.
 * </ul>
 *
 * <p>Lifecycle: construct, add listeners, {@link #start()}, {@link #close()}. Spark starts on a
 * background thread ({@link #sparkStarted()} completes when the query runs); the inputs start at
 * once, since the source reads the journal from its first retained offset.
 */
public final class PlantWatchContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlantWatchContext.class);

    /**
     * What to run.
     *
     * @param recording replay mode: the recording (long CSV, JSON lines, Parquet, wide CSV)
     * @param mapping   replay mode: the wide CSV's mapping file; null for the one beside the recording
     */
    public record Options(SiteConfig config, Path dataDir, Path recording, Path mapping, double speed, String sparkMaster,
            StreamingSettings streaming) {

        /** Options without an explicit mapping file. */
        public Options(SiteConfig config, Path dataDir, Path recording, double speed, String sparkMaster,
                StreamingSettings streaming) {
            this(config, dataDir, recording, null, speed, sparkMaster, streaming);
        }
    }

    private final Options options;
    private final Database db;
    private final H2AlarmJournal alarmJournal;
    private final H2DeadLetters deadLetters;
    private final io.plantwatch.storage.H2AuditTrail auditTrail;
    private final io.plantwatch.storage.H2OperatorStore operators;
    private final io.plantwatch.security.LoginService login;
    private final io.plantwatch.security.OperatorAdministration operatorAdmin;
    private final io.plantwatch.alarm.AlarmHandling alarmHandling;
    private final AlarmEngine alarms;
    private final ReadingJournal journal;
    private final StreamingPipeline pipeline;
    private final Recording recording;
    private final ReplaySource replay;
    private final boolean live;
    private final List<AutoCloseable> liveInputs = new ArrayList<>();
    private final Map<String, ConnectionState> connectionStates = new ConcurrentHashMap<>();
    private final List<ConnectionState.Listener> connectionListeners = new CopyOnWriteArrayList<>();
    private final List<StaleListener> staleListeners = new CopyOnWriteArrayList<>();
    private final DuplicateFilter duplicates;
    private final AtomicLong duplicatesDropped = new AtomicLong();
    private MqttIngest mqtt;
    private KafkaIngest kafka;
    private final CommandService commands;
    private io.plantwatch.ingest.mqtt.MqttCommandTransport commandTransport;
    private io.plantwatch.command.InterlockRules interlocks;
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
        this(options, clock, null);
    }

    /**
     * Opens the database, restores alarm state, loads the recording, and sets up the command service
     * (docs/commands.md) with this audit trail.
     *
     * @param audit the audit trail every command step goes to; null: the console's own H2 trail ({@link #auditTrail()})
     * @throws StorageException      when the database cannot be opened
     * @throws UncheckedIOException  when the recording cannot be read
     */
    public PlantWatchContext(Options options, Clock clock, io.plantwatch.audit.AuditTrail audit) {
        this.options = options;
        this.live = options.config().connections().mode() == Connections.Mode.LIVE;
        this.db = Database.open(options.dataDir());
        this.alarmJournal = new H2AlarmJournal(db);
        this.deadLetters = new H2DeadLetters(db, clock);
        this.alarms = new AlarmEngine(options.config().tags(), alarmJournal, clock,
                options.config().alarms().maxShelve());
        try {
            this.auditTrail = new io.plantwatch.storage.H2AuditTrail(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        this.operators = new io.plantwatch.storage.H2OperatorStore(db);
        io.plantwatch.security.PasswordHasher hasher = new io.plantwatch.security.PasswordHasher();
        this.login = new io.plantwatch.security.LoginService(operators, auditTrail, hasher, options.config().security(), clock,
                ConsoleHost.name());
        this.operatorAdmin = new io.plantwatch.security.OperatorAdministration(operators, auditTrail, hasher, clock);
        this.alarmHandling = new io.plantwatch.alarm.AlarmHandling(alarms, auditTrail);
        int restored = alarms.restore();
        LOG.info("alarm state restored for {} alarms from {}", restored, options.dataDir());
        if (live) {
            try {
                SegmentJournal segments = SegmentJournal.open(options.dataDir().resolve("journal"),
                        options.config().journal(), clock);
                this.journal = segments;
            } catch (IOException e) {
                db.close();
                throw new UncheckedIOException("the journal in " + options.dataDir().resolve("journal")
                        + " cannot be opened: " + e.getMessage(), e);
            }
            this.duplicates = new DuplicateFilter(DUPLICATE_WINDOW);
            primeDuplicateFilter();
        } else {
            this.journal = new MemoryJournal();
            this.duplicates = null;
        }
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
                options.dataDir().resolve("checkpoints").resolve(live ? "live-window-stats" : "window-stats"),
                live ? io.plantwatch.streaming.CheckpointPolicy.RESUME : io.plantwatch.streaming.CheckpointPolicy.CLEAR,
                (batchId, windows) -> windowListeners.forEach(l -> l.onWindows(batchId, windows)));
        if (live) {
            this.recording = null;
            this.replay = null;
            createLiveInputs(clock);
        } else {
            try {
                this.recording = loadRecording(options);
            } catch (IOException e) {
                db.close();
                throw new UncheckedIOException("recording " + options.recording() + " cannot be read: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            this.replay = new ReplaySource(recording, options.speed(), ReadingSink.of(journal::append, rejected -> {
                readingsRejected.incrementAndGet();
                deadLetters.store(rejected);
            }));
        }
        CommandService service;
        try {
            service = createCommands(clock, audit == null ? auditTrail : audit);
        } catch (RuntimeException e) {
            if (journal instanceof SegmentJournal segments) {
                segments.close();
            }
            db.close();
            throw e;
        }
        this.commands = service;
    }

    /**
     * The command service: in live mode with {@code connections.mqtt}, over its own MQTT connection
     * ({@link io.plantwatch.ingest.mqtt.MqttCommandTransport}); in replay (or Kafka-only) it refuses every
     * command with the reason. Interlock rules listen to the alarm engine when the site enables them (live only).
     */
    private CommandService createCommands(Clock clock, io.plantwatch.audit.AuditTrail audit) {
        io.plantwatch.domain.CommandCatalog catalog = options.config().commands();
        Connections c = options.config().connections();
        String refusal = null;
        if (!live) {
            refusal = CommandService.REPLAY_REFUSAL;
        } else if (c.mqtt() == null) {
            refusal = "commands go out over MQTT; the site configures no connections.mqtt";
        } else {
            commandTransport = new io.plantwatch.ingest.mqtt.MqttCommandTransport(c.mqtt(), catalog.commands().stream()
                    .filter(d -> d.confirmation().stateTopic() != null).map(d -> d.confirmation().stateTopic()).toList(),
                    io.plantwatch.ingest.Secrets.fromEnvironment());
        }
        io.plantwatch.command.ProcessValues values = io.plantwatch.command.ProcessValues.NONE;
        if (live && !catalog.isEmpty()) {
            Map<String, Reading> latest = new ConcurrentHashMap<>();
            journal.addListener((offset, r) -> latest.put(r.tag(), r));
            values = tag -> java.util.Optional.ofNullable(latest.get(tag));
        }
        CommandService service = new CommandService(catalog, commandTransport, refusal, new H2CommandLog(db), audit, values,
                device -> alarms.standing().stream()
                        .filter(t -> io.plantwatch.domain.TagId.device(t.tag()).equals(device)).toList(),
                clock);
        interlocks = new io.plantwatch.command.InterlockRules(options.config().interlocks(), service, hostName());
        if (live && interlocks.enabled()) {
            alarms.addListener(interlocks);
        }
        return service;
    }

    /** This console's host name for the audit trail; {@code localhost} when it cannot be found. */
    static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /**
     * Loads the replay's recording in any format ({@link Recording#load(Path, io.plantwatch.domain.WideCsvMapping,
     * io.plantwatch.ingest.replay.ParquetRecordingReader)}); a Parquet recording starts the Spark session
     * here (the pipeline then shares it), since Spark reads Parquet.
     */
    private static Recording loadRecording(Options options) throws IOException {
        io.plantwatch.domain.WideCsvMapping mapping = options.mapping() == null ? null
                : io.plantwatch.ingest.replay.WideCsvMappings.load(options.mapping());
        return Recording.load(options.recording(), mapping, io.plantwatch.streaming.ParquetRecordings.local(
                options.sparkMaster(), options.streaming(), options.dataDir()));
    }

    /** Readings remembered to recognise a redelivery: covers an MQTT in-flight window or a Kafka poll many times over. */
    static final int DUPLICATE_WINDOW = 1 << 20;

    /** Primes the duplicate filter with the journal's tail, so a redelivery after a crash is recognised. */
    private void primeDuplicateFilter() {
        long end = journal.endOffset();
        long from = Math.max(journal.startOffset(), end - duplicates.capacity());
        journal.read(from, end, (offset, tag, eventTimeMillis, value) -> duplicates.seen(tag, eventTimeMillis, value));
        LOG.info("journal {}: offsets [{}, {}); duplicate filter primed with the last {} readings",
                options.dataDir().resolve("journal"), journal.startOffset(), end, end - from);
    }

    /** Where live inputs deliver: duplicates dropped, readings journalled, rejects kept as dead letters. */
    private final class LiveSink implements ReadingSink {
        @Override
        public void accept(Reading reading) {
            synchronized (duplicates) {
                if (duplicates.seen(reading.tag(), reading.eventTimeMillis(), reading.value())) {
                    duplicatesDropped.incrementAndGet();
                    return;
                }
                journal.append(reading);
            }
        }

        @Override
        public void reject(RejectedReading rejected) {
            readingsRejected.incrementAndGet();
            deadLetters.store(rejected);
        }

        @Override
        public void stale(List<String> tags, long eventTimeMillis, String reason) {
            staleListeners.forEach(l -> l.onStale(tags, eventTimeMillis, reason));
        }
    }

    private void createLiveInputs(Clock clock) {
        Connections c = options.config().connections();
        LiveSink sink = new LiveSink();
        ConnectionState.Listener states = state -> {
            connectionStates.put(state.connection(), state);
            connectionListeners.forEach(l -> l.onState(state));
        };
        if (c.mqtt() != null) {
            mqtt = new MqttIngest(c.mqtt(), sink, states, clock, PayloadLimits.defaults());
            liveInputs.add(mqtt);
        }
        if (c.kafka() != null) {
            kafka = new KafkaIngest(c.kafka(), sink, states, clock, PayloadLimits.defaults());
            liveInputs.add(kafka);
        }
    }

    /** Starts the replay or the live inputs now, and Spark on a background thread. */
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
            } catch (RuntimeException | LinkageError e) {
                // LinkageError: a jar Spark needs is missing (a packaging mistake); without this the
                // replay would wait for Spark forever instead of failing
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
        if (live) {
            if (commandTransport != null) {
                commandTransport.start();
            }
            if (mqtt != null) {
                mqtt.start();
            }
            if (kafka != null) {
                kafka.start();
            }
        } else {
            replay.start();
        }
    }

    /** Receives stale marks from live inputs (a Sparkplug NDEATH/DDEATH); on the ingest thread, must not block. */
    @FunctionalInterface
    public interface StaleListener {
        /** @see ReadingSink#stale */
        void onStale(List<String> tags, long eventTimeMillis, String reason);
    }

    /** Adds a listener for connection state changes of the live inputs (their threads; must not block). */
    public void addConnectionListener(ConnectionState.Listener listener) {
        connectionListeners.add(listener);
        connectionStates.values().forEach(listener::onState);
    }

    /** Adds a listener for stale marks (ingest thread; must not block). */
    public void addStaleListener(StaleListener listener) {
        staleListeners.add(listener);
    }

    /** True in live mode (brokers → durable journal), false when replaying a recording. */
    public boolean live() {
        return live;
    }

    /** The latest state of each live connection, by connection name. */
    public Map<String, ConnectionState> connectionStates() {
        return Map.copyOf(connectionStates);
    }

    /** The journal the inputs append to (durable in live mode). */
    public ReadingJournal journal() {
        return journal;
    }

    /** Redelivered readings recognised and not journalled again (live mode). */
    public long duplicatesDropped() {
        return duplicatesDropped.get();
    }

    /** The MQTT ingest in live mode, if configured. */
    public java.util.Optional<MqttIngest> mqtt() {
        return java.util.Optional.ofNullable(mqtt);
    }

    /** The Kafka ingest in live mode, if configured. */
    public java.util.Optional<KafkaIngest> kafka() {
        return java.util.Optional.ofNullable(kafka);
    }

    /** Adds a listener for readings as they enter the journal (ingest thread; must not block). */
    public void addReadingListener(ReadingJournal.AppendListener listener) {
        journal.addListener(listener);
    }

    /** Adds a listener for closed windows (Spark's thread; must not block). */
    public void addWindowListener(WindowSink listener) {
        windowListeners.add(listener);
    }

    /**
     * The command service (docs/commands.md): arm, execute, cancel, free-form publish, listeners. In replay
     * mode it refuses every command with {@link CommandService#REPLAY_REFUSAL}.
     */
    public CommandService commands() {
        return commands;
    }

    /** The interlock rules (acting only in live mode, when the site enables them). */
    public io.plantwatch.command.InterlockRules interlocks() {
        return interlocks;
    }

    /** The alarm engine. */
    public AlarmEngine alarms() {
        return alarms;
    }

    /** The tamper-evident audit trail (H2, hash-chained). */
    public io.plantwatch.storage.H2AuditTrail auditTrail() {
        return auditTrail;
    }

    /** The operator accounts. */
    public io.plantwatch.storage.H2OperatorStore operators() {
        return operators;
    }

    /** Logins, logouts, lock and unlock of this console (audited). */
    public io.plantwatch.security.LoginService login() {
        return login;
    }

    /** Operator administration (audited, engineers only). */
    public io.plantwatch.security.OperatorAdministration operatorAdmin() {
        return operatorAdmin;
    }

    /** The operator's alarm actions with role checks and audit rows; use this, not {@link #alarms()}, for people. */
    public io.plantwatch.alarm.AlarmHandling alarmHandling() {
        return alarmHandling;
    }

    /** The alarm journal. */
    public H2AlarmJournal alarmJournal() {
        return alarmJournal;
    }

    /** The dead-letter store. */
    public H2DeadLetters deadLetters() {
        return deadLetters;
    }

    /**
     * The replay source.
     *
     * @throws IllegalStateException in live mode
     */
    public ReplaySource replay() {
        if (replay == null) {
            throw new IllegalStateException("the console is live; there is no replay");
        }
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

    /** Stops inputs, query and Spark session, journal and database, in that order. */
    @Override
    public void close() {
        closing = true;
        alarmTimer.shutdownNow();
        interlocks.close();
        commands.close();
        if (commandTransport != null) {
            commandTransport.close();
        }
        if (replay != null) {
            replay.close();
        }
        for (AutoCloseable input : liveInputs) {
            try {
                input.close();
            } catch (Exception e) {
                LOG.warn("live input did not close cleanly", e);
            }
        }
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
        if (journal instanceof SegmentJournal segments) {
            try {
                segments.close();
            } catch (RuntimeException e) {
                LOG.warn("journal did not close cleanly", e);
            }
        }
        db.close();
    }
}
