package io.plantwatch.ui.command;

import io.plantwatch.command.ArmedCommand;
import io.plantwatch.command.CommandRefusedException;
import io.plantwatch.domain.CommandCatalog;
import io.plantwatch.domain.CommandDefinition;
import io.plantwatch.domain.CommandRecord;
import io.plantwatch.domain.Principal;
import io.plantwatch.domain.TagId;
import io.plantwatch.ui.ConsoleFeed;
import io.plantwatch.ui.ConsoleServices;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command screens' state (docs/commands.md): the catalog, what the logged-in operator may arm, the
 * armed command awaiting confirmation with its countdown, and the live lifecycle list.
 *
 * <p>Select before operate: {@link #arm} asks the command service on the actions executor (it audits);
 * the {@link ArmedCommand} it returns becomes {@link #armedProperty()} at the next {@link #refresh},
 * and the console opens the confirmation dialog on it. {@link #execute()} and {@link #cancel()} act on
 * that armed command. Refusals come back as {@link #messageProperty()} (and, in the dialog,
 * {@link #confirmMessageProperty()}) with the service's reason; the service checks roles, in-flight
 * commands and the arm timeout whatever the screens show.
 *
 * <p>Threading: every property changes on the FX thread in {@link #refresh} (the UI cadence), fed with the
 * statuses and interlock firings the {@link ConsoleFeed} queued from the {@code command-events} thread and
 * the outcomes of the service calls; {@link #arm}, {@link #execute()} and {@link #cancel()} return at once.
 * FX thread only.
 */
public final class CommandsViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(CommandsViewModel.class);

    /** Rows kept in the lifecycle list (newest first); older ones stay in the command log and audit trail. */
    public static final int MAX_ROWS = 200;

    private final ConsoleServices services;
    private final Executor actions;
    private final Clock clock;
    private final CommandCatalog catalog;
    /** Outcomes of service calls, applied on the FX thread by {@link #refresh}. */
    private final Queue<Runnable> outcomes = new ConcurrentLinkedQueue<>();
    private final Map<String, CommandRow> byId = new HashMap<>();
    private final ObservableList<CommandRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper unavailable = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper interlock = new ReadOnlyStringWrapper("");
    private final BooleanProperty mayAct = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<ArmedCommand> armed = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper remainingSeconds = new ReadOnlyLongWrapper(0);
    private final ReadOnlyBooleanWrapper expired = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper mayExecute = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper arming = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper confirmMessage = new ReadOnlyStringWrapper("");

    /**
     * @param actions executor for the service calls (they write the audit trail): the operator actions'
     *                thread in the app, the calling thread in tests
     * @param queries executor for the first read of the command log
     * @param clock   wall clock of the arm countdown (the service's clock decides; this only shows it)
     */
    public CommandsViewModel(ConsoleServices services, Executor actions, Executor queries, Clock clock) {
        this.services = services;
        this.actions = actions;
        this.clock = clock;
        this.catalog = services.commandCatalog();
        readUnavailable();
        queries.execute(() -> {
            try {
                List<CommandRecord> recent = services.recentCommands(MAX_ROWS);
                outcomes.add(() -> recent.forEach(r -> {
                    if (!byId.containsKey(r.id())) {
                        byId.put(r.id(), CommandRow.of(r));
                    }
                }));
            } catch (RuntimeException e) {
                LOG.error("the command log could not be read", e);
            }
        });
    }

    /** The site's catalog. */
    public CommandCatalog catalog() {
        return catalog;
    }

    /** The devices that accept commands, in catalog order. */
    public List<String> devices() {
        return catalog.devices();
    }

    /** The commands of a device, in catalog order. */
    public List<CommandDefinition> commands(String device) {
        return catalog.forDevice(device);
    }

    /** The catalog commands of the device an alarm's tag belongs to ({@code P-101/flow} → P-101's); empty when none. */
    public List<CommandDefinition> commandsForTag(String tag) {
        return tag == null || tag.indexOf('/') < 0 ? List.of() : catalog.forDevice(TagId.device(tag));
    }

    /** The menu text of a command: "Shut down P-101", "Start P-101", "P-101: valve_position…". */
    public static String menuText(CommandDefinition d) {
        return switch (d.name()) {
            case "shutdown" -> "Shut down " + d.device();
            case "start" -> "Start " + d.device();
            default -> d.device() + ": " + d.name() + "…";
        };
    }

    /** The lifecycle list, newest first, at most {@value #MAX_ROWS}. */
    public ObservableList<CommandRow> rows() {
        return rows;
    }

    /** Why no command can be sent now (e.g. replay mode), empty when they can. */
    public ReadOnlyStringProperty unavailableProperty() {
        return unavailable.getReadOnlyProperty();
    }

    /** The latest outcome or refusal for the operator, empty if none. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The latest interlock firing (automatic action), empty if none since start. */
    public ReadOnlyStringProperty interlockProperty() {
        return interlock.getReadOnlyProperty();
    }

    /** Whether the console's operator may act at all (operator role or more, not locked): bound to the session. */
    public BooleanProperty mayActProperty() {
        return mayAct;
    }

    /** The command awaiting confirmation, or null. */
    public ReadOnlyObjectProperty<ArmedCommand> armedProperty() {
        return armed.getReadOnlyProperty();
    }

    /** Whole seconds until the armed command lapses (0 when lapsed or nothing armed). */
    public ReadOnlyLongProperty remainingSecondsProperty() {
        return remainingSeconds.getReadOnlyProperty();
    }

    /** Whether the armed command's arm timeout has passed (Execute can no longer succeed). */
    public ReadOnlyBooleanProperty expiredProperty() {
        return expired.getReadOnlyProperty();
    }

    /**
     * Whether Execute is offered: something is armed, not lapsed, and the logged-in operator is the one
     * who armed it and has the command's role. The service checks all of this again.
     */
    public ReadOnlyBooleanProperty mayExecuteProperty() {
        return mayExecute.getReadOnlyProperty();
    }

    /** Whether an arm request is with the service. */
    public ReadOnlyBooleanProperty armingProperty() {
        return arming.getReadOnlyProperty();
    }

    /** The confirmation dialog's message: a refused Execute's reason, or the lapse. */
    public ReadOnlyStringProperty confirmMessageProperty() {
        return confirmMessage.getReadOnlyProperty();
    }

    /** Who acts: the logged-in operator's name. */
    public String operator() {
        return services.principal().operator();
    }

    /**
     * Whether the logged-in operator may arm this command now: may act, has its role, and commands can be
     * sent (not replay, connection up). Read at the moment of asking (FX thread).
     */
    public boolean mayArm(CommandDefinition d) {
        return d != null && mayAct.get() && unavailable.get().isEmpty() && services.principal().may(d.role());
    }

    /**
     * Selects a command (select-before-operate). The service's answer arrives at the next refresh: the armed
     * command ({@link #armedProperty()}) or the refusal ({@link #messageProperty()}). Ignored while another
     * arm request is out or a command awaits confirmation.
     *
     * @param value the requested value as typed, null or blank for none
     */
    public void arm(String device, String command, String value, String note) {
        if (arming.get() || armed.get() != null) {
            return;
        }
        arming.set(true);
        message.set("");
        String key = device + "/" + command;
        actions.execute(() -> {
            try {
                ArmedCommand a = services.armCommand(device, command, value, note);
                outcomes.add(() -> {
                    arming.set(false);
                    confirmMessage.set("");
                    armed.set(a);
                    countdown();
                });
            } catch (CommandRefusedException e) {
                outcomes.add(() -> {
                    arming.set(false);
                    message.set(key + " refused: " + e.getMessage());
                });
            } catch (RuntimeException e) {
                LOG.error("arming {} failed", key, e);
                outcomes.add(() -> {
                    arming.set(false);
                    message.set(key + " could not be armed: " + e.getMessage());
                });
            }
        });
    }

    /**
     * Executes the armed command (the confirmation's Execute). Not blocked here while a previous click is
     * with the service: the service consumes the token once and refuses the second click, whose reason is
     * shown. On success the armed command is cleared at the next refresh (the dialog closes).
     */
    public void execute() {
        ArmedCommand a = armed.get();
        if (a == null) {
            return;
        }
        actions.execute(() -> {
            try {
                CommandRecord r = services.executeCommand(a.token());
                outcomes.add(() -> {
                    if (armed.get() == a) {
                        armed.set(null);
                        countdown();
                    }
                    upsert(r);
                    message.set(a.key() + (a.value() == null ? "" : " " + a.value()) + " executed: " + r.status());
                });
            } catch (CommandRefusedException e) {
                outcomes.add(() -> {
                    confirmMessage.set("Refused: " + e.getMessage());
                    message.set(a.key() + " refused: " + e.getMessage());
                });
            } catch (RuntimeException e) {
                LOG.error("executing {} failed", a.key(), e);
                outcomes.add(() -> {
                    confirmMessage.set("Not executed: " + e.getMessage());
                    message.set(a.key() + " not executed: " + e.getMessage());
                });
            }
        });
    }

    /**
     * Withdraws the armed command (the confirmation's Cancel, or its window closed). A lapsed arm is only
     * forgotten: the service has already lapsed it (COMMAND_ARM_EXPIRED).
     */
    public void cancel() {
        ArmedCommand a = armed.get();
        if (a == null) {
            return;
        }
        boolean lapsed = expired.get();
        armed.set(null);
        countdown();
        if (lapsed) {
            message.set(a.key() + ": the arm lapsed; nothing was sent");
            return;
        }
        actions.execute(() -> {
            try {
                services.cancelCommand(a.token());
                outcomes.add(() -> message.set(a.key() + " cancelled; nothing was sent"));
            } catch (CommandRefusedException e) {
                outcomes.add(() -> message.set(a.key() + ": " + e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("cancelling {} failed", a.key(), e);
                outcomes.add(() -> message.set(a.key() + ": the cancel was not recorded: " + e.getMessage()));
            }
        });
    }

    /**
     * Applies what happened since the last call: service outcomes, command statuses and interlock firings
     * (oldest first, from the feed), whether commands can be sent, and the arm countdown. At the UI cadence.
     */
    public void refresh(List<CommandRecord> statuses, List<ConsoleFeed.InterlockNotice> interlocks) {
        Runnable o;
        boolean changed = false;
        while ((o = outcomes.poll()) != null) {
            o.run();
            changed = true;
        }
        for (CommandRecord r : statuses) {
            upsert(r);
            changed = true;
        }
        for (ConsoleFeed.InterlockNotice n : interlocks) {
            interlock.set(interlockText(n));
        }
        if (changed) {
            publish();
        }
        readUnavailable();
        countdown();
    }

    /** What the operator is told of an interlock firing. */
    public static String interlockText(ConsoleFeed.InterlockNotice n) {
        String time = n.record() == null ? "" : CommandRow.TIME.format(n.record().queuedAt()) + "  ";
        String cmd = n.record() == null ? "" : n.record().key() + " ";
        return time + "AUTO interlock " + n.rule() + " on " + n.alarmId() + ": " + cmd
                + ("executed".equals(n.outcome()) ? "executed automatically" : "refused: " + n.outcome());
    }

    private void upsert(CommandRecord r) {
        CommandRow before = byId.get(r.id());
        // statuses arrive in lifecycle order; a log read may bring an older one late
        if (before == null || before.status().ordinal() <= r.status().ordinal()) {
            byId.put(r.id(), CommandRow.of(r));
        }
    }

    private void publish() {
        List<CommandRow> shown = byId.values().stream()
                .sorted(Comparator.comparing(CommandRow::queuedAt).reversed().thenComparing(CommandRow::id))
                .limit(MAX_ROWS).toList();
        if (byId.size() > MAX_ROWS) {
            byId.keySet().retainAll(shown.stream().map(CommandRow::id).toList());
        }
        if (!shown.equals(rows)) {
            rows.setAll(shown);
        }
    }

    private void readUnavailable() {
        String why;
        try {
            why = services.commandsUnavailable();
        } catch (RuntimeException e) {
            why = e.getMessage();
        }
        if (catalog.isEmpty() && why == null) {
            why = "the site configures no commands (commands: in the site file)";
        }
        unavailable.set(why == null ? "" : why);
    }

    private void countdown() {
        ArmedCommand a = armed.get();
        if (a == null) {
            remainingSeconds.set(0);
            expired.set(false);
            mayExecute.set(false);
            return;
        }
        Duration left = Duration.between(clock.instant(), a.expiresAt());
        boolean lapsed = left.isNegative() || left.isZero();
        remainingSeconds.set(lapsed ? 0 : (left.toMillis() + 999) / 1000);
        if (lapsed && !expired.get()) {
            confirmMessage.set("The arm lapsed after " + Duration.between(a.armedAt(), a.expiresAt()).toSeconds()
                    + " s; nothing was sent. Cancel and select the command again.");
        }
        expired.set(lapsed);
        Principal p = services.principal();
        mayExecute.set(!lapsed && mayAct.get() && p.operator().equals(a.operator()) && p.may(a.definition().role()));
    }
}
