package io.plantwatch.ui;

import io.plantwatch.alarm.AlarmActionException;
import io.plantwatch.config.Connections;
import io.plantwatch.config.SiteConfig;
import io.plantwatch.domain.AlarmJournalFilter;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.ConnectionTest;
import io.plantwatch.domain.DeadLetter;
import io.plantwatch.domain.KafkaSettings;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.TagDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the console's ViewModels need from the running services; implemented in {@code app} over
 * the application context. Methods may block briefly (database, site file) and are called off the
 * FX thread except {@link #siteName()}, {@link #tags()}, {@link #status()}, {@link #connections()},
 * {@link #replaySettings()}, {@link #siteFile()}, {@link #replayState()}, {@link #principal()},
 * {@link #lockedOperator()} and {@link #lockAfter()}, which must be cheap. Actions are taken as the
 * session's logged-in operator ({@link #principal()}); the implementation checks the role, not the screens.
 */
public interface ConsoleServices {

    /** The site's display name. */
    String siteName();

    /** The tags the overview shows, in display order. */
    List<TagDefinition> tags();

    /** The latest transition of every alarm that is not NORMAL (for the table at start-up). */
    List<AlarmTransition> standingAlarms();

    /**
     * Acknowledges an alarm as the logged-in operator ({@link #principal()}); the resulting
     * transition arrives through the {@link ConsoleFeed}. Every alarm action below needs the
     * operator role, is checked by the service (not only by the screen) and is in the audit trail,
     * refusals included.
     *
     * @throws AlarmActionException when the alarm model refuses it (reason in the message)
     * @throws io.plantwatch.security.NotPermittedException when nobody, a viewer, or a locked console asks
     */
    void acknowledge(String alarmId, String note) throws AlarmActionException;

    /**
     * Shelves an alarm for a time, at most {@link #maxShelve()}, as the logged-in operator.
     *
     * @throws AlarmActionException when refused (reason in the message)
     * @throws io.plantwatch.security.NotPermittedException as {@link #acknowledge}
     */
    void shelve(String alarmId, java.time.Duration duration, String reason) throws AlarmActionException;

    /** Ends shelving. @throws AlarmActionException when the alarm is not shelved; NotPermittedException as {@link #acknowledge} */
    void unshelve(String alarmId) throws AlarmActionException;

    /** Removes an alarm from service. @throws AlarmActionException when refused; NotPermittedException as {@link #acknowledge} */
    void removeFromService(String alarmId, String reason) throws AlarmActionException;

    /** Returns an alarm to service. @throws AlarmActionException when it is in service; NotPermittedException as {@link #acknowledge} */
    void returnToService(String alarmId) throws AlarmActionException;

    /**
     * Resets a latched alarm. @throws AlarmActionException when it cannot be reset (reason in the
     * message); NotPermittedException as {@link #acknowledge}
     */
    void reset(String alarmId) throws AlarmActionException;

    // ---- who is at the console (issue #5): login, logout, inactivity lock ----

    /**
     * Who acts at this console now: the logged-in operator, or a viewer named
     * {@link io.plantwatch.security.LoginService#NOBODY} when nobody is logged in or the console is
     * locked. Cheap (FX thread).
     */
    default io.plantwatch.domain.Principal principal() {
        return new io.plantwatch.domain.Principal(io.plantwatch.security.LoginService.NOBODY,
                io.plantwatch.domain.Role.VIEWER, "localhost");
    }

    /** The operator whose session is locked (for the lock screen), or null when the console is not locked. Cheap. */
    default io.plantwatch.domain.Principal lockedOperator() {
        return null;
    }

    /**
     * Logs an operator in (audited; blocks for the password hashing: call off the FX thread). An
     * operator logged in before is logged out (audited), also from the lock screen.
     *
     * @throws io.plantwatch.security.LoginException when refused; the message is for the operator
     */
    default io.plantwatch.domain.Principal login(String operator, char[] password)
            throws io.plantwatch.security.LoginException {
        throw new IllegalStateException("logging in is not available in this console");
    }

    /** Logs the operator out (audited); the console runs as a viewer. Call off the FX thread. */
    default void logout() {
    }

    /** Locks the console after inactivity (audited): actions are refused until {@link #unlock}. Call off the FX thread. */
    default void lock() {
    }

    /**
     * Unlocks the console with the locked operator's password (audited). Call off the FX thread.
     *
     * @throws io.plantwatch.security.LoginException when refused
     */
    default io.plantwatch.domain.Principal unlock(char[] password) throws io.plantwatch.security.LoginException {
        throw new IllegalStateException("logging in is not available in this console");
    }

    /** The console locks after this long without input; zero: never. Cheap. */
    default java.time.Duration lockAfter() {
        return java.time.Duration.ZERO;
    }

    /** Whether no operator account exists yet (first start; database: call off the FX thread). */
    default boolean noOperators() {
        return false;
    }

    /**
     * Creates the first account, an engineer, and logs it in (audited). Call off the FX thread.
     *
     * @throws IllegalStateException    when an account exists already
     * @throws IllegalArgumentException when the name is not valid or the password too short (message for the operator)
     */
    default io.plantwatch.domain.Principal createFirstEngineer(String name, char[] password) {
        throw new IllegalStateException("logging in is not available in this console");
    }

    // ---- operator commands to devices (issue #5, docs/commands.md) ----

    /** The site's command catalog: what the commands panel and the alarm menu offer. Cheap. Default: none. */
    default io.plantwatch.domain.CommandCatalog commandCatalog() {
        return io.plantwatch.domain.CommandCatalog.EMPTY;
    }

    /**
     * Why no command can be sent now (replay mode, no MQTT connection, the command connection down), or
     * null when commands can be sent. Cheap (read at the UI cadence).
     */
    default String commandsUnavailable() {
        return "commands are not available in this console";
    }

    /**
     * Selects a catalog command as the logged-in operator (select-before-operate): the service checks role,
     * note, value and that nothing of the same device/command is in flight, and audits the arm. Call off the
     * FX thread (audit trail).
     *
     * @param value the requested value as text, null or blank for a command without one
     * @return what the confirmation dialog shows, with the one-time token and its expiry
     * @throws io.plantwatch.command.CommandRefusedException with the reason for the operator
     */
    default io.plantwatch.command.ArmedCommand armCommand(String device, String command, String value, String note)
            throws io.plantwatch.command.CommandRefusedException {
        throw new io.plantwatch.command.CommandRefusedException(commandsUnavailable());
    }

    /**
     * Executes an armed command (the confirmation's Execute) as the logged-in operator; the lifecycle
     * (QUEUED, SENT, final status) arrives through {@link ConsoleFeed#drainCommands()}. Off the FX thread.
     *
     * @return the QUEUED record
     * @throws io.plantwatch.command.CommandRefusedException when refused (a second click, the arm expired,
     *                                                       in flight, role, connection down), with the reason
     */
    default io.plantwatch.domain.CommandRecord executeCommand(String token)
            throws io.plantwatch.command.CommandRefusedException {
        throw new io.plantwatch.command.CommandRefusedException(commandsUnavailable());
    }

    /**
     * Withdraws an armed command (the confirmation's Cancel). Off the FX thread.
     *
     * @throws io.plantwatch.command.CommandRefusedException when the token is unknown, used or lapsed
     */
    default void cancelCommand(String token) throws io.plantwatch.command.CommandRefusedException {
        throw new io.plantwatch.command.CommandRefusedException(commandsUnavailable());
    }

    /** The most recent commands from the command log, newest first (database; off the FX thread). Default: none. */
    default List<io.plantwatch.domain.CommandRecord> recentCommands(int limit) {
        return List.of();
    }

    /** An alarm's handling options (note required, shelving allowed, rationale); defaults for unknown ids. */
    io.plantwatch.domain.AlarmOptions options(String alarmId);

    /** The longest shelving the site allows. */
    java.time.Duration maxShelve();

    /** A cheap status sample. */
    StatusSnapshot status();

    /** New unacknowledged alarms of this priority or more urgent sound (1–4); 0, the default, never sounds. */
    default int annunciatePriority() {
        return 0;
    }

    /**
     * Searches the alarm journal (database; call off the FX thread).
     *
     * @param filter the criteria
     * @param limit  most transitions returned, at least 1
     * @return matching transitions, newest event time first
     */
    List<AlarmTransition> alarmHistory(AlarmJournalFilter filter, int limit);

    /** The whole alarm journal in recording order, for the KPIs (database; call off the FX thread). */
    List<AlarmTransition> alarmJournal();

    /**
     * The console's event-time clock: the largest event time seen so far, epoch ms
     * ({@link Long#MIN_VALUE} before the first reading). Cheap.
     */
    long eventTimeMillis();

    // ---- live ingestion: connections, source switching, rejected input (issue #3) ----

    /** The site file the connections are saved to (absolute); shown in the Connections dialog. Cheap. */
    Path siteFile();

    /** The connections in force: mode (live or replay) and the MQTT / Kafka settings. Cheap. */
    Connections connections();

    /** The recording replayed in replay mode, and its speed ({@code replay:} of the site file). Cheap. */
    SiteConfig.ReplaySettings replaySettings();

    /**
     * Tests an MQTT connection with these settings, apart from the running one: connects (with a
     * fresh, clean session so that no persistent session is disturbed), subscribes to the topic
     * filters and disconnects. Must return at once; the test runs on the services' own threads and
     * the future completes with the outcome. A failure to connect is an outcome
     * ({@link ConnectionTest#failed}), not an exceptional completion; an exceptional completion means
     * the test could not be run at all (its message is shown).
     */
    CompletableFuture<ConnectionTest> testMqtt(MqttSettings settings);

    /**
     * Tests a Kafka connection with these settings: reaches the bootstrap servers and reads the
     * topics' metadata, without joining the consumer group. Same contract as {@link #testMqtt}.
     */
    CompletableFuture<ConnectionTest> testKafka(KafkaSettings settings);

    /**
     * Writes the connections (and the replay recording and speed) to the site file, keeping every
     * other line and comment; the previous file is kept as {@code <file>.bak}. Secrets are written
     * only as their references. Blocks briefly (file I/O); call off the FX thread. Does not change
     * the running source (see {@link #switchSource}). A configuration change: needs the engineer
     * role and is in the audit trail.
     *
     * @throws java.io.UncheckedIOException when the file cannot be written (reason in the message)
     * @throws io.plantwatch.security.NotPermittedException when the logged-in operator is not an engineer
     */
    void saveConnections(Connections connections, SiteConfig.ReplaySettings replay);

    /**
     * Switches the running source to what {@code connections.mode()} says: live (the MQTT / Kafka
     * connections given) or replay (the recording given). Readings already in the journal stay;
     * connection states arrive through {@link ConsoleFeed#onConnectionState}. May block for a while
     * (stopping a replay, closing connections); call off the FX thread. A configuration change: needs
     * the engineer role and is in the audit trail.
     *
     * @throws IllegalStateException when the switch cannot be made (reason in the message)
     * @throws io.plantwatch.security.NotPermittedException when the logged-in operator is not an engineer
     */
    void switchSource(Connections connections, SiteConfig.ReplaySettings replay);

    /**
     * Rejected input in the dead-letter table, counted per reason, most frequent first (database;
     * call off the FX thread).
     */
    Map<String, Long> rejectedByReason();

    /**
     * The most recently rejected inputs, newest first (database; call off the FX thread).
     *
     * @param limit most rows, at least 1
     */
    List<DeadLetter> recentRejected(int limit);

    // ---- recordings: export of journalled readings, replay inputs (issue #6) ----

    /**
     * Starts exporting the journalled readings a request selects (the running console's journal: the
     * durable one when live, the replayed readings when replaying), to Parquet (with Spark) or long
     * CSV. Returns at once; the export runs on the services' own thread and reports through the job.
     *
     * @throws IllegalStateException when an export is already running, or Spark is not running for Parquet
     */
    default ExportJob exportReadings(io.plantwatch.domain.ExportRequest request) {
        throw new IllegalStateException("export is not available in this console");
    }

    /**
     * What a recording file is (blocks briefly: reads its first line; call off the FX thread).
     *
     * @throws java.io.UncheckedIOException when it cannot be read
     */
    default RecordingInfo inspectRecording(Path file) {
        throw new IllegalStateException("opening recordings is not available in this console");
    }

    /**
     * The first rows of a delimited file and what a mapping makes of them (file I/O; call off the FX thread).
     *
     * @param mapping null for the raw rows only
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    default io.plantwatch.domain.CsvPreview previewCsv(Path file, char delimiter, io.plantwatch.domain.WideCsvMapping mapping,
            int rows) {
        throw new IllegalStateException("opening recordings is not available in this console");
    }

    /**
     * Writes a wide CSV's mapping file beside it ({@code <name>.mapping.yaml}), where the replay
     * finds it (file I/O; call off the FX thread).
     *
     * @return the file written
     * @throws java.io.UncheckedIOException when it cannot be written
     */
    default Path saveMapping(Path csv, io.plantwatch.domain.WideCsvMapping mapping) {
        throw new IllegalStateException("opening recordings is not available in this console");
    }

    /**
     * A recording file's format and, for a wide CSV, the mapping to start from.
     *
     * @param format      {@code LONG_CSV}, {@code WIDE_CSV}, {@code JSON_LINES} or {@code PARQUET}
     * @param delimiter   wide CSV: the delimiter found in the header
     * @param header      wide CSV: the header fields
     * @param mapping     wide CSV: the mapping file's content when there is one beside it, else a guess
     * @param mappingFile wide CSV: the mapping file beside it, or null when the mapping is a guess
     */
    record RecordingInfo(String format, char delimiter, List<String> header, io.plantwatch.domain.WideCsvMapping mapping,
            Path mappingFile) {
    }

    // ---- replay controls and comparison (issue #6) ----

    /**
     * Where the replay stands, or null when the console is live. Cheap (called at the UI cadence).
     *
     * @param recording        the recording's file name
     * @param firstEventMillis the recording's smallest event time, epoch ms (the timeline's start)
     * @param lastEventMillis  its largest event time, epoch ms (the timeline's end)
     * @param eventTimeMillis  event time of the last reading replayed (the event-time clock), 0 before the first
     * @param position         readings of the recording behind the replay
     * @param total            readings in the recording
     * @param speed            speed factor, {@link Double#POSITIVE_INFINITY} for max
     * @param paused           true while paused
     * @param seeking          true while a seek is being carried out
     * @param finished         true when the replay reached the recording's end
     */
    record ReplayState(String recording, long firstEventMillis, long lastEventMillis, long eventTimeMillis, long position,
            long total, double speed, boolean paused, boolean seeking, boolean finished) {
    }

    /** The replay's position and controls' state, or null when live. Cheap. */
    default ReplayState replayState() {
        return null;
    }

    /**
     * Changes the replay's speed while it runs (returns at once).
     *
     * @param factor ≥ 1 or {@link Double#POSITIVE_INFINITY} for max
     * @throws IllegalStateException when the console is live
     */
    default void replaySpeed(double factor) {
        throw new IllegalStateException("replay controls are not available in this console");
    }

    /** Pauses ({@code true}) or resumes the replay (returns at once). @throws IllegalStateException when live */
    default void replayPaused(boolean paused) {
        throw new IllegalStateException("replay controls are not available in this console");
    }

    /**
     * Continues the replay at an event time, backwards or forwards, with alarm and window state rebuilt
     * as an uninterrupted run has it there (ADR 0008). Returns at once; the seek runs on the services'
     * own thread (it restarts the Spark query) and the future completes with the event time the replay
     * continues at, or exceptionally with the reason.
     */
    default CompletableFuture<Long> seekReplay(long eventTimeMillis) {
        return CompletableFuture.failedFuture(new IllegalStateException("replay controls are not available in this console"));
    }

    /**
     * Runs two recordings (or one with two site configurations) through the replay pipeline at max
     * speed, apart from the console's own replay and its alarm journal, and compares them. Returns at
     * once; the comparison runs on the services' own thread (tens of seconds) and the future completes
     * with the table.
     */
    default CompletableFuture<io.plantwatch.domain.ReplayComparison> compareReplays(
            io.plantwatch.domain.ReplayComparison.Request request) {
        return CompletableFuture.failedFuture(new IllegalStateException("comparing replays is not available in this console"));
    }
}
