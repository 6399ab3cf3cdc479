package io.plantwatch.ui.alarm;

import io.plantwatch.alarm.AlarmActionException;
import io.plantwatch.domain.AlarmOptions;
import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.security.NotPermittedException;
import io.plantwatch.ui.ConsoleFeed;
import io.plantwatch.ui.ConsoleServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alarm table: every alarm that is not NORMAL, most urgent priority first, then newest.
 * Shelved, suppressed and out-of-service alarms are left out unless {@link #showHiddenProperty()}
 * is set (ISA-18.2 §11.6: hidden alarms are listed separately), and counted. Operator actions
 * (acknowledge, shelve, unshelve, remove from / return to service, reset) run on the actions
 * executor as the console's logged-in operator ({@link ConsoleServices#principal()}; the service
 * checks the role). Their transitions come back through the feed like any other, and a refusal
 * comes back as a message.
 *
 * <p>FX thread only, except that the actions may be called from anywhere.
 */
public final class AlarmViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmViewModel.class);
    private static final Comparator<AlarmRow> ORDER = Comparator.comparingInt(AlarmRow::priority)
            .thenComparing(Comparator.comparingLong(AlarmRow::eventTimeMillis).reversed())
            .thenComparing(AlarmRow::alarmId);

    /** An operator action on one alarm. */
    @FunctionalInterface
    private interface Action {
        void run() throws AlarmActionException;
    }

    private final ConsoleServices services;
    private final ConsoleFeed feed;
    private final Executor actions;
    private final Map<String, String> units = new HashMap<>();
    private final Map<String, AlarmRow> current = new HashMap<>();
    private final ObservableList<AlarmRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final BooleanProperty mayAct = new SimpleBooleanProperty(false);
    private final ReadOnlyIntegerWrapper hiddenCount = new ReadOnlyIntegerWrapper(0);
    private final BooleanProperty showHidden = new SimpleBooleanProperty(false);

    public AlarmViewModel(ConsoleServices services, ConsoleFeed feed, Executor actions) {
        this.services = services;
        this.feed = feed;
        this.actions = actions;
        for (TagDefinition t : services.tags()) {
            units.put(t.tag(), t.unit());
        }
        showHidden.addListener((o, a, b) -> publish());
    }

    /** The rows shown, sorted. */
    public ObservableList<AlarmRow> rows() {
        return rows;
    }

    /** Whether shelved, suppressed and out-of-service alarms are listed too. */
    public BooleanProperty showHiddenProperty() {
        return showHidden;
    }

    /** Number of shelved, suppressed and out-of-service alarms. */
    public ReadOnlyIntegerProperty hiddenCountProperty() {
        return hiddenCount.getReadOnlyProperty();
    }

    /** The latest message for the operator (a refused action), empty if none. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The longest shelving the site allows. */
    public Duration maxShelve() {
        return services.maxShelve();
    }

    /** The documented rationale of an alarm, for the operator. */
    public AlarmOptions.Rationale rationale(String alarmId) {
        return services.options(alarmId).rationale();
    }

    /** True when acknowledging any of these alarms needs a note. */
    public boolean ackNoteRequired(Collection<AlarmRow> which) {
        return which.stream().anyMatch(r -> r.state().needsAck() && services.options(r.alarmId()).ackNoteRequired());
    }

    /** Replaces every row with these alarms (after a replay's seek or a switch of source). */
    public void replaceAll(List<AlarmTransition> standing) {
        current.clear();
        apply(standing);
    }

    /** Applies transitions in order: NORMAL removes the alarm, anything else adds or replaces it. */
    public void apply(List<AlarmTransition> transitions) {
        for (AlarmTransition t : transitions) {
            if (t.to() == AlarmState.NORMAL) {
                current.remove(t.alarmId());
            } else {
                current.put(t.alarmId(), AlarmRow.of(t, units.getOrDefault(t.tag(), "")));
            }
        }
        publish();
    }

    private void publish() {
        boolean all = showHidden.get();
        List<AlarmRow> shown = current.values().stream().filter(r -> all || !r.state().isHidden()).sorted(ORDER).toList();
        hiddenCount.set((int) current.values().stream().filter(r -> r.state().isHidden()).count());
        if (!shown.equals(rows)) {
            rows.setAll(shown);
        }
    }

    /** Acknowledges one alarm as the logged-in operator. */
    public void acknowledge(String alarmId, String note) {
        run(alarmId, "Acknowledgement", () -> services.acknowledge(alarmId, note));
    }

    /** Acknowledges every listed alarm that waits for acknowledgement (e.g. all visible, or the selection). */
    public void acknowledgeAll(Collection<AlarmRow> which, String note) {
        List<String> ids = new ArrayList<>();
        which.forEach(r -> {
            if (r.state().needsAck()) {
                ids.add(r.alarmId());
            }
        });
        ids.forEach(id -> acknowledge(id, note));
    }

    /** Shelves an alarm. */
    public void shelve(String alarmId, Duration duration, String reason) {
        run(alarmId, "Shelving", () -> services.shelve(alarmId, duration, reason));
    }

    /** Ends shelving. */
    public void unshelve(String alarmId) {
        run(alarmId, "Unshelving", () -> services.unshelve(alarmId));
    }

    /** Removes an alarm from service. */
    public void removeFromService(String alarmId, String reason) {
        run(alarmId, "Removal from service", () -> services.removeFromService(alarmId, reason));
    }

    /** Returns an alarm to service. */
    public void returnToService(String alarmId) {
        run(alarmId, "Return to service", () -> services.returnToService(alarmId));
    }

    /** Resets a latched alarm. */
    public void reset(String alarmId) {
        run(alarmId, "Reset", () -> services.reset(alarmId));
    }

    /** The operator the actions are taken as (the logged-in one), for the dialogs. */
    public String operator() {
        return services.principal().operator();
    }

    /**
     * Whether the console's operator may act on alarms (logged in with the operator role or more,
     * not locked): the buttons follow it; the service checks again. Set at the UI cadence.
     */
    public BooleanProperty mayActProperty() {
        return mayAct;
    }

    private void run(String alarmId, String what, Action action) {
        actions.execute(() -> {
            try {
                action.run();
            } catch (AlarmActionException | NotPermittedException e) {
                feed.postMessage(e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("{} of {} failed", what, alarmId, e);
                feed.postMessage(what + " of " + alarmId + " was not recorded: " + e.getMessage());
            }
        });
    }

    /** Shows a message to the operator. FX thread. */
    public void showMessage(String m) {
        message.set(m);
    }
}
