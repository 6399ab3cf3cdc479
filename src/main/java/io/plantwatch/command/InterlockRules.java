package io.plantwatch.command;

import io.plantwatch.alarm.AlarmListener;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.CommandRecord;
import io.plantwatch.domain.InterlockRule;
import io.plantwatch.domain.InterlockSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interlock-style automatic actions (site file {@code interlocks}, DESIGN.md decision 6): "HIHI on
 * P-101/motor_temperature held 10 s → P-101 shutdown". Off unless the site enables them.
 *
 * <p>Listens to alarm transitions ({@link AlarmListener}). A rule's hold starts when its alarm's process
 * condition activates (cause ACTIVATE, i.e. after the limit's own on-delay) and is cancelled by any
 * transition that shows the process condition inactive. When the hold has run (wall-clock time, measured
 * on the console), the rule fires once through {@link CommandService} as operator {@code auto:<rule>},
 * marked automatic in the audit trail and the command record; it fires again only after the condition
 * has gone inactive and activated anew. The process condition counts, not annunciation: a shelved or
 * suppressed alarm still trips its interlock. An alarm already active when the console starts does not
 * fire (no activation is observed). Firings and refusals reach
 * {@link CommandListener#onInterlock}.
 *
 * <p>Threading: {@link #onTransition} runs on the alarm engine's thread inside its lock and only records
 * and schedules; firing runs on this object's own daemon thread ({@code interlocks}), since the command
 * service writes to the audit trail.
 */
public final class InterlockRules implements AlarmListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InterlockRules.class);

    private final InterlockSettings settings;
    private final CommandService commands;
    private final String host;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "interlocks");
        t.setDaemon(true);
        return t;
    });
    /** Per rule: the pending hold, or a marker that it fired in this activation. Guarded by this. */
    private final Map<String, State> states = new HashMap<>();

    private static final class State {
        ScheduledFuture<?> hold;
        boolean fired;
    }

    /**
     * @param settings the site's interlocks; nothing happens unless enabled
     * @param commands the service that executes the rules' commands
     * @param host     the console's host, for the audit trail
     */
    public InterlockRules(InterlockSettings settings, CommandService commands, String host) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.host = Objects.requireNonNull(host, "host");
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer.setRemoveOnCancelPolicy(true);
        if (settings.enabled()) {
            LOG.info("interlocks enabled: {}", settings.rules().stream()
                    .map(r -> r.name() + " (" + r.alarmId() + " for " + r.hold().toMillis() + " ms -> " + r.device() + "/"
                            + r.command() + ")").toList());
        }
    }

    /** Whether the rules act. */
    public boolean enabled() {
        return settings.enabled();
    }

    /** The configured rules. */
    public List<InterlockRule> rules() {
        return settings.rules();
    }

    @Override
    public void onTransition(AlarmTransition t) {
        if (!settings.enabled()) {
            return;
        }
        boolean active = t.flags().processActive();
        for (InterlockRule rule : settings.rules()) {
            if (!rule.alarmId().equals(t.alarmId())) {
                continue;
            }
            synchronized (this) {
                State s = states.computeIfAbsent(rule.name(), k -> new State());
                if (!active) {
                    if (s.hold != null) {
                        s.hold.cancel(false);
                        LOG.info("interlock {}: {} returned before {} ms; not fired", rule.name(), rule.alarmId(),
                                rule.hold().toMillis());
                    }
                    s.hold = null;
                    s.fired = false;
                } else if (t.cause() == AlarmTransition.Cause.ACTIVATE && s.hold == null && !s.fired) {
                    s.hold = timer.schedule(() -> fire(rule), rule.hold().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    private void fire(InterlockRule rule) {
        synchronized (this) {
            State s = states.get(rule.name());
            if (s == null || s.hold == null || s.fired) {
                return;
            }
            s.fired = true;
            s.hold = null;
        }
        try {
            CommandRecord r = commands.executeAutomatic(rule, host);
            LOG.warn("interlock {} fired: {} held {} ms -> {} (command {})", rule.name(), rule.alarmId(),
                    rule.hold().toMillis(), r.key(), r.id());
            commands.interlockFired(rule.name(), rule.alarmId(), r, "executed");
        } catch (CommandRefusedException e) {
            LOG.error("interlock {} fired on {} but its command was refused: {}", rule.name(), rule.alarmId(), e.getMessage());
            commands.interlockFired(rule.name(), rule.alarmId(), null, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("interlock {} failed", rule.name(), e);
            commands.interlockFired(rule.name(), rule.alarmId(), null, "failed: " + e);
        }
    }

    /** Cancels pending holds and stops the timer. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
