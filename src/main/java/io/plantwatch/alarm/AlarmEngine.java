package io.plantwatch.alarm;

import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.AlarmTransition.Cause;
import io.plantwatch.domain.LimitSpec;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.SuppressionRule;
import io.plantwatch.domain.TagDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limit alarms evaluated on every reading as it enters the journal (DESIGN.md decision 4), with the
 * alarm states of ANSI/ISA-18.2-2016 §11.5 / IEC 62682.
 *
 * <p>Each alarm has a process condition ({@link LimitCondition}: deadband, on- and off-delay in
 * event time), an acknowledgement, an optional latch, and three ways of being hidden from
 * annunciation: shelved by an operator until a time (at most the site's maximum), suppressed by
 * design while a {@link SuppressionRule} holds, and out of service. The displayed
 * {@link AlarmState} is derived from these, hidden states first (OUT_OF_SERVICE over SUPPRESSED
 * over SHELVED):
 *
 * <pre>
 * in alarm = process active or latched
 * UNACK     in alarm, not acknowledged        ACKED     in alarm, acknowledged
 * RTN_UNACK returned, not acknowledged        NORMAL    returned, acknowledged
 * </pre>
 *
 * When an alarm comes back from a hidden state it is re-annunciated: UNACK if its process condition
 * is active, else NORMAL. The process condition is evaluated while hidden, and its changes are
 * journaled too, but they do not count as annunciated activations.
 *
 * <p>Every transition, with the alarm's full {@link AlarmTransition.Flags}, is written to the
 * {@link AlarmJournalStore} before listeners hear of it. If an operator action cannot be
 * journaled, it is undone and the {@link AlarmStoreException} propagates. After a restart
 * {@link #restore()} brings every alarm back exactly. Readings at or before an alarm's last
 * persisted event time are then skipped for that alarm, so replaying the same data repeats nothing
 * (ADR 0003).
 *
 * <p>Threading: all methods are synchronised; listeners run inside the lock and must not block.
 */
public final class AlarmEngine {

    /** Longest shelving an operator may ask for unless the site sets another (ISA-18.2 §11.6: shelving is time-limited). */
    public static final Duration DEFAULT_MAX_SHELVE = Duration.ofHours(8);

    private static final Logger LOG = LoggerFactory.getLogger(AlarmEngine.class);

    private final Map<String, Alarm[]> byTag = new HashMap<>();
    private final Map<String, Alarm> byId = new LinkedHashMap<>();
    private final Map<String, List<Suppression>> suppressionsByConditionTag = new HashMap<>();
    private final AlarmJournalStore store;
    private final Clock clock;
    private final Duration maxShelve;
    private final List<AlarmListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong activations = new AtomicLong();
    private final AtomicLong storeFailures = new AtomicLong();

    /** One alarm's mutable state; every field is journaled through {@link AlarmTransition.Flags}. */
    private static final class Alarm {
        final String id;
        final String tag;
        final LimitSpec spec;
        final LimitCondition condition;
        boolean processActive;
        boolean acked = true;
        boolean latched;
        Instant shelvedUntil;
        boolean suppressed;
        boolean outOfService;
        AlarmTransition last;
        long resumeAfter = Long.MIN_VALUE;
        long lastSeenEventTime = Long.MIN_VALUE;
        double lastValue = Double.NaN;

        Alarm(String tag, LimitSpec spec) {
            this.id = AlarmTransition.alarmId(tag, spec.level());
            this.tag = tag;
            this.spec = spec;
            this.condition = new LimitCondition(spec);
        }

        boolean hidden() {
            return outOfService || suppressed || shelvedUntil != null;
        }

        AlarmState state() {
            if (outOfService) {
                return AlarmState.OUT_OF_SERVICE;
            }
            if (suppressed) {
                return AlarmState.SUPPRESSED;
            }
            if (shelvedUntil != null) {
                return AlarmState.SHELVED;
            }
            if (processActive || latched) {
                return acked ? AlarmState.ACKED : AlarmState.UNACK;
            }
            return acked ? AlarmState.NORMAL : AlarmState.RTN_UNACK;
        }

        /** Coming back from a hidden state: annunciate again according to the process condition. */
        void reannunciate() {
            if (!hidden()) {
                acked = !processActive;
                latched = false;
            }
        }

        Saved save() {
            return new Saved(processActive, acked, latched, shelvedUntil, suppressed, outOfService);
        }

        void restore(Saved s) {
            processActive = s.processActive;
            acked = s.acked;
            latched = s.latched;
            shelvedUntil = s.shelvedUntil;
            suppressed = s.suppressed;
            outOfService = s.outOfService;
        }
    }

    private record Saved(boolean processActive, boolean acked, boolean latched, Instant shelvedUntil,
            boolean suppressed, boolean outOfService) {
    }

    /** A suppress-by-design rule and the alarms it hides. */
    private static final class Suppression {
        final SuppressionRule rule;
        final Alarm[] alarms;
        boolean holds;

        Suppression(SuppressionRule rule, Alarm[] alarms) {
            this.rule = rule;
            this.alarms = alarms;
        }
    }

    /** An engine with the default maximum shelving time, {@link #DEFAULT_MAX_SHELVE}. */
    public AlarmEngine(Collection<TagDefinition> tags, AlarmJournalStore store, Clock clock) {
        this(tags, store, clock, DEFAULT_MAX_SHELVE);
    }

    /**
     * @param tags      configured tags; one alarm per configured limit
     * @param store     the alarm journal
     * @param clock     wall clock: journal wall time and shelving expiry
     * @param maxShelve longest shelving an operator may ask for
     */
    public AlarmEngine(Collection<TagDefinition> tags, AlarmJournalStore store, Clock clock, Duration maxShelve) {
        this.store = store;
        this.clock = clock;
        this.maxShelve = maxShelve;
        for (TagDefinition t : tags) {
            Alarm[] alarms = t.limits().stream().map(l -> new Alarm(t.tag(), l)).toArray(Alarm[]::new);
            byTag.put(t.tag(), alarms);
            for (Alarm a : alarms) {
                byId.put(a.id, a);
            }
            if (t.suppressWhen() != null && alarms.length > 0) {
                suppressionsByConditionTag.computeIfAbsent(t.suppressWhen().tag(), k -> new ArrayList<>())
                        .add(new Suppression(t.suppressWhen(), alarms));
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
            Alarm a = t.level() == io.plantwatch.domain.LimitLevel.ANOMALY
                    ? anomalyAlarm(t.tag(), t.priority(), t.limit()) : byId.get(t.alarmId());
            if (a == null) {
                LOG.warn("alarm {} is in the journal but no longer configured; ignored", t.alarmId());
                continue;
            }
            AlarmTransition.Flags f = t.flags();
            a.processActive = f.processActive();
            a.latched = f.latched();
            a.shelvedUntil = f.shelvedUntil();
            a.suppressed = f.suppressed();
            a.outOfService = f.outOfService();
            a.acked = !t.to().needsAck();
            a.last = t;
            a.lastValue = t.value();
            a.resumeAfter = t.eventTimeMillis();
            a.lastSeenEventTime = t.eventTimeMillis();
            a.condition.restore(f.processActive());
            n++;
        }
        for (List<Suppression> list : suppressionsByConditionTag.values()) {
            for (Suppression s : list) {
                s.holds = s.alarms.length > 0 && s.alarms[0].suppressed;
            }
        }
        return n;
    }

    /** Evaluates suppress-by-design rules that watch this tag, then every limit of the tag. */
    public synchronized void onReading(Reading r) {
        List<Suppression> rules = suppressionsByConditionTag.get(r.tag());
        if (rules != null) {
            for (Suppression s : rules) {
                applySuppression(s, r);
            }
        }
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
            a.lastValue = r.value();
            switch (a.condition.evaluate(r.value(), r.eventTimeMillis())) {
                case ACTIVATED -> activate(a, r.eventTimeMillis(), r.value(), "");
                case RETURNED -> returnToNormal(a, r.eventTimeMillis(), r.value(), "");
                case NONE -> { }
            }
        }
    }

    private void activate(Alarm a, long eventTime, double value, String comment) {
        Saved before = a.save();
        AlarmState from = a.state();
        a.processActive = true;
        if (!a.hidden()) {
            a.acked = false;
            activations.incrementAndGet();
        }
        commit(a, before, Cause.ACTIVATE, from, eventTime, value, "system", comment, false);
    }

    private void returnToNormal(Alarm a, long eventTime, double value, String comment) {
        Saved before = a.save();
        AlarmState from = a.state();
        a.processActive = false;
        if (!a.hidden() && a.spec.options().latching() && from.isActive()) {
            a.latched = true;
        }
        commit(a, before, Cause.RETURN, from, eventTime, value, "system", comment, false);
    }

    /**
     * An anomaly detector's alarm started or ended (ADR 0005): raises or returns the ANOMALY alarm
     * {@code source:ANOMALY}, created on first use with the event's priority. Its value is the
     * detector's score and its limit the score's limit; the comment names the detector and window.
     * Events at or before the alarm's last journaled event time are ignored, as for readings.
     */
    public synchronized void onAnomaly(io.plantwatch.domain.AnomalyEvent e) {
        Alarm a = anomalyAlarm(e.source(), e.priority(), e.limit());
        if (e.windowEndMillis() <= a.resumeAfter) {
            return;
        }
        a.resumeAfter = Long.MIN_VALUE;
        a.lastSeenEventTime = e.windowEndMillis();
        a.lastValue = e.score();
        String comment = e.detector() + " " + String.format(java.util.Locale.ROOT, "%.2f", e.score()) + " (limit "
                + String.format(java.util.Locale.ROOT, "%.2f", e.limit()) + ") in window "
                + Instant.ofEpochMilli(e.windowStartMillis()) + " – " + Instant.ofEpochMilli(e.windowEndMillis());
        if (e.active() && !a.processActive) {
            activate(a, e.windowEndMillis(), e.score(), comment);
        } else if (!e.active() && a.processActive) {
            returnToNormal(a, e.windowEndMillis(), e.score(), comment);
        }
    }

    private Alarm anomalyAlarm(String source, int priority, double limit) {
        String id = AlarmTransition.alarmId(source, io.plantwatch.domain.LimitLevel.ANOMALY);
        return byId.computeIfAbsent(id, k -> new Alarm(source, new LimitSpec(io.plantwatch.domain.LimitLevel.ANOMALY,
                Double.isFinite(limit) ? limit : 0, priority, 0, 0)));
    }

    private void applySuppression(Suppression s, Reading r) {
        boolean holds = s.rule.suppresses(r.value());
        if (holds == s.holds) {
            return;
        }
        s.holds = holds;
        String actor = "design: " + s.rule.describe();
        for (Alarm a : s.alarms) {
            if (a.suppressed == holds) {
                continue;
            }
            Saved before = a.save();
            AlarmState from = a.state();
            a.suppressed = holds;
            if (!holds) {
                a.reannunciate();
            }
            long t = Math.max(r.eventTimeMillis(), a.lastSeenEventTime);
            commit(a, before, holds ? Cause.SUPPRESS : Cause.UNSUPPRESS, from, t, a.lastValue, actor,
                    s.rule.tag() + " = " + r.value(), false);
        }
    }

    /**
     * Acknowledges an alarm: UNACK → ACKED, RTN_UNACK → NORMAL.
     *
     * @param operator who acknowledges; required
     * @param note     comment; required when the alarm's options say so
     * @return the persisted transition
     * @throws AlarmActionException when the alarm is unknown, needs no acknowledgement, or the operator or a required note is missing
     * @throws AlarmStoreException  when it could not be journaled (the alarm is then unchanged)
     */
    public synchronized AlarmTransition acknowledge(String alarmId, String operator, String note)
            throws AlarmActionException {
        Alarm a = operatorTarget(alarmId, operator, "acknowledge");
        if (!a.state().needsAck()) {
            throw new AlarmActionException(alarmId + " is " + a.state() + " and needs no acknowledgement");
        }
        if (a.spec.options().ackNoteRequired() && (note == null || note.isBlank())) {
            throw new AlarmActionException(alarmId + " needs a note with its acknowledgement");
        }
        Saved before = a.save();
        AlarmState from = a.state();
        a.acked = true;
        return operatorCommit(a, before, Cause.ACKNOWLEDGE, from, operator, note);
    }

    /**
     * Shelves an alarm for a time: it is not annunciated until then (or until unshelved), then comes
     * back according to its process condition.
     *
     * @param duration how long, at most the site's maximum
     * @param reason   why; required
     * @throws AlarmActionException when shelving is not allowed for the alarm, the duration is out
     *                              of range, the reason is missing, or the alarm is already hidden
     */
    public synchronized AlarmTransition shelve(String alarmId, String operator, Duration duration, String reason)
            throws AlarmActionException {
        Alarm a = operatorTarget(alarmId, operator, "shelve");
        if (!a.spec.options().shelvingAllowed()) {
            throw new AlarmActionException(alarmId + " may not be shelved (site configuration)");
        }
        if (duration == null || duration.isZero() || duration.isNegative() || duration.compareTo(maxShelve) > 0) {
            throw new AlarmActionException("shelving time must be more than 0 and at most " + maxShelve.toMinutes()
                    + " minutes, was " + (duration == null ? "none" : duration.toMinutes() + " minutes"));
        }
        if (reason == null || reason.isBlank()) {
            throw new AlarmActionException("give a reason to shelve " + alarmId);
        }
        if (a.hidden()) {
            throw new AlarmActionException(alarmId + " is " + a.state() + " and cannot be shelved");
        }
        Saved before = a.save();
        AlarmState from = a.state();
        a.shelvedUntil = clock.instant().plus(duration);
        a.acked = true;
        a.latched = false;
        return operatorCommit(a, before, Cause.SHELVE, from, operator, reason);
    }

    /**
     * Ends shelving before its time.
     *
     * @throws AlarmActionException when the alarm is not shelved
     */
    public synchronized AlarmTransition unshelve(String alarmId, String operator) throws AlarmActionException {
        Alarm a = operatorTarget(alarmId, operator, "unshelve");
        if (a.shelvedUntil == null) {
            throw new AlarmActionException(alarmId + " is not shelved");
        }
        Saved before = a.save();
        AlarmState from = a.state();
        a.shelvedUntil = null;
        a.reannunciate();
        return operatorCommit(a, before, Cause.UNSHELVE, from, operator, "");
    }

    /**
     * Unshelves every alarm whose shelving time has run out (wall clock). Call it periodically.
     *
     * @return the number unshelved
     */
    public synchronized int expireShelving() {
        Instant now = clock.instant();
        int n = 0;
        for (Alarm a : byId.values()) {
            if (a.shelvedUntil != null && !now.isBefore(a.shelvedUntil)) {
                Saved before = a.save();
                AlarmState from = a.state();
                a.shelvedUntil = null;
                a.reannunciate();
                commit(a, before, Cause.UNSHELVE, from, eventTime(a), a.lastValue, "system", "shelving expired", false);
                n++;
            }
        }
        return n;
    }

    /**
     * Removes an alarm from service (maintenance): not annunciated until returned to service.
     *
     * @throws AlarmActionException when it is already out of service or no reason is given
     */
    public synchronized AlarmTransition removeFromService(String alarmId, String operator, String reason)
            throws AlarmActionException {
        Alarm a = operatorTarget(alarmId, operator, "remove from service");
        if (a.outOfService) {
            throw new AlarmActionException(alarmId + " is already out of service");
        }
        if (reason == null || reason.isBlank()) {
            throw new AlarmActionException("give a reason to remove " + alarmId + " from service");
        }
        Saved before = a.save();
        AlarmState from = a.state();
        a.outOfService = true;
        return operatorCommit(a, before, Cause.REMOVE_FROM_SERVICE, from, operator, reason);
    }

    /**
     * Returns an alarm to service; it is re-annunciated according to its process condition.
     *
     * @throws AlarmActionException when it is not out of service
     */
    public synchronized AlarmTransition returnToService(String alarmId, String operator) throws AlarmActionException {
        Alarm a = operatorTarget(alarmId, operator, "return to service");
        if (!a.outOfService) {
            throw new AlarmActionException(alarmId + " is in service");
        }
        Saved before = a.save();
        AlarmState from = a.state();
        a.outOfService = false;
        a.reannunciate();
        return operatorCommit(a, before, Cause.RETURN_TO_SERVICE, from, operator, "");
    }

    /**
     * Resets a latched alarm whose process has returned and which has been acknowledged.
     *
     * @throws AlarmActionException when the alarm is not latching, not latched, not yet acknowledged
     *                              or its process is still beyond the limit
     */
    public synchronized AlarmTransition reset(String alarmId, String operator) throws AlarmActionException {
        Alarm a = operatorTarget(alarmId, operator, "reset");
        if (!a.spec.options().latching()) {
            throw new AlarmActionException(alarmId + " is not a latching alarm");
        }
        if (a.processActive) {
            throw new AlarmActionException(alarmId + " cannot be reset: the value is still beyond the limit");
        }
        if (!a.latched) {
            throw new AlarmActionException(alarmId + " is not latched");
        }
        if (!a.acked) {
            throw new AlarmActionException("acknowledge " + alarmId + " before resetting it");
        }
        Saved before = a.save();
        AlarmState from = a.state();
        a.latched = false;
        return operatorCommit(a, before, Cause.RESET, from, operator, "");
    }

    private Alarm operatorTarget(String alarmId, String operator, String action) throws AlarmActionException {
        Alarm a = byId.get(alarmId);
        if (a == null) {
            throw new AlarmActionException("no alarm " + alarmId + " is configured");
        }
        if (operator == null || operator.isBlank()) {
            throw new AlarmActionException("enter the operator's name to " + action + " " + alarmId);
        }
        return a;
    }

    private AlarmTransition operatorCommit(Alarm a, Saved before, Cause cause, AlarmState from, String operator,
            String comment) {
        return commit(a, before, cause, from, eventTime(a), a.lastValue, operator.trim(), comment, true);
    }

    private static long eventTime(Alarm a) {
        if (a.lastSeenEventTime != Long.MIN_VALUE) {
            return a.lastSeenEventTime;
        }
        return a.last == null ? 0 : a.last.eventTimeMillis();
    }

    private AlarmTransition commit(Alarm a, Saved before, Cause cause, AlarmState from, long eventTime, double value,
            String actor, String comment, boolean operatorAction) {
        AlarmTransition t = new AlarmTransition(a.id, a.tag, a.spec.level(), a.spec.priority(), cause, from, a.state(),
                eventTime, clock.instant(), value, a.spec.value(), actor, comment,
                new AlarmTransition.Flags(a.processActive, a.latched, a.shelvedUntil, a.suppressed, a.outOfService));
        try {
            store.record(t);
        } catch (AlarmStoreException e) {
            if (operatorAction) {
                a.restore(before);
                throw e;
            }
            storeFailures.incrementAndGet();
            LOG.error("alarm transition {} {} -> {} could not be journaled; the alarm stays raised", a.id, from,
                    t.to(), e);
        }
        a.last = t;
        for (AlarmListener l : listeners) {
            l.onTransition(t);
        }
        return t;
    }

    /** The latest transition of every alarm that is not NORMAL (hidden ones included), most urgent first, then newest. */
    public synchronized List<AlarmTransition> standing() {
        List<AlarmTransition> out = new ArrayList<>();
        for (Alarm a : byId.values()) {
            if (a.state() != AlarmState.NORMAL && a.last != null) {
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
        return a == null ? AlarmState.NORMAL : a.state();
    }

    /** The configured limit of an alarm (with its options and rationale), if the id is known. */
    public synchronized Optional<LimitSpec> limit(String alarmId) {
        Alarm a = byId.get(alarmId);
        return a == null ? Optional.empty() : Optional.of(a.spec);
    }

    /** The longest shelving an operator may ask for. */
    public Duration maxShelve() {
        return maxShelve;
    }

    /** Annunciated activations (not counting those while shelved, suppressed or out of service) since creation. */
    public long activations() {
        return activations.get();
    }

    /** Process transitions that could not be journaled since start (logged as errors). */
    public long storeFailures() {
        return storeFailures.get();
    }
}
