package io.plantwatch.app;

import io.plantwatch.alarm.AlarmActionException;
import io.plantwatch.audit.AuditAction;
import io.plantwatch.audit.AuditEvent;
import io.plantwatch.domain.Principal;
import io.plantwatch.domain.Role;
import io.plantwatch.security.LoginException;
import io.plantwatch.security.LoginService;
import io.plantwatch.security.NotPermittedException;
import io.plantwatch.config.Connections;
import io.plantwatch.config.ConnectionsWriter;
import io.plantwatch.config.SiteConfig;
import io.plantwatch.config.SiteConfigLoader;
import io.plantwatch.domain.AlarmJournalFilter;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.ConnectionTest;
import io.plantwatch.domain.DeadLetter;
import io.plantwatch.domain.KafkaSettings;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.domain.TagId;
import io.plantwatch.ui.ConsoleFeed;
import io.plantwatch.ui.ConsoleServices;
import io.plantwatch.ui.ConsoleViewModel;
import io.plantwatch.ui.MainView;
import io.plantwatch.ui.StatusSnapshot;
import io.plantwatch.ui.UiCadence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import javafx.scene.Parent;

/**
 * One running console: the {@link PlantWatchContext}, the {@link ConsoleFeed} wired to it, the
 * ViewModels and the UI cadence. The desktop app opens one; the TestFX tests open, close and
 * reopen one on the same data directory to check what survives a restart.
 *
 * <p>{@link #open} does I/O (database, recording) and may be called on any thread; {@link #root()}
 * and {@link #startCadence()} must be called on the FX thread.
 */
public final class ConsoleSession implements AutoCloseable {

    /** The running context; replaced by {@link #switchSource} (then the old one is closed first). */
    private volatile PlantWatchContext context;
    private final ConsoleFeed feed = new ConsoleFeed();
    private final ExecutorService actions = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "operator-actions");
        t.setDaemon(true);
        return t;
    });
    /** Alarm journal searches, exports and KPI computations, apart from the operator's actions. */
    private final ExecutorService queries = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-queries");
        t.setDaemon(true);
        return t;
    });
    /** Connection tests: one at a time, apart from queries and operator actions. */
    private final ExecutorService tests = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "connection-tests");
        t.setDaemon(true);
        return t;
    });
    /** Exports of journalled readings: one at a time, apart from queries and operator actions. */
    private final ExecutorService exports = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "reading-export");
        t.setDaemon(true);
        return t;
    });
    private volatile io.plantwatch.ui.ExportJob runningExport;
    /** Replay seeks and comparisons: one at a time, apart from queries and operator actions. */
    private final ExecutorService replayControl = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "replay-control");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean seeking;
    /** The recording's event-time span, computed once per context (the timeline's ends). */
    private volatile long[] replaySpan;
    private volatile PlantWatchContext spanOf;
    private ConsoleViewModel viewModel;
    private volatile io.plantwatch.ui.alarm.Annunciator annunciator = io.plantwatch.ui.alarm.Annunciator.SILENT;
    private UiCadence cadence;
    /** The connections in force; replaced when the operator saves new ones. */
    private volatile Connections connections;
    /** Who is logged in; {@link LoginService#nobody()} when nobody is. Kept across source switches. */
    private volatile Principal principal;
    /** Whether the session is locked (inactivity): actions then act as nobody until unlocked. */
    private volatile boolean locked;

    private ConsoleSession(PlantWatchContext context) {
        this.context = context;
        this.connections = context.config().connections();
        this.principal = context.login().nobody();
        wire(context);
    }

    // ---- who is at the console (issue #5) ----

    /**
     * Who acts at this console now: the logged-in operator's principal, or the viewer
     * {@link LoginService#nobody()} when nobody is logged in or the console is locked. Pass it to
     * every service that checks roles (alarm handling, commands). Cheap; any thread.
     */
    public Principal principal() {
        Principal p = principal;
        return locked ? context.login().nobody() : p;
    }

    /** The operator whose session is locked, or null when the console is not locked. */
    public Principal lockedOperator() {
        return locked ? principal : null;
    }

    /**
     * Logs an operator in (audited). An operator logged in before, or locked, is logged out first
     * (audited, after the new login succeeded). Blocks for the password hashing.
     *
     * @throws LoginException when refused (audited as LOGIN_FAILED)
     */
    public synchronized Principal login(String operator, char[] password) throws LoginException {
        LoginService service = context.login();
        Principal p = service.login(operator, password);
        Principal before = principal;
        if (!LoginService.isNobody(before)) {
            service.logout(before, "OK: " + p.operator() + " logged in at this console");
        }
        principal = p;
        locked = false;
        return p;
    }

    /** Logs the operator out (audited); the console then runs as a viewer. */
    public synchronized void logout() {
        Principal before = principal;
        principal = context.login().nobody();
        locked = false;
        context.login().logout(before, "OK");
    }

    /** Locks the session after inactivity (audited); nothing when nobody is logged in or it is locked already. */
    public synchronized void lock() {
        if (locked || LoginService.isNobody(principal)) {
            return;
        }
        locked = true;
        context.login().lock(principal, "OK: no input for " + io.plantwatch.config.Durations.format(lockAfter()));
    }

    /**
     * Unlocks the session with the locked operator's password (audited).
     *
     * @throws LoginException when refused, or when the console is not locked
     */
    public synchronized Principal unlock(char[] password) throws LoginException {
        if (!locked) {
            throw new LoginException(LoginException.Reason.BAD_CREDENTIALS, "The console is not locked.");
        }
        Principal p = context.login().unlock(principal, password);
        principal = p;
        locked = false;
        return p;
    }

    /** The site's inactivity lock; zero: never. */
    public java.time.Duration lockAfter() {
        return context.config().security().lockAfter();
    }

    /**
     * Creates the first account (an engineer) when there is none, and logs it in (both audited).
     *
     * @throws IllegalStateException    when an account exists
     * @throws IllegalArgumentException when the name or password is not acceptable
     */
    public synchronized Principal createFirstEngineer(String name, char[] password) {
        context.operatorAdmin().createFirst(name, password, context.login().host());
        try {
            return login(name, password);
        } catch (LoginException e) {
            throw new IllegalStateException("the account was created but the login failed: " + e.getMessage(), e);
        }
    }

    /** Audits a configuration change by the logged-in operator, after checking the engineer role. */
    private void configChange(String target, String oldValue, String newValue, Runnable change) {
        Principal who = principal();
        io.plantwatch.storage.H2AuditTrail audit = context.auditTrail();
        if (!who.may(Role.ENGINEER)) {
            audit.append(AuditEvent.of(who, AuditAction.CONFIG_CHANGE, target, oldValue, newValue, "REFUSED: "
                    + NotPermittedException.message(who, "change the configuration", Role.ENGINEER)));
            throw new NotPermittedException(who, "change the configuration", Role.ENGINEER);
        }
        try {
            change.run();
        } catch (RuntimeException e) {
            context.auditTrail().append(AuditEvent.of(who, AuditAction.CONFIG_CHANGE, target, oldValue, newValue,
                    "FAILED: " + e.getMessage()));
            throw e;
        }
        // after a switch the context (and its database) is a new one: append through the current one
        context.auditTrail().append(AuditEvent.of(who, AuditAction.CONFIG_CHANGE, target, oldValue, newValue, "OK"));
    }

    private static String describe(Connections c, SiteConfig.ReplaySettings r) {
        StringBuilder b = new StringBuilder("mode=").append(c.mode().name().toLowerCase(java.util.Locale.ROOT));
        if (c.mqtt() != null) {
            b.append("; mqtt=").append(c.mqtt().serverUri()).append(' ').append(c.mqtt().topicFilters());
        }
        if (c.kafka() != null) {
            b.append("; kafka=").append(c.kafka().bootstrapServers()).append(' ').append(c.kafka().topics());
        }
        if (r != null) {
            b.append("; replay=").append(r.recording()).append(" at ").append(r.speed()).append('x');
        }
        return b.toString();
    }

    private void wire(PlantWatchContext ctx) {
        ctx.addReadingListener((offset, r) -> feed.onReading(r));
        ctx.addWindowListener((batchId, windows) -> feed.onWindows(windows));
        ctx.addAlarmListener(feed::onTransition);
        ctx.addSeekListener(feed::resync);
        ctx.addConnectionListener(feed::onConnectionState);
        ctx.addStaleListener(feed::stale);
        ctx.commands().addListener(new io.plantwatch.command.CommandListener() {
            @Override
            public void onCommand(io.plantwatch.domain.CommandRecord record) {
                feed.onCommand(record);
            }

            @Override
            public void onInterlock(String rule, String alarmId, io.plantwatch.domain.CommandRecord record, String outcome) {
                feed.onInterlock(rule, alarmId, record, outcome);
            }
        });
    }

    /**
     * Opens a console on a site configuration: the recording in replay mode, the brokers in live
     * mode ({@code site.connections().mode()}). Spark and the input start at once.
     *
     * @param recording null for the site file's default (replay mode)
     * @param speed     NaN for the site file's default (replay mode)
     */
    public static ConsoleSession open(SiteConfig site, Path recording, double speed, Path dataDir) {
        ConsoleSession s = new ConsoleSession(newContext(site, recording, speed, dataDir));
        s.context.start();
        return s;
    }

    private static PlantWatchContext newContext(SiteConfig site, Path recording, double speed, Path dataDir) {
        boolean live = site.connections().mode() == Connections.Mode.LIVE;
        Path rec = recording != null ? recording : site.replay().recording();
        if (!live && rec == null) {
            throw new IllegalArgumentException(site.file().getFileName() + ": no recording given; pass --recording or set replay.recording");
        }
        double factor = Double.isNaN(speed) ? site.replay().speed() : speed;
        return new PlantWatchContext(new PlantWatchContext.Options(site, dataDir, rec, factor, "local[*]", site.streaming()),
                Clock.systemUTC());
    }

    /**
     * Switches the input between replay and live (the connections dialog's "Save &amp; switch"):
     * closes the running context (inputs, Spark, journal, database, in that order), then opens and
     * starts one on the new connections. Alarm state carries over through the alarm journal. Blocks
     * for the Spark restart (seconds): call it off the FX thread.
     *
     * @throws IllegalStateException when the new input cannot be opened (the reason in the message);
     *                               the console then reopens the previous source
     */
    public synchronized void switchSource(Connections to, SiteConfig.ReplaySettings replay) {
        PlantWatchContext old = context;
        SiteConfig site = old.config().withConnections(to);
        Path rec = replay == null ? old.options().recording() : replay.recording();
        double speed = replay == null ? old.options().speed() : replay.speed();
        Path dataDir = old.options().dataDir();
        // an export reads the old journal: stop it (it removes what it wrote) before the journal closes
        io.plantwatch.ui.ExportJob export = runningExport;
        if (export != null && !export.outcome().isDone()) {
            export.cancel();
            try {
                export.outcome().handle((r, e) -> null).get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // reported through the job
            }
        }
        old.close();
        old.connectionStates().keySet().forEach(feed::removeConnection);
        PlantWatchContext next;
        try {
            next = newContext(site, rec, speed, dataDir);
        } catch (RuntimeException e) {
            PlantWatchContext back = newContext(old.config(), old.options().recording(), old.options().speed(), dataDir);
            wire(back);
            context = back;
            feed.resync(Long.MIN_VALUE, back.alarms().standing());
            back.start();
            throw new IllegalStateException("could not switch: " + e.getMessage() + "; still on the previous source", e);
        }
        wire(next);
        context = next;
        connections = to;
        // live and replay keep their alarms apart (ADR 0008): the screen restarts from the new source's
        feed.resync(Long.MIN_VALUE, next.alarms().standing());
        next.start();
    }

    /**
     * Opens a console on a site file and recording; Spark and the replay start at once.
     *
     * @param recording null for the site file's default
     * @param speed     NaN for the site file's default
     */
    public static ConsoleSession open(Path config, Path recording, double speed, Path dataDir) {
        return open(new SiteConfigLoader().load(config), recording, speed, dataDir);
    }

    /** Builds the scene graph (FX thread). */
    public Parent root() {
        if (viewModel == null) {
            // headless (tests, servers): never heard; otherwise a synthesised tone that logs once if there is no audio
            annunciator = java.awt.GraphicsEnvironment.isHeadless()
                    ? io.plantwatch.ui.alarm.Annunciator.SILENT : new ToneAnnunciator();
            viewModel = new ConsoleViewModel(feed, services(), actions, queries, annunciator);
        }
        return MainView.load(viewModel);
    }

    /**
     * Starts the 10 Hz refresh (FX thread), after the window is shown: ChartFX read-locks its data
     * sets in the scene's pre-layout pulse and unlocks them in the post-layout pulse, and a scene
     * that is not yet in a showing window can be left holding the lock, which the next trend update
     * would wait for forever.
     */
    public void startCadence() {
        cadence = new UiCadence(viewModel);
        cadence.start();
    }

    /** The running context. */
    public PlantWatchContext context() {
        return context;
    }

    /** The feed between the services and the UI. */
    public ConsoleFeed feed() {
        return feed;
    }

    /** The root ViewModel (after {@link #root()}). */
    public ConsoleViewModel viewModel() {
        return viewModel;
    }

    /** The services the ViewModels use (package-private for tests). */
    ConsoleServices services() {
        // replay: the devices of the recording; live: every configured tag
        Set<String> devices = context.live() ? Set.of() : context.replay().recording().readings().stream()
                .map(r -> TagId.device(r.tag())).collect(Collectors.toSet());
        List<TagDefinition> shown = context.config().tags().stream()
                .filter(t -> devices.isEmpty() || devices.contains(TagId.device(t.tag()))).toList();
        return new ConsoleServices() {
            @Override
            public String siteName() {
                return context.config().site();
            }

            @Override
            public List<TagDefinition> tags() {
                return shown;
            }

            @Override
            public List<AlarmTransition> standingAlarms() {
                return context.alarms().standing();
            }

            @Override
            public void acknowledge(String alarmId, String note) throws AlarmActionException {
                context.alarmHandling().acknowledge(principal(), alarmId, note);
            }

            @Override
            public void shelve(String alarmId, java.time.Duration duration, String reason) throws AlarmActionException {
                context.alarmHandling().shelve(principal(), alarmId, duration, reason);
            }

            @Override
            public void unshelve(String alarmId) throws AlarmActionException {
                context.alarmHandling().unshelve(principal(), alarmId);
            }

            @Override
            public void removeFromService(String alarmId, String reason) throws AlarmActionException {
                context.alarmHandling().removeFromService(principal(), alarmId, reason);
            }

            @Override
            public void returnToService(String alarmId) throws AlarmActionException {
                context.alarmHandling().returnToService(principal(), alarmId);
            }

            @Override
            public void reset(String alarmId) throws AlarmActionException {
                context.alarmHandling().reset(principal(), alarmId);
            }

            @Override
            public Principal principal() {
                return ConsoleSession.this.principal();
            }

            @Override
            public Principal lockedOperator() {
                return ConsoleSession.this.lockedOperator();
            }

            @Override
            public Principal login(String operator, char[] password) throws LoginException {
                return ConsoleSession.this.login(operator, password);
            }

            @Override
            public void logout() {
                ConsoleSession.this.logout();
            }

            @Override
            public void lock() {
                ConsoleSession.this.lock();
            }

            @Override
            public Principal unlock(char[] password) throws LoginException {
                return ConsoleSession.this.unlock(password);
            }

            @Override
            public java.time.Duration lockAfter() {
                return ConsoleSession.this.lockAfter();
            }

            @Override
            public boolean noOperators() {
                return context.operators().isEmpty();
            }

            @Override
            public Principal createFirstEngineer(String name, char[] password) {
                return ConsoleSession.this.createFirstEngineer(name, password);
            }

            @Override
            public io.plantwatch.domain.CommandCatalog commandCatalog() {
                return context.commands().catalog();
            }

            @Override
            public String commandsUnavailable() {
                return context.commands().unavailableReason();
            }

            @Override
            public io.plantwatch.command.ArmedCommand armCommand(String device, String command, String value, String note)
                    throws io.plantwatch.command.CommandRefusedException {
                return context.commands().arm(principal(), device, command, value, note);
            }

            @Override
            public io.plantwatch.domain.CommandRecord executeCommand(String token)
                    throws io.plantwatch.command.CommandRefusedException {
                return context.commands().execute(principal(), token);
            }

            @Override
            public void cancelCommand(String token) throws io.plantwatch.command.CommandRefusedException {
                context.commands().cancel(principal(), token);
            }

            @Override
            public List<io.plantwatch.domain.CommandRecord> recentCommands(int limit) {
                return context.commands().recent(limit);
            }

            @Override
            public io.plantwatch.domain.AlarmOptions options(String alarmId) {
                return context.alarms().limit(alarmId).map(io.plantwatch.domain.LimitSpec::options)
                        .orElse(io.plantwatch.domain.AlarmOptions.DEFAULTS);
            }

            @Override
            public java.time.Duration maxShelve() {
                return context.alarms().maxShelve();
            }

            @Override
            public int annunciatePriority() {
                return context.config().alarms().annunciatePriority();
            }

            @Override
            public StatusSnapshot status() {
                PlantWatchContext ctx = context;
                var p = ctx.pipelineStatus();
                if (ctx.live()) {
                    return new StatusSnapshot(p.state().name(), p.detail(), p.watermarkMillis(), p.windowsEmitted(),
                            ctx.readingsIn(), ctx.readingsRejected(), "", 1, 0, 0, ctx.maxEventTime(), true);
                }
                var r = ctx.replay();
                return new StatusSnapshot(p.state().name(), p.detail(), p.watermarkMillis(), p.windowsEmitted(),
                        ctx.readingsIn(), ctx.readingsRejected(), r.recording().source(), r.speed(), r.emitted(),
                        r.total(), r.currentEventTime());
            }

            @Override
            public List<AlarmTransition> alarmHistory(AlarmJournalFilter filter, int limit) {
                return context.alarmJournal().history(filter, limit);
            }

            @Override
            public List<AlarmTransition> alarmJournal() {
                return context.alarmJournal().all();
            }

            @Override
            public long eventTimeMillis() {
                return context.maxEventTime();
            }

            @Override
            public Path siteFile() {
                return context.config().file();
            }

            @Override
            public Connections connections() {
                return connections;
            }

            @Override
            public SiteConfig.ReplaySettings replaySettings() {
                return new SiteConfig.ReplaySettings(context.options().recording(), context.options().speed());
            }

            @Override
            public CompletableFuture<ConnectionTest> testMqtt(MqttSettings settings) {
                return CompletableFuture.supplyAsync(() -> {
                    var t = io.plantwatch.ingest.mqtt.MqttIngest.testConnection(settings, java.time.Duration.ofSeconds(10));
                    return t.ok() ? ConnectionTest.ok(t.roundTripMillis()) : ConnectionTest.failed(t.reason());
                }, tests);
            }

            @Override
            public CompletableFuture<ConnectionTest> testKafka(KafkaSettings settings) {
                return CompletableFuture.supplyAsync(() -> {
                    var t = io.plantwatch.ingest.kafka.KafkaIngest.testConnection(settings, java.time.Duration.ofSeconds(10));
                    return t.ok() ? ConnectionTest.ok(t.roundTripMillis()) : ConnectionTest.failed(t.reason());
                }, tests);
            }

            @Override
            public void saveConnections(Connections saved, SiteConfig.ReplaySettings replay) {
                Path file = context.config().file();
                configChange(file.toString(), describe(connections, replaySettings()), describe(saved, replay), () -> {
                    try {
                        ConnectionsWriter.write(file, saved, replay);
                    } catch (IOException e) {
                        throw new UncheckedIOException(file + " could not be written: " + e.getMessage(), e);
                    }
                });
                connections = saved;
            }

            @Override
            public void switchSource(Connections to, SiteConfig.ReplaySettings replay) {
                configChange("source", describe(connections, replaySettings()), describe(to, replay),
                        () -> ConsoleSession.this.switchSource(to, replay));
            }

            @Override
            public Map<String, Long> rejectedByReason() {
                return context.deadLetters().countsByReason();
            }

            @Override
            public List<DeadLetter> recentRejected(int limit) {
                return context.deadLetters().recent(limit);
            }

            @Override
            public io.plantwatch.ui.ExportJob exportReadings(io.plantwatch.domain.ExportRequest request) {
                return ConsoleSession.this.exportReadings(request);
            }

            @Override
            public RecordingInfo inspectRecording(Path file) {
                return RecordingInspector.inspect(file, shown.isEmpty() ? "D-1" : TagId.device(shown.get(0).tag()));
            }

            @Override
            public io.plantwatch.domain.CsvPreview previewCsv(Path file, char delimiter,
                    io.plantwatch.domain.WideCsvMapping mapping, int rows) {
                try {
                    return io.plantwatch.ingest.replay.WideCsvMappings.preview(file, delimiter, mapping, rows);
                } catch (IOException e) {
                    throw new UncheckedIOException(file + " cannot be read: " + e.getMessage(), e);
                }
            }

            @Override
            public Path saveMapping(Path csv, io.plantwatch.domain.WideCsvMapping mapping) {
                return RecordingInspector.saveMapping(csv, mapping);
            }

            @Override
            public ReplayState replayState() {
                return ConsoleSession.this.replayState();
            }

            @Override
            public void replaySpeed(double factor) {
                replayOf(context).speed(factor);
            }

            @Override
            public void replayPaused(boolean paused) {
                var r = replayOf(context);
                if (paused) {
                    r.pause();
                } else {
                    r.resume();
                }
            }

            @Override
            public CompletableFuture<Long> seekReplay(long eventTimeMillis) {
                return CompletableFuture.supplyAsync(() -> ConsoleSession.this.seek(eventTimeMillis), replayControl);
            }

            @Override
            public CompletableFuture<io.plantwatch.domain.ReplayComparison> compareReplays(
                    io.plantwatch.domain.ReplayComparison.Request request) {
                Path site = context.config().file();
                Path work = context.options().dataDir().resolve("compare");
                return CompletableFuture.supplyAsync(() -> {
                    try {
                        return ReplayComparer.compare(request, site, work, java.time.Duration.ofMinutes(10),
                                m -> org.slf4j.LoggerFactory.getLogger(ConsoleSession.class).info("compare: {}", m));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e.getMessage(), e);
                    }
                }, replayControl);
            }
        };
    }

    private static io.plantwatch.ingest.replay.ReplaySource replayOf(PlantWatchContext ctx) {
        if (ctx.live()) {
            throw new IllegalStateException("the console is live; there is no replay to control");
        }
        return ctx.replay();
    }

    /** The replay's state for the toolbar (cheap: the event-time span is computed once per context). */
    ConsoleServices.ReplayState replayState() {
        PlantWatchContext ctx = context;
        if (ctx.live()) {
            return null;
        }
        var r = ctx.replay();
        if (spanOf != ctx) {
            replaySpan = r.recording().eventTimeSpan();
            spanOf = ctx;
        }
        long[] span = replaySpan;
        return new ConsoleServices.ReplayState(r.recording().source(), span[0], span[1], r.currentEventTime(), r.emitted(),
                r.total(), r.speed(), r.paused(), seeking, r.done().isDone());
    }

    /**
     * Seeks the running replay (see {@link PlantWatchContext#seek}); serialised with {@link #switchSource}.
     *
     * @return the event time the replay continues at
     */
    synchronized long seek(long eventTimeMillis) {
        seeking = true;
        try {
            return context.seek(eventTimeMillis).targetMillis();
        } finally {
            seeking = false;
        }
    }

    /**
     * Starts an export of the running context's journal on the export thread (see
     * {@link ConsoleServices#exportReadings}). Parquet uses the console's Spark session.
     *
     * @throws IllegalStateException when an export runs, or Spark is not running and Parquet was asked for
     */
    synchronized io.plantwatch.ui.ExportJob exportReadings(io.plantwatch.domain.ExportRequest request) {
        if (runningExport != null && !runningExport.outcome().isDone()) {
            throw new IllegalStateException("an export is already running; wait for it or cancel it");
        }
        PlantWatchContext ctx = context;
        boolean parquet = request.format() == io.plantwatch.domain.ExportRequest.Format.PARQUET;
        if (parquet && (!ctx.sparkStarted().isDone() || ctx.sparkStarted().isCompletedExceptionally())) {
            throw new IllegalStateException("Spark is not running (yet), and Parquet is written with Spark; "
                    + "wait for it, or export CSV");
        }
        io.plantwatch.ui.ExportJob job = new io.plantwatch.ui.ExportJob();
        io.plantwatch.streaming.JournalExport.Progress progress = new io.plantwatch.streaming.JournalExport.Progress() {
            @Override
            public void update(long done, long total) {
                job.progress(done, total);
            }

            @Override
            public boolean cancelled() {
                return job.cancelRequested();
            }
        };
        runningExport = job;
        exports.execute(() -> {
            try {
                var o = ctx.options();
                var r = parquet
                        ? io.plantwatch.streaming.JournalExport.toParquet(o.sparkMaster(), o.streaming(), o.dataDir(), false,
                                ctx.journal(), request, progress)
                        : io.plantwatch.streaming.JournalExport.toCsv(ctx.journal(), request, progress);
                job.outcome().complete(r.cancelled()
                        ? "Export cancelled; nothing was left at " + r.target()
                        : String.format("Exported %,d readings to %s", r.exported(), r.target()));
            } catch (IOException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ConsoleSession.class).error("export to {} failed", request.target(), e);
                job.outcome().completeExceptionally(e);
            }
        });
        return job;
    }

    /** Stops the cadence, logs the operator out (audited), then stops the services (replay, Spark, database). */
    @Override
    public void close() {
        io.plantwatch.ui.ExportJob export = runningExport;
        if (export != null) {
            export.cancel();
        }
        exports.shutdown();
        try {
            exports.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (cadence != null) {
            cadence.stop();
        }
        annunciator.silence();
        actions.shutdown();
        queries.shutdown();
        replayControl.shutdownNow();
        tests.shutdownNow();
        if (!LoginService.isNobody(principal)) {
            try {
                context.login().logout(principal, "OK: console closed");
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ConsoleSession.class).error("logout at close was not recorded", e);
            }
        }
        context.close();
    }
}
