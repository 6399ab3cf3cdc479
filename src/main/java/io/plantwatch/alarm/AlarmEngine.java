package io.plantwatch.alarm;

import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.AlarmTransition.Cause;
import io.plantwatch.domain.LimitSpec;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.TagDefinition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limit alarms evaluated on every reading as it enters the journal (DESIGN.md decision 4), with
 * the ISA-18.2 / IEC 62682 states NORMAL → UNACK → ACKED → NORMAL and UNACK → RTN_UNACK → NORMAL.
 *
 * <p>Every transition is written to the {@link AlarmJournalStore} before listeners hear of it.
 * After a restart {@link #restore()} brings back each alarm's state from the store; readings at or
 * before an alarm's last persisted transition (event time) are then not evaluated again for that
 * alarm, so replaying the same recording neither repeats an alarm nor undoes an acknowledgement.
 *
 * <p>Threading: all methods are synchronised; {@link #onReading} is called on the ingest thread,
 * {@link #acknowledge} on a background executor. Listeners run inside the lock and must not block.
 */
public final class AlarmEngine {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmEngine.class);

    private final Map<String, Alarm[]> byTag = new HashMap<>();
    private final Map<String, Alarm> byId = new LinkedHashMap<>();
    private final AlarmJournalStore store;
    private final Clock clock;
    private final List<AlarmListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong activations = new AtomicLong();
    private final AtomicLong storeFailures = new AtomicLong();

    private static final class Alarm {
        final String id;
        final String tag;
        final LimitCondition condition;
        AlarmState state = AlarmState.NORMAL;
        AlarmTransition last;
        long resumeAfter = Long.MIN_VALUE;
        long lastSeenEventTime = Long.MIN_VALUE;

        Alarm(String tag, LimitSpec spec) {
            this.id = AlarmTransition.alarmId(tag, spec.level());
            this.tag = tag;
            this.condition = new LimitCondition(spec);
        }
    }

    /**
     * @param tags  configured tags; one alarm per configured limit
     * @param store the alarm journal
     * @param clock wall clock for the journal's wall time
     */
    public AlarmEngine(Collection<TagDefinition> tags, AlarmJournalStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        for (TagDefinition t : tags) {
            Alarm[] alarms = t.limits().stream().map(l -> new Alarm(t.tag(), l)).toArray(Alarm[]::new);
            byTag.put(t.tag(), alarms);
            for (Alarm a : alarms) {
                byId.put(a.id, a);
            }
        }
    }

    /** Adds a listener for transitions. */
    public void addListener(AlarmListener listener) {
        listeners.add(listener);
    }

    /**
     * Restores each alarm's state from its latest persisted transition.
     *
     * @return number of alarms restored
     * @throws AlarmStoreException when the journal cannot be read
     */
    public synchronized int restore() {
        int n = 0;
        for (AlarmTransition t : store.latestPerAlarm()) {
            Alarm a = byId.get(t.alarmId());
            if (a == null) {
                LOG.warn("alarm {} is in the journal but no longer configured; ignored", t.alarmId());
                continue;
            }
            a.state = t.to();
            a.last = t;
            a.resumeAfter = t.eventTimeMillis();
            a.lastSeenEventTime = t.eventTimeMillis();
            a.condition.restore(t.to().isActive());
            n++;
        }
        return n;
    }

    /** Evaluates every limit of the reading's tag; unconfigured tags raise no alarms. */
    public synchronized void onReading(Reading r) {
        Alarm[] alarms = byTag.get(r.tag());
        if (alarms == null) {
            return;
        }
        for (Alarm a : alarms) {
            if (r.eventTimeMillis() <= a.resumeAfter) {
                continue;
            }
            a.resumeAfter = Long.MIN_VALUE;
            a.lastSeenEventTime = r.eventTimeMillis();
            switch (a.condition.evaluate(r.value(), r.eventTimeMillis())) {
                case ACTIVATED -> {
                    activations.incrementAndGet();
                    AlarmState to = a.state == AlarmState.ACKED ? AlarmState.ACKED : AlarmState.UNACK;
                    transition(a, Cause.ACTIVATE, to, r.eventTimeMillis(), r.value(), "system", "");
                }
                case RETURNED -> {
                    AlarmState to = a.state == AlarmState.ACKED ? AlarmState.NORMAL : AlarmState.RTN_UNACK;
                    transition(a, Cause.RETURN, to, r.eventTimeMillis(), r.value(), "system", "");
                }
                case NONE -> { }
            }
        }
    }

    /**
     * Acknowledges an alarm: UNACK → ACKED, RTN_UNACK → NORMAL.
     *
     * @param operator who acknowledges; required
     * @param note     optional comment
     * @return the persisted transition
     * @throws AlarmActionException when the alarm is unknown, does not need acknowledging, or no operator is given
     * @throws AlarmStoreException  when the acknowledgement could not be persisted (the state is then unchanged)
     */
    public synchronized AlarmTransition acknowledge(String alarmId, String operator, String note)
            throws AlarmActionException {
        Alarm a = byId.get(alarmId);
        if (a == null) {
            throw new AlarmActionException("no alarm " + alarmId + " is configured");
        }
        if (operator == null || operator.isBlank()) {
            throw new AlarmActionException("enter the operator's name to acknowledge " + alarmId);
        }
        if (!a.state.needsAck()) {
            throw new AlarmActionException(alarmId + " is " + a.state + " and needs no acknowledgement");
        }
        AlarmState to = a.state == AlarmState.UNACK ? AlarmState.ACKED : AlarmState.NORMAL;
        long eventTime = a.lastSeenEventTime == Long.MIN_VALUE ? a.last.eventTimeMillis() : a.lastSeenEventTime;
        double value = a.last == null ? Double.NaN : a.last.value();
        return transition(a, Cause.ACKNOWLEDGE, to, eventTime, value, operator.trim(), note);
    }

    private AlarmTransition transition(Alarm a, Cause cause, AlarmState to, long eventTime, double value,
            String actor, String comment) {
        LimitSpec spec = a.condition.spec();
        AlarmTransition t = new AlarmTransition(a.id, a.tag, spec.level(), spec.priority(), cause, a.state, to,
                eventTime, clock.instant(), value, spec.value(), actor, comment);
        try {
            store.record(t);
        } catch (AlarmStoreException e) {
            if (cause == Cause.ACKNOWLEDGE) {
                throw e;
            }
            storeFailures.incrementAndGet();
            LOG.error("alarm transition {} {} -> {} could not be journaled; the alarm is still raised", a.id, a.state,
                    to, e);
        }
        a.state = to;
        a.last = t;
        for (AlarmListener l : listeners) {
            l.onTransition(t);
        }
        return t;
    }

    /** The latest transition of every alarm that is not NORMAL, most urgent priority first, then newest. */
    public synchronized List<AlarmTransition> standing() {
        List<AlarmTransition> out = new ArrayList<>();
        for (Alarm a : byId.values()) {
            if (a.state != AlarmState.NORMAL && a.last != null) {
                out.add(a.last);
            }
        }
        out.sort(Comparator.comparingInt(AlarmTransition::priority)
                .thenComparing(Comparator.comparingLong(AlarmTransition::eventTimeMillis).reversed()));
        return out;
    }

    /** Current state of one alarm, NORMAL for unknown ids. */
    public synchronized AlarmState state(String alarmId) {
        Alarm a = byId.get(alarmId);
        return a == null ? AlarmState.NORMAL : a.state;
    }

    /** Activations (NORMAL/RTN → active) since this engine was created. */
    public long activations() {
        return activations.get();
    }

    /** Process transitions that could not be journaled since start (logged as errors). */
    public long storeFailures() {
        return storeFailures.get();
    }
}
