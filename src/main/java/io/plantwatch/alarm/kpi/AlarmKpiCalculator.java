package io.plantwatch.alarm.kpi;

import static io.plantwatch.alarm.kpi.AlarmKpiThresholds.BUCKET_MILLIS;
import static io.plantwatch.alarm.kpi.AlarmKpiThresholds.CHATTER_ACTIVATIONS;
import static io.plantwatch.alarm.kpi.AlarmKpiThresholds.CHATTER_WINDOW_MILLIS;
import static io.plantwatch.alarm.kpi.AlarmKpiThresholds.FLOOD_ALARMS_PER_10_MIN;
import static io.plantwatch.alarm.kpi.AlarmKpiThresholds.STANDING_MILLIS;
import static io.plantwatch.alarm.kpi.AlarmKpiThresholds.TOP_N;

import io.plantwatch.alarm.kpi.AlarmKpis.ChatteringAlarm;
import io.plantwatch.alarm.kpi.AlarmKpis.FrequentAlarm;
import io.plantwatch.alarm.kpi.AlarmKpis.PriorityShare;
import io.plantwatch.alarm.kpi.AlarmKpis.StandingAlarm;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.AlarmTransition.Cause;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Computes the EEMUA 191 / ISA-18.2 alarm KPIs ({@link AlarmKpis}) from the alarm journal.
 *
 * <p><b>Definitions</b> (thresholds and sources in {@link AlarmKpiThresholds}):
 * <ul>
 *   <li>An <em>alarm</em> is an annunciated activation: a transition with cause {@code ACTIVATE} into
 *       UNACK or ACKED whose event time lies in {@code [fromMillis, toMillis)}. Activations while the
 *       alarm is shelved, suppressed or out of service are journaled but were not annunciated, so they
 *       are not counted (EEMUA 191 counts alarms presented to the operator). Returns and
 *       acknowledgements are not alarms; transitions outside the range are not counted.</li>
 *   <li><em>Rates</em> use fixed 10-minute buckets aligned to the epoch
 *       ({@code floorDiv(eventTimeMillis, 600,000)}, i.e. on the UTC clock's :00, :10, … minutes). When
 *       {@code fromMillis} or {@code toMillis} is not on a bucket boundary, the first or last bucket is
 *       partial: the average rate divides by the exact length of the range (a partial bucket counts
 *       with its covered fraction); the peak is the plain count of the busiest bucket and is not
 *       scaled up for a partial one.</li>
 *   <li><em>Flood time</em> is the bucket approximation of ISA-18.2-2016 Table 9 ("percentage of
 *       10-minute periods containing more than 10 alarms"; "percentage of time in flood"): a bucket is
 *       in flood when it holds more than {@code 10 × operators} activations, and the KPI is the flood
 *       buckets' time inside the range as a share of the range. It does not model the flood's exact
 *       start and end (a common convention, e.g. in ISA-TR18.2.5, ends a flood only once the rate
 *       falls below 5 per 10 min), so a flood straddling a bucket boundary can be missed or shortened.</li>
 *   <li><em>Chattering</em>: 3 or more activations of one alarm id whose event times span less than
 *       60 s, i.e. that fit in one half-open 60-s window {@code [t, t + 60,000)}; 3 in 59 s chatter, 3 in
 *       exactly 60 s do not. Only activations in the range count.</li>
 *   <li><em>Standing</em>: active at {@code toMillis} ({@code to().isActive()} of its latest transition
 *       before {@code toMillis}, i.e. activated and not returned; acknowledging does not end it) for
 *       more than 24 h: {@code toMillis - activeSince > 86,400,000}. This is a state at
 *       {@code toMillis}, so transitions <em>before</em> {@code fromMillis} are read for it (an alarm
 *       raised two days before a one-hour range still stands); transitions at or after
 *       {@code toMillis} are ignored.</li>
 *   <li><em>Top ten</em>: most activations first, ties by alarm id ascending.</li>
 *   <li><em>Priority distribution</em>: activations per priority 1–4.</li>
 * </ul>
 *
 * <p><b>Journal shape</b>: the list as the alarm journal holds it, in recording order (which is event
 * order per alarm). Each alarm's state is that of its latest transition in list order. Chattering does
 * not rely on the order (each alarm's activation times are sorted if they are not already).
 *
 * <p><b>Cost</b>: one pass over the journal plus O(activations + alarms + buckets) on primitive
 * arrays; memory about 20 bytes per activation in the range, 40 per distinct alarm id and 4 per
 * bucket. No allocation per journal row.
 *
 * <p><b>Threading</b>: stateless; {@link #compute} may run on any thread and concurrently. The
 * journal must not be modified while it is read (pass a snapshot of a live journal).
 */
public final class AlarmKpiCalculator {

    /** Most 10-minute buckets in one range: 2^22, about 79.8 years (16 MiB of counters). */
    public static final int MAX_BUCKETS = 1 << 22;

    private static final Comparator<ChatteringAlarm> CHATTER_ORDER = Comparator
            .comparingInt(ChatteringAlarm::maxActivationsPerMinute).reversed()
            .thenComparing(Comparator.comparingLong(ChatteringAlarm::activations).reversed())
            .thenComparing(ChatteringAlarm::alarmId);

    private static final Comparator<StandingAlarm> STANDING_ORDER = Comparator
            .comparingLong(StandingAlarm::activeSinceMillis).thenComparing(StandingAlarm::alarmId);

    private AlarmKpiCalculator() {
    }

    /**
     * Computes the KPIs of {@code journal} over the event-time range {@code [fromMillis, toMillis)}.
     *
     * @param journal    the alarm journal in recording order; not modified, must not change during the call
     * @param fromMillis start of the range, inclusive, epoch ms of event time
     * @param toMillis   end of the range, exclusive, epoch ms of event time; after {@code fromMillis}
     * @param operators  operator positions the alarms are shared between, ≥ 1; rates and the flood
     *                   threshold are per operator
     * @return the KPIs; all zero (never NaN) when nothing activated in the range
     * @throws IllegalArgumentException when {@code toMillis <= fromMillis}, {@code operators < 1}, the range
     *                                  spans more than {@link #MAX_BUCKETS} buckets, or an activation in the
     *                                  range has a priority outside 1–4
     * @throws NullPointerException     when {@code journal} or one of its elements is null
     */
    public static AlarmKpis compute(List<AlarmTransition> journal, long fromMillis, long toMillis, int operators) {
        Objects.requireNonNull(journal, "journal");
        if (toMillis <= fromMillis) {
            throw new IllegalArgumentException("toMillis (" + toMillis + ") must be after fromMillis (" + fromMillis
                    + "): the range [from, to) is empty");
        }
        if (operators < 1) {
            throw new IllegalArgumentException("operators must be at least 1, was " + operators);
        }
        long firstBucket = Math.floorDiv(fromMillis, BUCKET_MILLIS);
        long bucketCount = Math.floorDiv(toMillis - 1, BUCKET_MILLIS) - firstBucket + 1;
        if (bucketCount > MAX_BUCKETS) {
            throw new IllegalArgumentException("range [" + fromMillis + ", " + toMillis + ") spans " + bucketCount
                    + " 10-minute buckets; at most " + MAX_BUCKETS + " (about 79 years) are supported");
        }
        long[] bucketCounts = new long[(int) bucketCount];
        long[] priorityCounts = new long[4];
        AlarmTable alarms = new AlarmTable(1024);
        // activations in the range, in journal order: alarm index and event time
        int n = 0;
        int[] actAlarm = new int[Math.max(16, Math.min(journal.size(), 1 << 16))];
        long[] actTime = new long[actAlarm.length];

        for (AlarmTransition t : journal) {
            long time = t.eventTimeMillis();
            if (time >= toMillis) {
                continue;
            }
            int a = alarms.indexOf(t.alarmId());
            if (t.to().isActive()) {
                if (!alarms.active[a]) {
                    alarms.active[a] = true;
                    alarms.activeSince[a] = time;
                }
                alarms.priority[a] = t.priority();
            } else {
                alarms.active[a] = false;
            }
            if (time < fromMillis || t.cause() != Cause.ACTIVATE || !t.to().isActive()) {
                continue;
            }
            int p = t.priority();
            if (p < 1 || p > 4) {
                throw new IllegalArgumentException("activation of " + t.alarmId() + " at " + time
                        + " has priority " + p + "; priorities are 1 to 4");
            }
            priorityCounts[p - 1]++;
            bucketCounts[(int) (Math.floorDiv(time, BUCKET_MILLIS) - firstBucket)]++;
            alarms.activations[a]++;
            if (n == actAlarm.length) {
                actAlarm = Arrays.copyOf(actAlarm, n * 2);
                actTime = Arrays.copyOf(actTime, n * 2);
            }
            actAlarm[n] = a;
            actTime[n] = time;
            n++;
        }

        long rangeMillis = toMillis - fromMillis;
        double average = n * (double) BUCKET_MILLIS / rangeMillis / operators;

        int peakIndex = 0;
        long floodMillis = 0;
        int floodBuckets = 0;
        long floodAbove = (long) FLOOD_ALARMS_PER_10_MIN * operators;
        for (int i = 0; i < bucketCounts.length; i++) {
            long c = bucketCounts[i];
            if (c > bucketCounts[peakIndex]) {
                peakIndex = i;
            }
            if (c > floodAbove) {
                floodBuckets++;
                long start = (firstBucket + i) * BUCKET_MILLIS;
                floodMillis += Math.min(toMillis, start + BUCKET_MILLIS) - Math.max(fromMillis, start);
            }
        }
        long peak = bucketCounts[peakIndex];

        List<ChatteringAlarm> chattering = chattering(alarms, n, actAlarm, actTime);
        List<StandingAlarm> standing = standing(alarms, toMillis);

        int[] top = topN(alarms);
        List<FrequentAlarm> topTen = new ArrayList<>(top.length);
        long topSum = 0;
        for (int a : top) {
            topSum += alarms.activations[a];
            topTen.add(new FrequentAlarm(alarms.ids[a], alarms.activations[a], percent(alarms.activations[a], n)));
        }

        List<PriorityShare> priorities = new ArrayList<>(4);
        for (int p = 0; p < 4; p++) {
            priorities.add(new PriorityShare(p + 1, priorityCounts[p], percent(priorityCounts[p], n)));
        }

        return new AlarmKpis(fromMillis, toMillis, operators, n, average, peak, peak / (double) operators,
                (firstBucket + peakIndex) * BUCKET_MILLIS, bucketCounts.length, floodBuckets,
                floodMillis * 100.0 / rangeMillis, chattering, standing, topTen, percent(topSum, n), priorities);
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0.0 : part * 100.0 / whole;
    }

    /** Groups activation times by alarm (counting sort, stable) and slides a 60-s window over each group. */
    private static List<ChatteringAlarm> chattering(AlarmTable alarms, int n, int[] actAlarm, long[] actTime) {
        int size = alarms.size();
        int[] start = new int[size + 1];
        boolean any = false;
        for (int a = 0; a < size; a++) {
            start[a + 1] = start[a] + (int) alarms.activations[a];
            any |= alarms.activations[a] >= CHATTER_ACTIVATIONS;
        }
        List<ChatteringAlarm> out = new ArrayList<>();
        if (!any) {
            return out;
        }
        int[] fill = Arrays.copyOf(start, size);
        long[] grouped = new long[n];
        for (int i = 0; i < n; i++) {
            grouped[fill[actAlarm[i]]++] = actTime[i];
        }
        for (int a = 0; a < size; a++) {
            int from = start[a];
            int to = start[a + 1];
            if (to - from < CHATTER_ACTIVATIONS) {
                continue;
            }
            for (int i = from + 1; i < to; i++) {
                if (grouped[i] < grouped[i - 1]) {
                    Arrays.sort(grouped, from, to);
                    break;
                }
            }
            int max = 0;
            int j = from;
            for (int i = from; i < to; i++) {
                while (grouped[i] - grouped[j] >= CHATTER_WINDOW_MILLIS) {
                    j++;
                }
                max = Math.max(max, i - j + 1);
            }
            if (max >= CHATTER_ACTIVATIONS) {
                out.add(new ChatteringAlarm(alarms.ids[a], to - from, max));
            }
        }
        out.sort(CHATTER_ORDER);
        return out;
    }

    private static List<StandingAlarm> standing(AlarmTable alarms, long toMillis) {
        List<StandingAlarm> out = new ArrayList<>();
        for (int a = 0; a < alarms.size(); a++) {
            if (alarms.active[a] && toMillis - alarms.activeSince[a] > STANDING_MILLIS) {
                out.add(new StandingAlarm(alarms.ids[a], alarms.priority[a], alarms.activeSince[a],
                        toMillis - alarms.activeSince[a]));
            }
        }
        out.sort(STANDING_ORDER);
        return out;
    }

    /** Indices of the up to {@link AlarmKpiThresholds#TOP_N} alarms with most activations, best first. */
    private static int[] topN(AlarmTable alarms) {
        int[] best = new int[TOP_N];
        int k = 0;
        for (int a = 0; a < alarms.size(); a++) {
            if (alarms.activations[a] == 0) {
                continue;
            }
            if (k == TOP_N && !better(alarms, a, best[k - 1])) {
                continue;
            }
            int i = k < TOP_N ? k++ : k - 1;
            while (i > 0 && better(alarms, a, best[i - 1])) {
                best[i] = best[i - 1];
                i--;
            }
            best[i] = a;
        }
        return Arrays.copyOf(best, k);
    }

    private static boolean better(AlarmTable alarms, int a, int b) {
        long ca = alarms.activations[a];
        long cb = alarms.activations[b];
        return ca != cb ? ca > cb : alarms.ids[a].compareTo(alarms.ids[b]) < 0;
    }
}
