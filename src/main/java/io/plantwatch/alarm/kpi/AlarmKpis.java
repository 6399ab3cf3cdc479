package io.plantwatch.alarm.kpi;

import java.util.List;

/**
 * Alarm-system performance KPIs of one operator console over the event-time range
 * {@code [fromMillis, toMillis)}, as computed by {@link AlarmKpiCalculator#compute}.
 *
 * <p>An "alarm" is one activation ({@code AlarmTransition.Cause.ACTIVATE}) whose event time lies in
 * the range. Times are epoch milliseconds of event time; percentages are 0–100 (never NaN: they are 0
 * when there is nothing to divide by). Thresholds and their sources: {@link AlarmKpiThresholds}.
 *
 * <p>Immutable and thread-safe; the lists are unmodifiable copies. The constructor throws
 * {@link NullPointerException} on a null list or list element.
 *
 * @param fromMillis                 start of the range, inclusive, epoch ms of event time
 * @param toMillis                   end of the range, exclusive, epoch ms of event time
 * @param operators                  operator positions sharing the load, ≥ 1
 * @param activations                activations in the range, all operators together
 * @param averagePerOperatorPer10Min mean alarms per operator per 10 minutes:
 *                                   {@code activations / operators / ((toMillis - fromMillis) / 600,000)}, i.e.
 *                                   over the exact length of the range, so partial first and last buckets
 *                                   count with their covered fraction. Compare with
 *                                   {@link AlarmKpiThresholds#ACCEPTABLE_ALARMS_PER_10_MIN} (~1) and
 *                                   {@link AlarmKpiThresholds#MANAGEABLE_ALARMS_PER_10_MIN} (~2)
 * @param peakActivationsPer10Min    activations in the busiest epoch-aligned 10-minute bucket, all operators
 * @param peakPerOperatorPer10Min    {@code peakActivationsPer10Min / operators}
 * @param peakBucketStartMillis      start (epoch ms, a multiple of 600,000) of the earliest busiest bucket; when
 *                                   there are no activations, the start of the first bucket of the range
 * @param buckets                    epoch-aligned 10-minute buckets that overlap the range (the first and last
 *                                   may be partial)
 * @param floodBuckets               buckets with more than {@code 10 × operators} activations
 * @param floodTimePercent           share of the range's time that lies in flood buckets, percent; each bucket
 *                                   weighs with the part of it inside the range, so for a range on 10-minute
 *                                   boundaries this is {@code floodBuckets / buckets × 100}
 * @param chattering                 alarms with ≥ 3 activations in some 60-s window, most chattering first
 *                                   (by {@link ChatteringAlarm#maxActivationsPerMinute()}, then activations,
 *                                   then id)
 * @param standing                   alarms active at {@code toMillis} for more than 24 h, oldest first (then by id)
 * @param topTen                     the up to 10 alarms with most activations, most first, ties by alarm id
 *                                   (ascending {@link String#compareTo})
 * @param topTenSharePercent         the top ten's combined share of all activations, percent (ISA-18.2 Table 9:
 *                                   "percentage contribution of the top 10 most frequent alarms")
 * @param priorities                 exactly four entries, priorities 1 (most urgent) to 4, in that order
 */
public record AlarmKpis(long fromMillis, long toMillis, int operators, long activations,
        double averagePerOperatorPer10Min, long peakActivationsPer10Min, double peakPerOperatorPer10Min,
        long peakBucketStartMillis, int buckets, int floodBuckets, double floodTimePercent,
        List<ChatteringAlarm> chattering, List<StandingAlarm> standing, List<FrequentAlarm> topTen,
        double topTenSharePercent, List<PriorityShare> priorities) {

    /**
     * Creates the KPIs; the lists are copied into unmodifiable lists.
     *
     * @param fromMillis see the record description
     * @param toMillis see the record description
     * @param operators see the record description
     * @param activations see the record description
     * @param averagePerOperatorPer10Min see the record description
     * @param peakActivationsPer10Min see the record description
     * @param peakPerOperatorPer10Min see the record description
     * @param peakBucketStartMillis see the record description
     * @param buckets see the record description
     * @param floodBuckets see the record description
     * @param floodTimePercent see the record description
     * @param chattering see the record description
     * @param standing see the record description
     * @param topTen see the record description
     * @param topTenSharePercent see the record description
     * @param priorities see the record description
     * @throws NullPointerException on a null list or list element
     */
    public AlarmKpis {
        chattering = List.copyOf(chattering);
        standing = List.copyOf(standing);
        topTen = List.copyOf(topTen);
        priorities = List.copyOf(priorities);
    }

    /**
     * Mean alarms per operator per hour (target ≤ 6/h, {@link AlarmKpiThresholds#ACCEPTABLE_ALARMS_PER_10_MIN}).
     *
     * @return {@link #averagePerOperatorPer10Min()} × 6, alarms per operator per hour
     */
    public double averagePerOperatorPerHour() {
        return averagePerOperatorPer10Min * 6;
    }

    /**
     * The share of one priority.
     *
     * @param priority 1 (most urgent) to 4
     * @return that priority's entry of {@link #priorities()}
     * @throws IllegalArgumentException outside 1–4
     */
    public PriorityShare priority(int priority) {
        if (priority < 1 || priority > 4) {
            throw new IllegalArgumentException("priority must be 1 to 4, was " + priority);
        }
        return priorities.get(priority - 1);
    }

    /**
     * An alarm that activated {@link AlarmKpiThresholds#CHATTER_ACTIVATIONS} (3) or more times within
     * {@link AlarmKpiThresholds#CHATTER_WINDOW_MILLIS} (1 minute) in the range.
     *
     * @param alarmId                 {@code tag:LEVEL}
     * @param activations             all its activations in the range
     * @param maxActivationsPerMinute most activations in any 60-s sliding window of the range, ≥ 3
     */
    public record ChatteringAlarm(String alarmId, long activations, int maxActivationsPerMinute) {
    }

    /**
     * An alarm active (activated, not returned) at the end of the range for more than
     * {@link AlarmKpiThresholds#STANDING_MILLIS} (24 h).
     *
     * @param alarmId           {@code tag:LEVEL}
     * @param priority          priority of its latest transition, 1–4
     * @param activeSinceMillis event time (epoch ms) of the transition that made it active; when the journal
     *                          starts in the middle of the active period, of its first transition in the journal
     * @param activeMillis      {@code toMillis - activeSinceMillis}, ms, &gt; 24 h
     */
    public record StandingAlarm(String alarmId, int priority, long activeSinceMillis, long activeMillis) {
    }

    /**
     * One of the most frequent alarms.
     *
     * @param alarmId      {@code tag:LEVEL}
     * @param activations  its activations in the range
     * @param sharePercent {@code activations} as a share of all activations in the range, percent
     */
    public record FrequentAlarm(String alarmId, long activations, double sharePercent) {
    }

    /**
     * Activations of one priority.
     *
     * @param priority     1 (most urgent) to 4
     * @param activations  activations of that priority in the range
     * @param sharePercent share of all activations in the range, percent (0 when there are none); the four
     *                     shares sum to 100 up to floating-point rounding when there are activations.
     *                     Targets: {@link AlarmKpiThresholds#TARGET_LOW_PRIORITY_PERCENT} and siblings
     */
    public record PriorityShare(int priority, long activations, double sharePercent) {
    }
}
