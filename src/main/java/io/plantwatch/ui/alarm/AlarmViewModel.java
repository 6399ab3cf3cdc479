package io.plantwatch.ui.alarm;

import io.plantwatch.alarm.AlarmActionException;
import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.ui.ConsoleFeed;
import io.plantwatch.ui.ConsoleServices;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alarm table: every alarm that is not NORMAL, most urgent priority first, then newest; and
 * acknowledgement. An acknowledgement runs on the actions executor; its transition comes back
 * through the feed like any other, and a refusal comes back as a message. FX thread only, except
 * that {@link #acknowledge} may be called from anywhere.
 */
public final class AlarmViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmViewModel.class);
    private static final Comparator<AlarmRow> ORDER = Comparator.comparingInt(AlarmRow::priority)
            .thenComparing(Comparator.comparingLong(AlarmRow::eventTimeMillis).reversed())
            .thenComparing(AlarmRow::alarmId);

    private final ConsoleServices services;
    private final ConsoleFeed feed;
    private final Executor actions;
    private final Map<String, String> units = new HashMap<>();
    private final ObservableList<AlarmRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lastOperator = new ReadOnlyStringWrapper("");

    public AlarmViewModel(ConsoleServices services, ConsoleFeed feed, Executor actions) {
        this.services = services;
        this.feed = feed;
        this.actions = actions;
        for (TagDefinition t : services.tags()) {
            units.put(t.tag(), t.unit());
        }
    }

    /** The rows, sorted; the view shows them as they are. */
    public ObservableList<AlarmRow> rows() {
        return rows;
    }

    /** The latest message for the operator (a refused action), empty if none. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The operator who acknowledged last, to prefill the dialog. */
    public ReadOnlyStringProperty lastOperatorProperty() {
        return lastOperator.getReadOnlyProperty();
    }

    /** Applies transitions in order: NORMAL removes the row, anything else adds or replaces it. */
    public void apply(List<AlarmTransition> transitions) {
        Map<String, AlarmRow> current = new HashMap<>();
        rows.forEach(r -> current.put(r.alarmId(), r));
        for (AlarmTransition t : transitions) {
            if (t.to() == AlarmState.NORMAL) {
                current.remove(t.alarmId());
            } else {
                current.put(t.alarmId(), AlarmRow.of(t, units.getOrDefault(t.tag(), "")));
            }
        }
        List<AlarmRow> sorted = current.values().stream().sorted(ORDER).toList();
        if (!sorted.equals(rows)) {
            rows.setAll(sorted);
        }
    }

    /**
     * Acknowledges an alarm on the actions executor.
     *
     * @param operator who acknowledges (required by the alarm model)
     * @param note     optional note
     */
    public void acknowledge(String alarmId, String operator, String note) {
        lastOperator.set(operator == null ? "" : operator.trim());
        actions.execute(() -> {
            try {
                services.acknowledge(alarmId, operator, note);
            } catch (AlarmActionException e) {
                feed.postMessage(e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("acknowledgement of {} failed", alarmId, e);
                feed.postMessage("Acknowledgement of " + alarmId + " was not recorded: " + e.getMessage());
            }
        });
    }

    /** Shows a message to the operator. FX thread. */
    public void showMessage(String m) {
        message.set(m);
    }
}
