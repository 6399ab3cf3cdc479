package io.plantwatch.command;

import io.plantwatch.audit.AuditAction;
import io.plantwatch.audit.AuditEvent;
import io.plantwatch.audit.AuditException;
import io.plantwatch.audit.AuditTrail;
import io.plantwatch.domain.CommandCatalog;
import io.plantwatch.domain.CommandDefinition;
import io.plantwatch.domain.CommandRecord;
import io.plantwatch.domain.CommandStatus;
import io.plantwatch.domain.InterlockRule;
import io.plantwatch.domain.Principal;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.Role;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends catalog commands to devices, safely by construction (DESIGN.md decision 6, docs/commands.md).
 *
 * <h2>Select before operate</h2>
 * {@link #arm} checks a request against the site's {@link CommandCatalog} (known command, the
 * principal's role, a note where required, the value's type and range, nothing of the same
 * device/command in flight) and returns an {@link ArmedCommand} with a one-time token, the current
 * process value and the device's standing alarms, for the confirmation dialog. {@link #execute} with
 * that token, by the same operator, within the catalog's arm timeout (default 30 s), sends it; an arm
 * not executed in time lapses (COMMAND_ARM_EXPIRED). A token works once: a double click cannot send
 * twice.
 *
 * <h2>Lifecycle</h2>
 * {@code QUEUED → SENT → ACKNOWLEDGED | REJECTED | TIMED_OUT}: QUEUED when {@link #execute} has recorded
 * it, SENT when the broker acknowledged the PUBLISH (QoS 1), then the device's MQTT 5 response
 * (accepted/rejected with reason) or, for MQTT 3.1.1 devices, the expected value on its state topic;
 * TIMED_OUT when neither came within the command's timeout. A command is never re-sent automatically;
 * while one is in flight, arming or executing the same device/command is refused. Each status is saved
 * to the {@link CommandLog} and handed to the {@link CommandListener}s.
 *
 * <h2>Audit</h2>
 * Every step is appended to the {@link AuditTrail}: COMMAND_ARM, COMMAND_CANCEL, COMMAND_ARM_EXPIRED,
 * COMMAND_EXECUTE, COMMAND_SENT, COMMAND_ACKNOWLEDGED, COMMAND_REJECTED, COMMAND_TIMED_OUT,
 * COMMAND_REFUSED (with the reason), FREE_PUBLISH; target {@code device/command} (or the topic), old value
 * = the process value at arming, new value = the requested value; automatic for interlock rules. If the
 * audit trail cannot store the arm or the execute, that step does not happen (refused). Steps reported
 * by the device have already happened; an audit failure there is logged and counted
 * ({@link #auditFailures()}).
 *
 * <h2>Threading</h2>
 * All public methods are thread-safe. {@link #arm}, {@link #execute}, {@link #cancel} and
 * {@link #publishFreeForm} write to the audit trail and the database on the caller's thread (call them off
 * the FX thread). Transport reports, timeouts, arm expiry and all listener calls run on one daemon thread,
 * {@code command-events}, in order.
 */
public final class CommandService implements AutoCloseable {

    /** The refusal when the console replays a recording. */
    public static final String REPLAY_REFUSAL = "replay: commands go to the plant only in live mode";

    private static final Logger LOG = LoggerFactory.getLogger(CommandService.class);

    private final CommandCatalog catalog;
    private final CommandTransport transport;
    private final String noTransport;
    private final CommandLog log;
    private final AuditTrail audit;
    private final ProcessValues values;
    private final DeviceAlarms alarms;
    private final Clock clock;
    private final List<CommandListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledThreadPoolExecutor events = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "command-events");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong auditFailures = new AtomicLong();

    private final Object lock = new Object();
    /** Armed, not yet executed, by token. Guarded by lock. */
    private final Map<String, Armed> armed = new HashMap<>();
    /** device/command → id of the command in flight ("" while being queued). Guarded by lock. */
    private final Map<String, String> inFlightByKey = new HashMap<>();
    /** In-flight commands by id; written on the events thread (and by execute before send). Guarded by lock. */
    private final Map<String, CommandRecord> inFlight = new LinkedHashMap<>();
    private final Map<String, ScheduledFuture<?>> timeouts = new HashMap<>();

    private record Armed(ArmedCommand command, boolean automatic, ScheduledFuture<?>[] expiry) {
    }

    /**
     * @param catalog     the site's command catalog
     * @param transport   how commands reach the plant; null when they cannot (replay, no MQTT connection)
     * @param noTransport the refusal's reason when {@code transport} is null, e.g. {@link #REPLAY_REFUSAL}
     * @param log         where commands and their status are kept
     * @param audit       the audit trail
     * @param values      latest process values, for the confirmation
     * @param alarms      the device's standing alarms, for the confirmation
     * @param clock       wall clock of arm, execute and the records
     */
    public CommandService(CommandCatalog catalog, CommandTransport transport, String noTransport, CommandLog log,
            AuditTrail audit, ProcessValues values, DeviceAlarms alarms, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.transport = transport;
        this.noTransport = transport != null ? null
                : noTransport == null || noTransport.isBlank() ? "no MQTT connection is configured for commands" : noTransport;
        this.log = Objects.requireNonNull(log, "log");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.values = Objects.requireNonNull(values, "values");
        this.alarms = Objects.requireNonNull(alarms, "alarms");
        this.clock = Objects.requireNonNull(clock, "clock");
        events.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        events.setRemoveOnCancelPolicy(true);
    }

    /** The site's command catalog (what the UI offers). */
    public CommandCatalog catalog() {
        return catalog;
    }

    /** Why commands cannot be sent at all (replay, no MQTT, not connected), or null when they can. */
    public String unavailableReason() {
        if (transport == null) {
            return noTransport;
        }
        return transport.unavailable(CommandDefinition.Confirmation.readBack("-", "-"));
    }

    /** Adds a listener for command status changes and interlock firings (called on {@code command-events}). */
    public void addListener(CommandListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener. */
    public void removeListener(CommandListener listener) {
        listeners.remove(listener);
    }

    /**
     * Selects a command: checks it and returns what the confirmation dialog shows, with a token to execute
     * it within the arm timeout. Audited COMMAND_ARM; a refusal COMMAND_REFUSED.
     *
     * @param who     the logged-in operator
     * @param device  device id, e.g. {@code P-101}
     * @param command command name, e.g. {@code shutdown}
     * @param value   the requested value as text ({@code 42.5}, {@code true}, an enum value); null or blank
     *                for a command without one
     * @param note    the operator's note; required when the catalog says so
     * @throws CommandRefusedException with the reason: replay/no connection, unknown command, role, missing
     *                                 note, wrong type or out of range, in flight, audit trail unavailable
     */
    public ArmedCommand arm(Principal who, String device, String command, String value, String note)
            throws CommandRefusedException {
        return arm(who, device, command, value, note, false);
    }

    private ArmedCommand arm(Principal who, String device, String command, String value, String note, boolean automatic)
            throws CommandRefusedException {
        Objects.requireNonNull(who, "who");
        String key = device + "/" + command;
        if (transport == null) {
            throw refuse(who, key, value, noTransport, automatic);
        }
        CommandDefinition def = catalog.find(device, command).orElse(null);
        if (def == null) {
            List<String> accepted = catalog.forDevice(device).stream().map(CommandDefinition::name).toList();
            throw refuse(who, key, value, "unknown command: " + key + " is not in the site's command catalog"
                    + (accepted.isEmpty() ? " (no commands for " + device + ")" : " (" + device + " accepts " + accepted + ")"),
                    automatic);
        }
        if (!who.may(def.role())) {
            throw refuse(who, key, value, "role: " + who.operator() + " is " + who.role() + "; " + key + " needs "
                    + def.role(), automatic);
        }
        if (def.noteRequired() && (note == null || note.isBlank())) {
            throw refuse(who, key, value, "note required: " + key + " needs a note saying why", automatic);
        }
        String canonical;
        try {
            canonical = def.parameter().check(value);
        } catch (IllegalArgumentException e) {
            throw refuse(who, key, value, key + ": " + e.getMessage(), automatic);
        }
        String busy;
        synchronized (lock) {
            busy = busy(key);
        }
        if (busy != null) {
            throw refuse(who, key, canonical, busy, automatic);
        }
        Reading pv = def.processTag() == null ? null : values.latest(def.processTag()).orElse(null);
        Instant now = now();
        ArmedCommand a = new ArmedCommand(UUID.randomUUID().toString(), def, canonical, note == null ? "" : note.trim(),
                who.operator(), who.host(), now, now.plus(catalog.armTimeout()), pv, alarms.standing(device));
        try {
            audit.append(new AuditEvent(now, who.operator(), who.host(), AuditAction.COMMAND_ARM, key,
                    a.processValueText(), canonical, "OK", automatic));
        } catch (AuditException e) {
            throw new CommandRefusedException("audit trail unavailable, command not armed: " + e.getMessage(), e);
        }
        ScheduledFuture<?>[] expiry = new ScheduledFuture<?>[1];
        synchronized (lock) {
            armed.put(a.token(), new Armed(a, automatic, expiry));
            if (!automatic) {
                expiry[0] = events.schedule(() -> lapse(a.token()), catalog.armTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return a;
    }

    /** Why {@code key} cannot be armed or executed now because one is in flight, else null. Holds lock. */
    private String busy(String key) {
        String id = inFlightByKey.get(key);
        if (id == null) {
            return null;
        }
        CommandRecord r = inFlight.get(id);
        return "in flight: " + key + (r == null ? " is being sent" : " (command " + r.id() + ", " + r.status() + ")")
                + "; wait for its result";
    }

    /** An arm not executed in time: forgotten and audited. On the events thread. */
    private void lapse(String token) {
        Armed a;
        synchronized (lock) {
            a = armed.remove(token);
        }
        if (a != null) {
            appendLater(new AuditEvent(now(), a.command().operator(), a.command().host(),
                    AuditAction.COMMAND_ARM_EXPIRED, a.command().key(), a.command().processValueText(), a.command().value(),
                    "not executed within " + catalog.armTimeout().toMillis() + " ms", a.automatic()));
        }
    }

    /**
     * Withdraws an armed command (the operator pressed Cancel). Audited COMMAND_CANCEL.
     *
     * @throws CommandRefusedException when the token is unknown, used or expired, or armed by someone else
     */
    public void cancel(Principal who, String token) throws CommandRefusedException {
        Armed a;
        synchronized (lock) {
            a = armed.get(token);
            if (a != null && a.command().operator().equals(who.operator())) {
                armed.remove(token);
                if (a.expiry()[0] != null) {
                    a.expiry()[0].cancel(false);
                }
            }
        }
        if (a == null) {
            throw refuse(who, "", null, "unknown token: nothing armed under it (already executed, cancelled or expired)", false);
        }
        if (!a.command().operator().equals(who.operator())) {
            throw refuse(who, a.command().key(), a.command().value(), "armed by " + a.command().operator()
                    + "; only they can cancel it", false);
        }
        appendLater(new AuditEvent(now(), who.operator(), who.host(), AuditAction.COMMAND_CANCEL,
                a.command().key(), a.command().processValueText(), a.command().value(), "OK", false));
    }

    /**
     * Executes an armed command: records it (QUEUED), publishes it once and starts its timeout. Audited
     * COMMAND_EXECUTE; the lifecycle continues on {@code command-events} and reaches the listeners.
     *
     * @param who   the operator who armed it
     * @param token the token from {@link #arm}; consumed
     * @return the QUEUED record
     * @throws CommandRefusedException when the token is unknown or used (a second click), the arm expired,
     *                                 another operator armed it, the role no longer suffices, the same
     *                                 device/command is in flight, the connection is down, or the audit trail
     *                                 or command log cannot store it; nothing is sent then
     */
    public CommandRecord execute(Principal who, String token) throws CommandRefusedException {
        Objects.requireNonNull(who, "who");
        Armed a;
        String refusal = null;
        boolean expired = false;
        Instant now = now();
        synchronized (lock) {
            a = armed.get(token);
            if (a == null) {
                refusal = "unknown token: nothing armed under it (already executed, cancelled or expired); arm again";
            } else if (!a.command().operator().equals(who.operator()) || !a.command().host().equals(who.host())) {
                refusal = "armed by " + a.command().operator() + " at " + a.command().host() + "; only they can execute it";
            } else {
                armed.remove(token);
                if (a.expiry()[0] != null) {
                    a.expiry()[0].cancel(false);
                }
                if (now.isAfter(a.command().expiresAt())) {
                    expired = true;
                    refusal = "arm expired: " + a.command().key() + " was armed at " + a.command().armedAt()
                            + " and had to be executed within " + catalog.armTimeout().toMillis() + " ms; arm again";
                } else if (!who.may(a.command().definition().role())) {
                    refusal = "role: " + who.operator() + " is " + who.role() + "; " + a.command().key() + " needs "
                            + a.command().definition().role();
                } else if ((refusal = busy(a.command().key())) == null) {
                    String down = transport.unavailable(a.command().definition().confirmation());
                    if (down != null) {
                        refusal = "not sent: " + down;
                    } else {
                        inFlightByKey.put(a.command().key(), "");   // reserved: a second execute is refused from here
                    }
                }
            }
        }
        boolean automatic = a != null && a.automatic();
        String key = a == null ? "" : a.command().key();
        String value = a == null ? null : a.command().value();
        if (expired) {
            appendLater(new AuditEvent(now, a.command().operator(), a.command().host(), AuditAction.COMMAND_ARM_EXPIRED,
                    key, a.command().processValueText(), value, "not executed within " + catalog.armTimeout().toMillis()
                            + " ms", automatic));
        }
        if (refusal != null) {
            throw refuse(who, key, value, refusal, automatic);
        }
        ArmedCommand c = a.command();
        CommandDefinition def = c.definition();
        String id = UUID.randomUUID().toString();
        CommandRecord queued = new CommandRecord(id, def.device(), def.name(), c.value(), def.topic(), who.operator(),
                who.host(), automatic, c.note(), c.processValueText(), CommandStatus.QUEUED, "", c.armedAt(), now, null,
                null);
        try {
            audit.append(new AuditEvent(now, who.operator(), who.host(), AuditAction.COMMAND_EXECUTE, key,
                    c.processValueText(), value, "OK: command " + id + (c.note().isEmpty() ? "" : "; note: " + c.note()),
                    automatic));
            log.save(queued);
        } catch (RuntimeException e) {
            synchronized (lock) {
                inFlightByKey.remove(key);
            }
            String why = (e instanceof AuditException ? "audit trail unavailable" : "command log unavailable")
                    + ", command not sent: " + e.getMessage();
            if (!(e instanceof AuditException)) {
                appendLater(refusalEvent(who, key, value, why, automatic));
            }
            throw new CommandRefusedException(why, e);
        }
        synchronized (lock) {
            inFlightByKey.put(key, id);
            inFlight.put(id, queued);
            timeouts.put(id, events.schedule(() -> timedOut(id, def.timeout()), def.timeout().toMillis(),
                    TimeUnit.MILLISECONDS));
        }
        events.execute(() -> notifyListeners(queued));
        byte[] payload = CommandMessages.command(id, def.device(), def.name(), def.parameter(), value, who.operator(), now);
        transport.send(new CommandTransport.Request(id, def.topic(), payload, def.expiry(), def.confirmation(),
                def.confirmation().expected(value)), new CommandTransport.Outcome() {
                    @Override
                    public void sent() {
                        events.execute(() -> onSent(id));
                    }

                    @Override
                    public void acknowledged(String detail) {
                        events.execute(() -> complete(id, CommandStatus.ACKNOWLEDGED, detail, true));
                    }

                    @Override
                    public void rejected(String reason) {
                        events.execute(() -> complete(id, CommandStatus.REJECTED, "rejected by the device: " + reason, true));
                    }

                    @Override
                    public void notSent(String reason) {
                        events.execute(() -> complete(id, CommandStatus.REJECTED, "not sent: " + reason, false));
                    }
                });
        return queued;
    }

    /**
     * Arms and executes an interlock rule's command at once, as operator {@code auto:<rule>} with the
     * ENGINEER role, marked automatic in the audit trail and the record. Same checks and lifecycle as an
     * operator's command (the rule's note satisfies a required note).
     *
     * @throws CommandRefusedException as {@link #arm} and {@link #execute}
     */
    CommandRecord executeAutomatic(InterlockRule rule, String host) throws CommandRefusedException {
        Principal auto = new Principal(rule.operator(), Role.ENGINEER, host);
        ArmedCommand a = arm(auto, rule.device(), rule.command(), rule.value(), rule.note(), true);
        return execute(auto, a.token());
    }

    /** Tells the listeners about an interlock rule's firing or refusal; called by {@link InterlockRules}. */
    void interlockFired(String rule, String alarmId, CommandRecord record, String outcome) {
        events.execute(() -> {
            for (CommandListener l : listeners) {
                try {
                    l.onInterlock(rule, alarmId, record, outcome);
                } catch (RuntimeException e) {
                    LOG.warn("command listener failed", e);
                }
            }
        });
    }

    /**
     * Publishes a free-form message once (QoS 1), outside the catalog: ENGINEER only, audited FREE_PUBLISH
     * (payload as the new value). No confirmation is awaited.
     *
     * @param topic   a topic without wildcards
     * @param payload the message text, sent as UTF-8
     * @return completes when the broker acknowledged it; exceptionally when it did not
     * @throws CommandRefusedException for a role below ENGINEER, a bad topic, no connection, or an audit failure
     */
    public CompletableFuture<Void> publishFreeForm(Principal who, String topic, String payload)
            throws CommandRefusedException {
        Objects.requireNonNull(who, "who");
        String t = topic == null ? "" : topic;
        if (!who.may(Role.ENGINEER)) {
            throw refuse(who, t, payload, "role: " + who.operator() + " is " + who.role()
                    + "; a free-form publish needs ENGINEER", false);
        }
        if (t.isBlank() || t.contains("+") || t.contains("#") || t.startsWith("$")) {
            throw refuse(who, t, payload, "topic '" + t + "' must be non-empty, without wildcards (+, #) and not a $ topic", false);
        }
        if (transport == null) {
            throw refuse(who, t, payload, noTransport, false);
        }
        String down = transport.unavailable(CommandDefinition.Confirmation.readBack("-", "-"));
        if (down != null) {
            throw refuse(who, t, payload, "not sent: " + down, false);
        }
        try {
            audit.append(new AuditEvent(now(), who.operator(), who.host(), AuditAction.FREE_PUBLISH, t, null,
                    payload, "OK", false));
        } catch (AuditException e) {
            throw new CommandRefusedException("audit trail unavailable, not published: " + e.getMessage(), e);
        }
        return transport.publish(t, (payload == null ? "" : payload).getBytes(StandardCharsets.UTF_8));
    }

    /** The commands in flight (QUEUED or SENT), oldest first. */
    public List<CommandRecord> inFlight() {
        synchronized (lock) {
            return List.copyOf(inFlight.values());
        }
    }

    /** The most recent commands from the command log, newest first (database; off the FX thread). */
    public List<CommandRecord> recent(int limit) {
        return log.recent(limit);
    }

    /** Lifecycle steps that could not be written to the audit trail since start (each logged as an error). */
    public long auditFailures() {
        return auditFailures.get();
    }

    // ---- lifecycle, on the events thread ----

    private void onSent(String id) {
        CommandRecord r;
        synchronized (lock) {
            r = inFlight.get(id);
            if (r == null || r.status() != CommandStatus.QUEUED) {
                return; // already final (answered before the PUBACK was processed) or sent
            }
            r = r.sent(now());
            inFlight.put(id, r);
        }
        step(r, AuditAction.COMMAND_SENT, "OK: broker acknowledged the PUBLISH");
    }

    private void timedOut(String id, Duration timeout) {
        String heard = transport.forget(id);
        complete(id, CommandStatus.TIMED_OUT, "no confirmation within " + timeout.toMillis() + " ms"
                + (heard == null ? "" : "; " + heard), true);
    }

    /** Final status; a device answer while still QUEUED implies the PUBLISH reached the broker: SENT first. */
    private void complete(String id, CommandStatus to, String reason, boolean reachedBroker) {
        CommandRecord r;
        CommandRecord sent = null;
        ScheduledFuture<?> timeout;
        synchronized (lock) {
            r = inFlight.remove(id);
            if (r == null) {
                LOG.warn("command {}: {} after it had ended ({}); ignored", id, to, reason);
                return;
            }
            Instant now = now();
            if (r.status() == CommandStatus.QUEUED && reachedBroker && to != CommandStatus.TIMED_OUT) {
                sent = r.sent(now);
                r = sent;
            }
            r = r.completed(to, reason, now);
            inFlightByKey.remove(r.key(), id);
            timeout = timeouts.remove(id);
        }
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (sent != null) {
            step(sent, AuditAction.COMMAND_SENT, "OK: broker acknowledged the PUBLISH");
        }
        step(r, switch (to) {
            case ACKNOWLEDGED -> AuditAction.COMMAND_ACKNOWLEDGED;
            case REJECTED -> AuditAction.COMMAND_REJECTED;
            default -> AuditAction.COMMAND_TIMED_OUT;
        }, to == CommandStatus.ACKNOWLEDGED ? "OK: " + reason : reason);
    }

    /** The clock's time to the microsecond (what the command log keeps), so a record reads back equal. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** Saves, audits and announces one status. */
    private void step(CommandRecord r, AuditAction action, String result) {
        try {
            log.save(r);
        } catch (RuntimeException e) {
            LOG.error("command {} {}: status not saved to the command log", r.id(), r.status(), e);
        }
        appendNow(new AuditEvent(now(), r.operator(), r.host(), action, r.key(), r.processValue(), r.value(),
                result + " (command " + r.id() + ")", r.automatic()));
        notifyListeners(r);
    }

    private void notifyListeners(CommandRecord r) {
        for (CommandListener l : listeners) {
            try {
                l.onCommand(r);
            } catch (RuntimeException e) {
                LOG.warn("command listener failed on {}", r.id(), e);
            }
        }
    }

    private void appendNow(AuditEvent e) {
        try {
            audit.append(e);
        } catch (AuditException ex) {
            auditFailures.incrementAndGet();
            LOG.error("audit trail: {} {} {} not stored", e.action(), e.target(), e.result(), ex);
        }
    }

    /** Audits on the events thread (a step that has happened; the caller need not wait). */
    private void appendLater(AuditEvent e) {
        events.execute(() -> appendNow(e));
    }

    private AuditEvent refusalEvent(Principal who, String target, String value, String reason, boolean automatic) {
        return new AuditEvent(now(), who.operator(), who.host(), AuditAction.COMMAND_REFUSED, target, null, value,
                "REFUSED: " + reason, automatic);
    }

    /** Audits a refusal (synchronously) and returns the exception to throw. */
    private CommandRefusedException refuse(Principal who, String target, String value, String reason, boolean automatic) {
        try {
            audit.append(new AuditEvent(now(), who.operator(), who.host(), AuditAction.COMMAND_REFUSED, target,
                    null, value, "REFUSED: " + reason, automatic));
        } catch (AuditException e) {
            auditFailures.incrementAndGet();
            LOG.error("audit trail: refusal of {} by {} not stored", target, who.operator(), e);
            return new CommandRefusedException(reason + " (and the audit trail is unavailable: " + e.getMessage() + ")", e);
        }
        return new CommandRefusedException(reason);
    }

    /**
     * Stops the events thread after the steps already queued (waits up to 5 s). Commands still in flight
     * are left as they are in the command log (QUEUED or SENT); the transport is closed by its owner.
     */
    @Override
    public void close() {
        events.shutdown();
        try {
            if (!events.awaitTermination(5, TimeUnit.SECONDS)) {
                events.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            events.shutdownNow();
        }
        List<CommandRecord> left = inFlight();
        if (!left.isEmpty()) {
            LOG.warn("closing with {} command(s) in flight; their outcome is not recorded: {}", left.size(),
                    left.stream().map(r -> r.key() + " " + r.id()).toList());
        }
    }

    /** For tests: the ids of armed, unexecuted commands. */
    List<String> armedTokens() {
        synchronized (lock) {
            return new ArrayList<>(armed.keySet());
        }
    }
}
