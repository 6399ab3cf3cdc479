package io.plantwatch.ui.kpi;

import io.plantwatch.alarm.kpi.AlarmKpiCalculator;
import io.plantwatch.alarm.kpi.AlarmKpiThresholds;
import io.plantwatch.alarm.kpi.AlarmKpis;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.ui.ConsoleServices;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alarm-system KPIs of EEMUA 191 / ISA-18.2 ({@link AlarmKpiCalculator}) over a chosen range of
 * the alarm journal, each rated against its benchmark.
 *
 * <p>The range ends at the console's event-time clock (the newest event time seen, or the newest
 * journaled transition if that is later), so that a replayed recording is measured in its own
 * time, not the wall clock's. "All" starts at the first journaled transition, and covers at least
 * one 10-minute period so that a handful of alarms does not read as a rate per 10 minutes of a
 * few seconds.
 *
 * <p>The computation (journal read and KPIs) runs on the query executor; its result is left in a
 * pending slot that {@link #refresh()} applies at the UI cadence (ADR 0004). Everything else runs
 * on the FX thread.
 */
public final class KpiViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(KpiViewModel.class);

    /** Shown range ends, UTC. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /**
     * Target share of time in flood, percent: ISA-18.2-2016 Table 9 ("percentage of 10-minute periods
     * containing more than 10 alarms", ~&lt;1 %).
     */
    public static final double FLOOD_TARGET_PERCENT = 1.0;

    /**
     * Stale (standing) alarms at which the KPI is breached: ISA-18.2-2016 Table 9 asks for fewer than 5
     * present on any day.
     */
    public static final int STANDING_LIMIT = 5;

    /** The range of event time the KPIs cover, ending at the console's event-time clock. */
    public enum Range {
        /** The last hour. */
        LAST_HOUR("Last 1 h", Duration.ofHours(1)),
        /** The last 24 hours. */
        LAST_DAY("Last 24 h", Duration.ofHours(24)),
        /** The last 7 days. */
        LAST_WEEK("Last 7 d", Duration.ofDays(7)),
        /** From the first journaled transition. */
        ALL("All", null);

        private final String label;
        private final Duration length;

        Range(String label, Duration length) {
            this.label = label;
            this.length = length;
        }

        /** The range's length; null for {@link #ALL}. */
        public Duration length() {
            return length;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** How a KPI compares with its benchmark. */
    public enum Rating {
        /** Within the benchmark (EEMUA 191 "very likely to be acceptable"); shown grey. */
        ACCEPTABLE,
        /** Above the acceptable level but within the manageable one; shown in the attention colour. */
        MANAGEABLE,
        /** Beyond the benchmark; shown in the breach colour. */
        BREACH
    }

    /** A finished computation: the KPIs, or why there are none. */
    private record Result(long seq, AlarmKpis kpis, String message) {
    }

    private final ConsoleServices services;
    private final Executor queries;

    private final ObjectProperty<Range> range = new SimpleObjectProperty<>(Range.LAST_DAY);
    private final ObjectProperty<Integer> operators = new SimpleObjectProperty<>(1);

    private final ReadOnlyObjectWrapper<AlarmKpis> kpis = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper rangeText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper activations = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper average = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper peak = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper peakPeriod = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper flood = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper chatteringCount = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper standingCount = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper topTenShare = new ReadOnlyStringWrapper("—");
    private final ReadOnlyObjectWrapper<Rating> averageRating = new ReadOnlyObjectWrapper<>(Rating.ACCEPTABLE);
    private final ReadOnlyObjectWrapper<Rating> peakRating = new ReadOnlyObjectWrapper<>(Rating.ACCEPTABLE);
    private final ReadOnlyObjectWrapper<Rating> floodRating = new ReadOnlyObjectWrapper<>(Rating.ACCEPTABLE);
    private final ReadOnlyObjectWrapper<Rating> chatteringRating = new ReadOnlyObjectWrapper<>(Rating.ACCEPTABLE);
    private final ReadOnlyObjectWrapper<Rating> standingRating = new ReadOnlyObjectWrapper<>(Rating.ACCEPTABLE);
    private final ObservableList<AlarmKpis.ChatteringAlarm> chattering = FXCollections.observableArrayList();
    private final ObservableList<AlarmKpis.StandingAlarm> standing = FXCollections.observableArrayList();
    private final ObservableList<AlarmKpis.FrequentAlarm> topTen = FXCollections.observableArrayList();
    private final ObservableList<AlarmKpis.PriorityShare> priorities = FXCollections.observableArrayList();
    private final ObservableList<AlarmKpis.ChatteringAlarm> chatteringView =
            FXCollections.unmodifiableObservableList(chattering);
    private final ObservableList<AlarmKpis.StandingAlarm> standingView = FXCollections.unmodifiableObservableList(standing);
    private final ObservableList<AlarmKpis.FrequentAlarm> topTenView = FXCollections.unmodifiableObservableList(topTen);
    private final ObservableList<AlarmKpis.PriorityShare> prioritiesView =
            FXCollections.unmodifiableObservableList(priorities);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper(false);

    /** Set by a background computation, taken by {@link #refresh()}. */
    private final AtomicReference<Result> pending = new AtomicReference<>();
    private long requested;
    private long applied;

    /**
     * @param services the journal ({@link ConsoleServices#alarmJournal()}) and event-time clock
     * @param queries  executor for the computation (a background thread in the app, the calling thread
     *                 in tests)
     */
    public KpiViewModel(ConsoleServices services, Executor queries) {
        this.services = services;
        this.queries = queries;
        range.addListener((o, old, now) -> compute());
        operators.addListener((o, old, now) -> compute());
    }

    /** The range; changing it recomputes. */
    public ObjectProperty<Range> rangeProperty() {
        return range;
    }

    /** Operator positions sharing the alarm load, ≥ 1; changing it recomputes. */
    public ObjectProperty<Integer> operatorsProperty() {
        return operators;
    }

    /** The latest KPIs, null before the first computation. */
    public ReadOnlyObjectProperty<AlarmKpis> kpisProperty() {
        return kpis.getReadOnlyProperty();
    }

    /** The range the KPIs cover, UTC, and the operators. */
    public ReadOnlyStringProperty rangeTextProperty() {
        return rangeText.getReadOnlyProperty();
    }

    /** Alarms (annunciated activations) in the range. */
    public ReadOnlyStringProperty activationsProperty() {
        return activations.getReadOnlyProperty();
    }

    /** Average alarms per operator per 10 minutes, two decimals. */
    public ReadOnlyStringProperty averageProperty() {
        return average.getReadOnlyProperty();
    }

    /** Peak alarms per operator in one 10-minute period, two decimals. */
    public ReadOnlyStringProperty peakProperty() {
        return peak.getReadOnlyProperty();
    }

    /** Start of the busiest 10-minute period, UTC; empty when there were no alarms. */
    public ReadOnlyStringProperty peakPeriodProperty() {
        return peakPeriod.getReadOnlyProperty();
    }

    /** Share of time in flood, percent, one decimal. */
    public ReadOnlyStringProperty floodProperty() {
        return flood.getReadOnlyProperty();
    }

    /** Number of chattering alarms. */
    public ReadOnlyStringProperty chatteringCountProperty() {
        return chatteringCount.getReadOnlyProperty();
    }

    /** Number of standing alarms. */
    public ReadOnlyStringProperty standingCountProperty() {
        return standingCount.getReadOnlyProperty();
    }

    /** The ten most frequent alarms' share of all, percent, one decimal. */
    public ReadOnlyStringProperty topTenShareProperty() {
        return topTenShare.getReadOnlyProperty();
    }

    /** Average rate against EEMUA 191: ≤ 1 acceptable, ≤ 2 manageable, above that a breach. */
    public ReadOnlyObjectProperty<Rating> averageRatingProperty() {
        return averageRating.getReadOnlyProperty();
    }

    /**
     * Peak rate against the same EEMUA 191 levels as the average (≤ 1 acceptable, ≤ 2 manageable per
     * operator per 10 min); a busy period above them is what the flood KPI then weighs.
     */
    public ReadOnlyObjectProperty<Rating> peakRatingProperty() {
        return peakRating.getReadOnlyProperty();
    }

    /** Time in flood against ISA-18.2's target of under {@value #FLOOD_TARGET_PERCENT} %. */
    public ReadOnlyObjectProperty<Rating> floodRatingProperty() {
        return floodRating.getReadOnlyProperty();
    }

    /** Chattering alarms against the target of none. */
    public ReadOnlyObjectProperty<Rating> chatteringRatingProperty() {
        return chatteringRating.getReadOnlyProperty();
    }

    /** Standing alarms against ISA-18.2's target of fewer than {@value #STANDING_LIMIT}. */
    public ReadOnlyObjectProperty<Rating> standingRatingProperty() {
        return standingRating.getReadOnlyProperty();
    }

    /** Chattering alarms, most chattering first. */
    public ObservableList<AlarmKpis.ChatteringAlarm> chattering() {
        return chatteringView;
    }

    /** Standing alarms, oldest first. */
    public ObservableList<AlarmKpis.StandingAlarm> standing() {
        return standingView;
    }

    /** The up to ten most frequent alarms, most first. */
    public ObservableList<AlarmKpis.FrequentAlarm> topTen() {
        return topTenView;
    }

    /** Activations per priority 1–4 (four entries once computed). */
    public ObservableList<AlarmKpis.PriorityShare> priorities() {
        return prioritiesView;
    }

    /** Status of the computation: empty, computing, or why there are no KPIs. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True while a computation runs. */
    public ReadOnlyBooleanProperty computingProperty() {
        return computing.getReadOnlyProperty();
    }

    /**
     * The ISA-18.2 / EEMUA 191 target share of a priority, percent: 4 (low) ~80, 3 (medium) ~15,
     * 2 (high) ~5, 1 (highest) under 1.
     *
     * @throws IllegalArgumentException outside 1–4
     */
    public static double targetPercent(int priority) {
        return switch (priority) {
            case 1 -> 1.0;
            case 2 -> AlarmKpiThresholds.TARGET_HIGH_PRIORITY_PERCENT;
            case 3 -> AlarmKpiThresholds.TARGET_MEDIUM_PRIORITY_PERCENT;
            case 4 -> AlarmKpiThresholds.TARGET_LOW_PRIORITY_PERCENT;
            default -> throw new IllegalArgumentException("priority must be 1-4, was " + priority);
        };
    }

    /** Rates alarms per operator per 10 minutes against EEMUA 191 (≤ 1 acceptable, ≤ 2 manageable). */
    public static Rating rateRating(double perOperatorPer10Min) {
        return perOperatorPer10Min <= AlarmKpiThresholds.ACCEPTABLE_ALARMS_PER_10_MIN ? Rating.ACCEPTABLE
                : perOperatorPer10Min <= AlarmKpiThresholds.MANAGEABLE_ALARMS_PER_10_MIN ? Rating.MANAGEABLE
                : Rating.BREACH;
    }

    /**
     * Starts computing the KPIs for the current range and operators on the query executor. FX thread.
     */
    public void compute() {
        Range r = range.get() == null ? Range.ALL : range.get();
        int ops = operators.get() == null || operators.get() < 1 ? 1 : operators.get();
        long seq = ++requested;
        computing.set(true);
        message.set("Computing…");
        queries.execute(() -> {
            Result result;
            try {
                result = new Result(seq, computeNow(r, ops), "");
            } catch (RuntimeException e) {
                LOG.error("alarm KPIs could not be computed", e);
                result = new Result(seq, null, "KPIs could not be computed: " + e.getMessage());
            }
            Result done = result;
            pending.accumulateAndGet(done, (old, now) -> old == null || now.seq() > old.seq() ? now : old);
        });
    }

    /** Reads the journal and computes (query executor); null when there is nothing to measure yet. */
    private AlarmKpis computeNow(Range r, int ops) {
        List<AlarmTransition> journal = services.alarmJournal();
        long newest = Long.MIN_VALUE;
        long oldest = Long.MAX_VALUE;
        for (AlarmTransition t : journal) {
            newest = Math.max(newest, t.eventTimeMillis());
            oldest = Math.min(oldest, t.eventTimeMillis());
        }
        long clock = Math.max(newest, services.eventTimeMillis());
        if (clock == Long.MIN_VALUE) {
            return null;
        }
        long to = clock + 1;
        long from = r.length() != null ? to - r.length().toMillis()
                : Math.min(journal.isEmpty() ? to : oldest, to - AlarmKpiThresholds.BUCKET_MILLIS);
        return AlarmKpiCalculator.compute(journal, from, to, ops);
    }

    /** Applies a finished computation. Called by {@code ConsoleViewModel.refresh()}; FX thread. */
    public void refresh() {
        Result r = pending.getAndSet(null);
        if (r == null || r.seq() <= applied) {
            return;
        }
        applied = r.seq();
        computing.set(applied < requested);
        if (r.kpis() == null) {
            message.set(r.message().isEmpty() ? "No readings or alarms yet." : r.message());
            return;
        }
        message.set("");
        show(r.kpis());
    }

    private void show(AlarmKpis k) {
        kpis.set(k);
        rangeText.set(TIME.format(Instant.ofEpochMilli(k.fromMillis())) + " – "
                + TIME.format(Instant.ofEpochMilli(k.toMillis())) + " UTC (event time), " + k.operators()
                + (k.operators() == 1 ? " operator" : " operators"));
        activations.set(String.format("%,d", k.activations()));
        average.set(String.format("%.2f", k.averagePerOperatorPer10Min()));
        peak.set(String.format("%.2f", k.peakPerOperatorPer10Min()));
        peakPeriod.set(k.peakActivationsPer10Min() == 0 ? ""
                : "from " + TIME.format(Instant.ofEpochMilli(k.peakBucketStartMillis())) + " UTC");
        flood.set(String.format("%.1f %%", k.floodTimePercent()));
        chatteringCount.set(Integer.toString(k.chattering().size()));
        standingCount.set(Integer.toString(k.standing().size()));
        topTenShare.set(String.format("%.1f %%", k.topTenSharePercent()));
        averageRating.set(rateRating(k.averagePerOperatorPer10Min()));
        peakRating.set(rateRating(k.peakPerOperatorPer10Min()));
        floodRating.set(k.floodTimePercent() > FLOOD_TARGET_PERCENT ? Rating.BREACH : Rating.ACCEPTABLE);
        chatteringRating.set(k.chattering().isEmpty() ? Rating.ACCEPTABLE : Rating.BREACH);
        standingRating.set(k.standing().size() >= STANDING_LIMIT ? Rating.BREACH : Rating.ACCEPTABLE);
        chattering.setAll(k.chattering());
        standing.setAll(k.standing());
        topTen.setAll(k.topTen());
        priorities.setAll(k.priorities());
    }
}
