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
import java.nio.file.Files;
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
 *       cleared on start (a replay starts from its first reading). Its alarm transitions and dead
 *       letters go to a database of its own, {@code <data dir>/replay/}, emptied at every start
 *       (ADR 0008): a replay never touches the live alarm journal, and there is no command
 *       transport ({@link #live()} is false). {@link #seek} restarts it at another event time;
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
    /** Replay mode: the replay's own database ({@code <data dir>/replay/}); null when live. */
    private final Database replayDb;
    // replaced by a seek (replay mode), hence volatile
    private volatile io.plantwatch.alarm.AlarmHandling alarmHandling;
    private volatile AlarmEngine alarms;
    private volatile ReadingJournal journal;
    private volatile StreamingPipeline pipeline;
    private final Recording recording;
    private volatile ReplaySource replay;
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
    // ---- replay seek (ADR 0008): listeners survive the replacement of journal, engine and pipeline ----
    private final Clock clock;
    private final List<ReadingJournal.AppendListener> readingListeners = new CopyOnWriteArrayList<>();
    private final List<io.plantwatch.alarm.AlarmListener> alarmListeners = new CopyOnWriteArrayList<>();
    private final List<SeekListener> seekListeners = new CopyOnWriteArrayList<>();
    private volatile io.plantwatch.streaming.detect.AnomalyDetection detection;
    /** Journal offsets below this are a seek's warm-up: journalled for Spark, not shown nor alarmed again. */
    private volatile long visibleFromOffset;
    /** Windows ending at or before this event time are a seek's warm-up (not shown); MIN_VALUE without a seek. */
    private volatile long visibleFromEventTime = Long.MIN_VALUE;
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
        this(options, clock, (io.plantwatch.audit.AuditTrail) null);
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
        this(options, clock, audit, null);
    }

    /**
     * As {@link #PlantWatchContext(Options, Clock)}, with the replay's recording already in memory
     * ({@code bench seek}: a generated day of 17M readings, which parsing the CSV would hold twice).
     *
     * @param preloaded the recording to replay instead of loading {@code options.recording()}; null to load it
     */
    PlantWatchContext(Options options, Clock clock, Recording preloaded) {
        this(options, clock, null, preloaded);
    }

    private PlantWatchContext(Options options, Clock clock, io.plantwatch.audit.AuditTrail audit, Recording preloaded) {
        this.options = options;
        this.live = options.config().connections().mode() == Connections.Mode.LIVE;
        this.db = Database.open(options.dataDir());
        this.replayDb = live ? null : openReplayDatabase(options.dataDir(), db);
        Database results = live ? db : replayDb;
        this.alarmJournal = new H2AlarmJournal(results);
        this.deadLetters = new H2DeadLetters(results, clock);
        this.clock = clock;
        try {
            this.auditTrail = new io.plantwatch.storage.H2AuditTrail(db);
        } catch (RuntimeException e) {
            closeDatabases();
            throw e;
        }
        this.operators = new io.plantwatch.storage.H2OperatorStore(db);
        io.plantwatch.security.PasswordHasher hasher = new io.plantwatch.security.PasswordHasher();
        this.login = new io.plantwatch.security.LoginService(operators, auditTrail, hasher, options.config().security(), clock,
                ConsoleHost.name());
        this.operatorAdmin = new io.plantwatch.security.OperatorAdministration(operators, auditTrail, hasher, clock);
        this.alarms = newAlarmEngine();
        listen(alarms);
        this.alarmHandling = new io.plantwatch.alarm.AlarmHandling(alarms, auditTrail);
        int restored = alarms.restore();
        LOG.info("alarm state restored for {} alarms from {}", restored, options.dataDir());
        if (live) {
            try {
                SegmentJournal segments = SegmentJournal.open(options.dataDir().resolve("journal"),
                        options.config().journal(), clock);
                this.journal = segments;
            } catch (IOException e) {
                closeDatabases();
                throw new UncheckedIOException("the journal in " + options.dataDir().resolve("journal")
                        + " cannot be opened: " + e.getMessage(), e);
            }
            this.duplicates = new DuplicateFilter(DUPLICATE_WINDOW);
            primeDuplicateFilter();
        } else {
            this.journal = new MemoryJournal();
            this.duplicates = null;
        }
        attach(journal);
        // anomaly detectors on Spark's closed windows; their alarms go to the same engine (ADR 0005)
        this.detection = newDetection();
        this.pipeline = newPipeline(journal);
        if (live) {
            this.recording = null;
            this.replay = null;
            createLiveInputs(clock);
        } else {
            try {
                this.recording = preloaded != null ? preloaded : loadRecording(options);
            } catch (IOException e) {
                closeDatabases();
                throw new UncheckedIOException("recording " + options.recording() + " cannot be read: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                closeDatabases();
                throw e;
            }
            this.replay = new ReplaySource(recording, options.speed(), replaySink(journal));
        }
        CommandService service;
        try {
            service = createCommands(clock, audit == null ? auditTrail : audit);
        } catch (RuntimeException e) {
            if (journal instanceof SegmentJournal segments) {
                segments.close();
            }
            closeDatabases();
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
        java.util.Set<String> processTags = catalog.commands().stream().map(io.plantwatch.domain.CommandDefinition::processTag)
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet());
        if (live && !processTags.isEmpty()) {
            // on the ingest path: remember only the tags a confirmation shows
            Map<String, Reading> latest = new ConcurrentHashMap<>();
            journal.addListener((offset, r) -> {
                if (processTags.contains(r.tag())) {
                    latest.put(r.tag(), r);
                }
            });
            values = tag -> java.util.Optional.ofNullable(latest.get(tag));
        }
        CommandService service = new CommandService(catalog, commandTransport, refusal, new H2CommandLog(db), audit, values,
                device -> alarms.standing().stream()
                        .filter(t -> io.plantwatch.domain.TagId.device(t.tag()).equals(device)).toList(),
                clock);
        interlocks = new io.plantwatch.command.InterlockRules(options.config().interlocks(), service, ConsoleHost.name());
        if (live && interlocks.enabled()) {
            addAlarmListener(interlocks);
        }
        return service;
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

    /**
     * True in live mode (brokers → durable journal), false when replaying a recording. This is the
     * switch for everything that acts on the plant: a command transport (MQTT publish to devices) is
     * wired only when it is true; a replay never sends commands (ADR 0008).
     */
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

    /**
     * Adds a listener for readings as they enter the journal (ingest thread; must not block). After a
     * {@link #seek} it hears the readings from the seek point on (not the warm-up before it).
     */
    public void addReadingListener(ReadingJournal.AppendListener listener) {
        readingListeners.add(listener);
    }

    /**
     * Adds a listener for alarm transitions (the alarm engine's caller thread; must not block). Use
     * this rather than {@code alarms().addListener}: a {@link #seek} replaces the engine, and the
     * listener stays registered. Transitions of a seek's silent rebuild are not heard.
     */
    public void addAlarmListener(io.plantwatch.alarm.AlarmListener listener) {
        alarmListeners.add(listener);
    }

    /**
     * Adds a listener for closed windows (Spark's thread; must not block). After a {@link #seek} it
     * hears the windows that end after the seek point (not the warm-up's).
     */
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
        closeDatabases();
    }

    private void closeDatabases() {
        if (replayDb != null) {
            replayDb.close();
        }
        db.close();
    }

    // ---------------------------------------------------------------------------------------------
    // Replay isolation and seek (issue #6, ADR 0008)
    // ---------------------------------------------------------------------------------------------

    /**
     * Opens the replay's own database in {@code <data dir>/replay/}, deleting the previous run's first:
     * a replay's alarm transitions and dead letters are results of that run only, never mixed with the
     * live alarm journal ({@code <data dir>/plantwatch.mv.db}).
     */
    private static Database openReplayDatabase(Path dataDir, Database main) {
        Path dir = dataDir.resolve("replay");
        try {
            java.nio.file.Files.deleteIfExists(dir.resolve("plantwatch.mv.db"));
            java.nio.file.Files.deleteIfExists(dir.resolve("plantwatch.trace.db"));
            return Database.open(dir);
        } catch (IOException | RuntimeException e) {
            main.close();
            throw new StorageException("the replay database in " + dir + " cannot be reset: " + e.getMessage()
                    + " (is another console replaying with this data directory?)", e);
        }
    }

    private AlarmEngine newAlarmEngine() {
        return newAlarmEngine(alarmJournal);
    }

    private AlarmEngine newAlarmEngine(io.plantwatch.alarm.AlarmJournalStore store) {
        return new AlarmEngine(options.config().tags(), store, clock, options.config().alarms().maxShelve());
    }

    /**
     * The replay alarm journal behind a seek's rebuilt engine: buffers the silent rebuild's transitions
     * (written in one transaction by {@link #flush}), then writes through.
     */
    private final class RebuildStore implements io.plantwatch.alarm.AlarmJournalStore {
        private List<io.plantwatch.domain.AlarmTransition> buffer = new ArrayList<>();

        @Override
        public void record(io.plantwatch.domain.AlarmTransition transition) {
            if (buffer != null) {
                buffer.add(transition);
            } else {
                alarmJournal.record(transition);
            }
        }

        @Override
        public List<io.plantwatch.domain.AlarmTransition> latestPerAlarm() {
            return alarmJournal.latestPerAlarm();
        }

        void flush() {
            alarmJournal.recordAll(buffer);
            buffer = null;
        }
    }

    private io.plantwatch.streaming.detect.AnomalyDetection newDetection() {
        return new io.plantwatch.streaming.detect.AnomalyDetection(options.config().tags(), options.config().detectors(),
                options.streaming().window().toMillis(), e -> alarms.onAnomaly(e));
    }

    /** The window query on a journal: anomaly detection hears every window, the listeners those after a seek point. */
    /**
     * Replay checkpoints: one directory per query run ({@code checkpoints/window-stats/run-N}), since a
     * seek starts a new query while the old one's state store may still be finishing files in its own
     * directory (Spark 4.2 refuses a batch 0 whose state directory is not empty:
     * STATE_STORE_CHECKPOINT_LOCATION_NOT_EMPTY). The runs of earlier consoles are deleted at the first.
     */
    private final java.util.concurrent.atomic.AtomicInteger replayRuns = new java.util.concurrent.atomic.AtomicInteger();

    private Path replayCheckpoint() {
        Path base = options.dataDir().resolve("checkpoints").resolve("window-stats");
        int run = replayRuns.getAndIncrement();
        if (run == 0 && Files.isDirectory(base)) {
            try (var tree = Files.walk(base)) {
                for (Path p : (Iterable<Path>) tree.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                LOG.warn("old replay checkpoints in {} could not be deleted: {}", base, e.getMessage());
            }
        }
        return base.resolve("run-" + run);
    }

    private StreamingPipeline newPipeline(ReadingJournal j) {
        return new StreamingPipeline(j, options.streaming(),
                live ? options.dataDir().resolve("checkpoints").resolve("live-window-stats") : replayCheckpoint(),
                live ? io.plantwatch.streaming.CheckpointPolicy.RESUME : io.plantwatch.streaming.CheckpointPolicy.CLEAR,
                (batchId, windows) -> {
                    var d = detection;
                    if (d != null && d.active()) {
                        d.onWindows(batchId, windows);
                    }
                    long from = visibleFromEventTime;
                    List<WindowStats> shown = from == Long.MIN_VALUE ? windows
                            : windows.stream().filter(w -> w.windowEndMillis() > from).toList();
                    if (!shown.isEmpty()) {
                        windowListeners.forEach(l -> l.onWindows(batchId, shown));
                    }
                });
    }

    /** Counts, evaluates limit alarms on, and passes on every reading appended to a journal (not a seek's warm-up). */
    private void attach(ReadingJournal j) {
        j.addListener((offset, r) -> {
            readingsIn.incrementAndGet();
            maxEventTime.accumulateAndGet(r.eventTimeMillis(), Math::max);
            if (offset >= visibleFromOffset) {
                alarms.onReading(r);
                for (ReadingJournal.AppendListener l : readingListeners) {
                    l.onAppended(offset, r);
                }
            }
        });
    }

    private void listen(AlarmEngine engine) {
        engine.addListener(t -> {
            for (io.plantwatch.alarm.AlarmListener l : alarmListeners) {
                l.onTransition(t);
            }
        });
    }

    private ReadingSink replaySink(ReadingJournal j) {
        return ReadingSink.of(j::append, rejected -> {
            readingsRejected.incrementAndGet();
            deadLetters.store(rejected);
        });
    }

    /** Hears a completed {@link #seek}, on the seeking thread, before the replay continues. */
    @FunctionalInterface
    public interface SeekListener {
        /**
         * @param targetMillis the event time the replay continues at (the seek target snapped to a reading)
         * @param standing     the latest transition of every alarm not NORMAL at that point
         */
        void onSeek(long targetMillis, List<io.plantwatch.domain.AlarmTransition> standing);
    }

    /** Adds a listener for seeks (the UI resets its alarm table, tiles and trends to the seek point). */
    public void addSeekListener(SeekListener listener) {
        seekListeners.add(listener);
    }

    /**
     * What a seek did.
     *
     * @param targetMillis     the event time the replay continues at (first reading at or after the request)
     * @param targetOffset     that reading's offset in the recording
     * @param warmUpOffset     the first reading replayed unseen before it (the warm-up's start)
     * @param warmUpStartMillis event time of the warm-up's first reading
     * @param alarmRebuildReadings readings evaluated by the silent rebuild of the alarm engine
     */
    public record SeekResult(long targetMillis, int targetOffset, int warmUpOffset, long warmUpStartMillis,
            int alarmRebuildReadings) {
    }

    /**
     * The event time a seek to {@code targetMillis} starts its Spark warm-up at: the start of the
     * window that holds the target, less one more window and the watermark delay (so the first window
     * shown after the seek holds every reading an uninterrupted run would have counted in it, also
     * readings up to the watermark delay out of order); the recording's start when anomaly detection
     * is configured, since its state (the T² baseline, the thermal EWMA) reaches back to the start.
     */
    long warmUpStart(long targetMillis) {
        long window = options.streaming().window().toMillis();
        if (detection != null && detection.active()) {
            return Long.MIN_VALUE;
        }
        return Math.floorDiv(targetMillis, window) * window - window - options.streaming().watermark().toMillis();
    }

    /**
     * Replay mode: continues the replay at an event time, backwards or forwards, with its state
     * rebuilt as an uninterrupted run would have it there (ADR 0008). Blocks for the restart of the
     * Spark query (≈ a second) and the rebuild; call it off the FX thread. Speed and pause carry over.
     *
     * <ol>
     *   <li>The replay stops; the Spark query stops; a new query with a fresh checkpoint starts on the
     *       same session, over a fresh in-memory journal.</li>
     *   <li>The replay's alarm journal is emptied and a fresh alarm engine evaluates every reading of
     *       the recording before the target, silently (no listener hears it), so that the alarm journal
     *       and every alarm's state (acknowledgement, latch, deadband, on-delay timer) are those of an
     *       uninterrupted run at the target. This costs ~50 ns a reading.</li>
     *   <li>Seek listeners hear the alarms standing at the target.</li>
     *   <li>The replay restarts at the warm-up's start ({@link #warmUpStart}): readings before the target
     *       go into the journal at max speed for Spark (windows that end at or before the target are
     *       not passed on, nor are these readings evaluated again or shown); from the target on at the
     *       chosen speed, as usual.</li>
     * </ol>
     * Operator actions on the replay's alarms before the seek are not part of the rebuilt state.
     *
     * @param targetMillis event time to continue at, epoch ms (clamped to the recording)
     * @throws IllegalStateException in live mode, or when Spark is not running
     */
    public synchronized SeekResult seek(long targetMillis) {
        if (live) {
            throw new IllegalStateException("the console is live; only a replay can seek");
        }
        sparkStarted.join();
        ReplaySource old = replay;
        old.closeAndWait(30_000);
        List<Reading> readings = recording.readings();
        int target = recording.indexAtOrAfter(targetMillis);
        long at = target < readings.size() ? readings.get(target).eventTimeMillis() : recording.lastEventTime();
        // 1. new query on a fresh journal and checkpoint, same session
        ReadingJournal fresh = new MemoryJournal();
        long warmStart = warmUpStart(at);
        int warm = warmStart == Long.MIN_VALUE ? 0 : Math.min(target, recording.indexAtOrAfter(warmStart));
        attach(fresh);
        StreamingPipeline next = newPipeline(fresh);
        next.startAfter(pipeline);   // the old query has stopped when this returns: no old window passes the gates below
        detection = newDetection();
        visibleFromOffset = target - warm;
        visibleFromEventTime = at;
        readingsIn.set(0);
        maxEventTime.set(Long.MIN_VALUE);
        pipeline = next;
        journal = fresh;
        // 2. the alarm engine as an uninterrupted run has it at the target, rebuilt silently
        alarmJournal.clear();
        RebuildStore store = new RebuildStore();
        AlarmEngine engine = newAlarmEngine(store);
        for (int i = 0; i < target; i++) {
            engine.onReading(readings.get(i));
        }
        store.flush();
        listen(engine);
        alarms = engine;
        alarmHandling = new io.plantwatch.alarm.AlarmHandling(engine, auditTrail);
        // 3. the UI resets to the target
        List<io.plantwatch.domain.AlarmTransition> standing = engine.standing();
        seekListeners.forEach(l -> l.onSeek(at, standing));
        // 4. warm-up unseen at max speed, then paced from the target
        ReplaySource resumed = new ReplaySource(recording, old.speed(), replaySink(fresh), warm, target);
        if (old.paused()) {
            resumed.pause();
        }
        replay = resumed;
        resumed.start();
        LOG.info("replay seek to {}: offset {} (warm-up from offset {}, {}), alarm engine rebuilt from {} readings",
                java.time.Instant.ofEpochMilli(at), target, warm,
                warm < readings.size() ? java.time.Instant.ofEpochMilli(readings.get(warm).eventTimeMillis()) : "-", target);
        return new SeekResult(at, target, warm, warm < readings.size() ? readings.get(warm).eventTimeMillis() : at, target);
    }
}
