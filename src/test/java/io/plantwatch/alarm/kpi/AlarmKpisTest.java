package io.plantwatch.alarm.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.plantwatch.alarm.kpi.AlarmKpis.ChatteringAlarm;
import io.plantwatch.alarm.kpi.AlarmKpis.FrequentAlarm;
import io.plantwatch.alarm.kpi.AlarmKpis.PriorityShare;
import io.plantwatch.alarm.kpi.AlarmKpis.StandingAlarm;
import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.AlarmTransition.Cause;
import io.plantwatch.domain.LimitLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlarmKpisTest {

    /** 2026-05-04T10:00:00Z, on a 10-minute boundary. */
    private static final long T0 = Instant.parse("2026-05-04T10:00:00Z").toEpochMilli();
    private static final long SEC = 1000;
    private static final long MIN = 60 * SEC;
    private static final long HOUR = 60 * MIN;
    private static final long DAY = 24 * HOUR;
    private static final Instant WALL = Instant.parse("2026-05-04T12:00:00Z");

    // ---------------------------------------------------------------- journal builder

    /** A journal built in the order the engine would write it, tracking each alarm's state. */
    private static final class Journal {
        final List<AlarmTransition> rows = new ArrayList<>();
        final Map<String, AlarmState> states = new HashMap<>();

        Journal activate(String id, int priority, long time) {
            AlarmState from = states.getOrDefault(id, AlarmState.NORMAL);
            AlarmState to = from == AlarmState.ACKED ? AlarmState.ACKED : AlarmState.UNACK;
            return add(id, priority, Cause.ACTIVATE, from, to, time);
        }

        Journal activate(String id, long time) {
            return activate(id, 4, time);
        }

        Journal ret(String id, long time) {
            AlarmState from = states.getOrDefault(id, AlarmState.UNACK);
            AlarmState to = from == AlarmState.ACKED ? AlarmState.NORMAL : AlarmState.RTN_UNACK;
            return add(id, 4, Cause.RETURN, from, to, time);
        }

        Journal ack(String id, long time) {
            AlarmState from = states.getOrDefault(id, AlarmState.UNACK);
            AlarmState to = from == AlarmState.UNACK ? AlarmState.ACKED : AlarmState.NORMAL;
            return add(id, 4, Cause.ACKNOWLEDGE, from, to, time);
        }

        /** {@code count} activations of distinct alarms {@code prefix-0 …}, one second apart from {@code start}. */
        Journal activations(String prefix, int count, long start) {
            for (int i = 0; i < count; i++) {
                activate(prefix + "-" + i + ":HI", start + i * SEC);
            }
            return this;
        }

        private Journal add(String id, int priority, Cause cause, AlarmState from, AlarmState to, long time) {
            String tag = id.substring(0, id.lastIndexOf(':'));
            rows.add(new AlarmTransition(id, tag, LimitLevel.HI, priority, cause, from, to, time, WALL, 1.0, 0.5,
                    cause == Cause.ACKNOWLEDGE ? "ann" : "system", ""));
            states.put(id, to);
            return this;
        }
    }

    private static AlarmKpis kpis(Journal j, long from, long to, int operators) {
        return AlarmKpiCalculator.compute(j.rows, from, to, operators);
    }

    // ---------------------------------------------------------------- rate and peak

    @ParameterizedTest(name = "{0} operator(s): average {1}/10 min, peak {2}/10 min per operator")
    @CsvSource({
            // 12 activations in one hour (6 buckets): 4 in 10:00–10:10, 8 in 10:20–10:30
            "1, 2.0, 8.0, 12.0",
            "2, 1.0, 4.0,  6.0",
    })
    void averageAndPeakPer10MinutesAreDividedByOperators(int operators, double average, double peakPerOperator,
            double perHour) {
        Journal j = new Journal().activations("a", 4, T0 + MIN).activations("b", 8, T0 + 21 * MIN);

        AlarmKpis k = kpis(j, T0, T0 + HOUR, operators);

        assertThat(k.activations()).isEqualTo(12);
        assertThat(k.buckets()).isEqualTo(6);
        assertThat(k.averagePerOperatorPer10Min()).isCloseTo(average, within(1e-12));
        assertThat(k.averagePerOperatorPerHour()).isCloseTo(perHour, within(1e-12));
        assertThat(k.peakActivationsPer10Min()).isEqualTo(8);
        assertThat(k.peakPerOperatorPer10Min()).isCloseTo(peakPerOperator, within(1e-12));
        assertThat(k.peakBucketStartMillis()).isEqualTo(T0 + 20 * MIN);
    }

    @Test
    void activationsWhileShelvedSuppressedOrOutOfServiceAreNotAnnunciatedAlarms() {
        Journal j = new Journal().activations("a", 2, T0 + MIN);
        j.add("s-1:HI", 4, Cause.ACTIVATE, AlarmState.SHELVED, AlarmState.SHELVED, T0 + 2 * MIN);
        j.add("s-2:HI", 4, Cause.ACTIVATE, AlarmState.SUPPRESSED, AlarmState.SUPPRESSED, T0 + 3 * MIN);
        j.add("s-3:HI", 4, Cause.ACTIVATE, AlarmState.OUT_OF_SERVICE, AlarmState.OUT_OF_SERVICE, T0 + 4 * MIN);

        assertThat(kpis(j, T0, T0 + HOUR, 1).activations()).isEqualTo(2);
    }

    @Test
    void partialFirstAndLastBucketsCountWithTheirCoveredTimeInTheAverageButNotInThePeak() {
        // range 10:05–10:25 touches buckets 10:00, 10:10 and 10:20, the first and last half covered
        Journal j = new Journal()
                .activations("a", 3, T0 + 6 * MIN)    // 10:06, partial bucket 10:00
                .activations("b", 2, T0 + 21 * MIN);  // 10:21, partial bucket 10:20

        AlarmKpis k = kpis(j, T0 + 5 * MIN, T0 + 25 * MIN, 1);

        assertThat(k.buckets()).isEqualTo(3);
        assertThat(k.averagePerOperatorPer10Min()).isCloseTo(5 / 2.0, within(1e-12)); // 5 alarms in 20 min
        assertThat(k.peakActivationsPer10Min()).isEqualTo(3);
        assertThat(k.peakBucketStartMillis()).isEqualTo(T0);
    }

    @Test
    void theEarliestOfEquallyBusyBucketsIsThePeak() {
        Journal j = new Journal().activations("a", 2, T0 + 35 * MIN).activations("b", 2, T0 + 12 * MIN);

        assertThat(kpis(j, T0, T0 + HOUR, 1).peakBucketStartMillis()).isEqualTo(T0 + 10 * MIN);
    }

    // ---------------------------------------------------------------- flood

    @ParameterizedTest(name = "{0} activations in one of 6 buckets, {1} operator(s): flood buckets {2}, {3} %")
    @CsvSource({
            "11, 1, 1, 16.666666666666668",
            "10, 1, 0, 0.0",
            "21, 2, 1, 16.666666666666668",
            "20, 2, 0, 0.0",
    })
    void aBucketFloodsWithMoreThanTenActivationsPerOperator(int activations, int operators, int floodBuckets,
            double percent) {
        Journal j = new Journal().activations("a", activations, T0 + 30 * MIN).activations("b", 3, T0 + 50 * MIN);

        AlarmKpis k = kpis(j, T0, T0 + HOUR, operators);

        assertThat(k.floodBuckets()).isEqualTo(floodBuckets);
        assertThat(k.floodTimePercent()).isCloseTo(percent, within(1e-9));
    }

    @Test
    void aPartialFloodBucketWeighsWithTheTimeItCoversInTheRange() {
        // range 10:05–10:25; 11 activations in 10:20–10:25, the last 5 of its 20 minutes
        Journal j = new Journal().activations("a", 11, T0 + 20 * MIN);

        AlarmKpis k = kpis(j, T0 + 5 * MIN, T0 + 25 * MIN, 1);

        assertThat(k.floodBuckets()).isEqualTo(1);
        assertThat(k.floodTimePercent()).isCloseTo(25.0, within(1e-9));
    }

    // ---------------------------------------------------------------- chattering

    @ParameterizedTest(name = "activations at 0 s, {0} s and {1} s: chattering {2}")
    @CsvSource({
            "30, 59, true",
            "30, 61, false",
            "30, 60, false",
            "0,  0,  true",
    })
    void anAlarmChattersWithThreeActivationsInLessThanOneMinute(long second, long third, boolean chatters) {
        String id = "FIC-1/pv:HI";
        Journal j = new Journal()
                .activate(id, T0 + MIN).ret(id, T0 + MIN)
                .activate(id, T0 + MIN + second * SEC).ret(id, T0 + MIN + second * SEC)
                .activate(id, T0 + MIN + third * SEC);

        List<ChatteringAlarm> chattering = kpis(j, T0, T0 + HOUR, 1).chattering();

        if (chatters) {
            assertThat(chattering).containsExactly(new ChatteringAlarm(id, 3, 3));
        } else {
            assertThat(chattering).isEmpty();
        }
    }

    @Test
    void aChatteringAlarmReportsAllItsActivationsAndItsBusiestMinute() {
        String chatty = "LIC-2/pv:LO";
        String worse = "TIC-3/pv:HI";
        Journal j = new Journal()
                .activate(chatty, T0).activate(chatty, T0 + 10 * SEC).activate(chatty, T0 + 20 * SEC)
                .activate(chatty, T0 + 5 * MIN).activate(chatty, T0 + 20 * MIN)
                .activate(worse, T0).activate(worse, T0 + SEC).activate(worse, T0 + 2 * SEC)
                .activate(worse, T0 + 3 * SEC)
                .activate("PI-4/pv:HI", T0).activate("PI-4/pv:HI", T0 + 2 * MIN).activate("PI-4/pv:HI", T0 + 4 * MIN);

        assertThat(kpis(j, T0, T0 + HOUR, 1).chattering()).containsExactly(
                new ChatteringAlarm(worse, 4, 4),
                new ChatteringAlarm(chatty, 5, 3));
    }

    @Test
    void chatteringOnlyCountsActivationsInsideTheRange() {
        String id = "FIC-1/pv:HI";
        Journal j = new Journal().activate(id, T0 - 10 * SEC).activate(id, T0 + 10 * SEC).activate(id, T0 + 20 * SEC);

        assertThat(kpis(j, T0, T0 + HOUR, 1).chattering()).isEmpty();
    }

    // ---------------------------------------------------------------- standing

    @ParameterizedTest(name = "active for {0} ms at the end of the range: standing {1}")
    @CsvSource({
            "86401000, true",  // 24 h + 1 s
            "86400000, false", // exactly 24 h
            "3600000,  false", // 1 h
    })
    void anAlarmStandsWhenActiveForMoreThan24HoursAtTheEndOfTheRange(long activeMillis, boolean standing) {
        long to = T0 + 2 * DAY;
        Journal j = new Journal().activate("FIC-1/pv:HI", 2, to - activeMillis);

        List<StandingAlarm> out = kpis(j, T0, to, 1).standing();

        if (standing) {
            assertThat(out).containsExactly(new StandingAlarm("FIC-1/pv:HI", 2, to - activeMillis, activeMillis));
        } else {
            assertThat(out).isEmpty();
        }
    }

    @Test
    void anAcknowledgedAlarmStillStandsButAReturnedOneDoesNot() {
        long to = T0 + 3 * DAY;
        Journal j = new Journal()
                .activate("acked:HI", T0).ack("acked:HI", T0 + HOUR)
                .activate("returned:HI", T0).ret("returned:HI", to - HOUR)
                .activate("returned-acked:HI", T0).ack("returned-acked:HI", T0 + MIN).ret("returned-acked:HI", T0 + DAY);

        assertThat(kpis(j, T0, to, 1).standing()).extracting(StandingAlarm::alarmId, StandingAlarm::activeSinceMillis)
                .containsExactly(tuple("acked:HI", T0));
    }

    @Test
    void aStandingAlarmIsActiveSinceItsLatestActivationAfterItLastReturned() {
        long to = T0 + 3 * DAY;
        Journal j = new Journal()
                .activate("b:HI", T0).ret("b:HI", T0 + HOUR).activate("b:HI", T0 + 2 * HOUR)
                .activate("a:HI", T0 + 2 * HOUR);

        assertThat(kpis(j, T0, to, 1).standing()).containsExactly(
                new StandingAlarm("a:HI", 4, T0 + 2 * HOUR, 3 * DAY - 2 * HOUR),
                new StandingAlarm("b:HI", 4, T0 + 2 * HOUR, 3 * DAY - 2 * HOUR));
    }

    @Test
    void standingIsTheStateAtTheEndOfTheRangeSoActivationsBeforeTheRangeCountAndTransitionsAfterItDoNot() {
        long from = T0 + 10 * DAY;
        long to = from + HOUR;
        Journal j = new Journal()
                .activate("before-range:HI", T0)
                .activate("returns-after-range:HI", T0).ret("returns-after-range:HI", to)
                .activate("returns-in-range:HI", T0).ret("returns-in-range:HI", to - 1);

        AlarmKpis k = kpis(j, from, to, 1);

        assertThat(k.standing()).extracting(StandingAlarm::alarmId)
                .containsExactly("before-range:HI", "returns-after-range:HI");
        assertThat(k.activations()).isZero();
    }

    // ---------------------------------------------------------------- top ten

    @Test
    void theTopTenAreTheMostFrequentAlarmsWithTiesBrokenById() {
        Journal j = new Journal();
        // counts: c=7, a=5, b=5, then d..l with 4,3,3,2,2,2,1,1,1 (12 alarms, 36 activations)
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("l:HI", 1);
        counts.put("b:HI", 5);
        counts.put("k:HI", 1);
        counts.put("c:HI", 7);
        counts.put("a:HI", 5);
        counts.put("d:HI", 4);
        counts.put("f:HI", 3);
        counts.put("e:HI", 3);
        counts.put("j:HI", 1);
        counts.put("g:HI", 2);
        counts.put("i:HI", 2);
        counts.put("h:HI", 2);
        long t = T0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            for (int i = 0; i < e.getValue(); i++) {
                j.activate(e.getKey(), t += 2 * MIN);
            }
        }

        AlarmKpis k = kpis(j, T0, T0 + DAY, 1);

        assertThat(k.activations()).isEqualTo(36);
        assertThat(k.topTen()).extracting(FrequentAlarm::alarmId, FrequentAlarm::activations).containsExactly(
                tuple("c:HI", 7L), tuple("a:HI", 5L), tuple("b:HI", 5L), tuple("d:HI", 4L), tuple("e:HI", 3L),
                tuple("f:HI", 3L), tuple("g:HI", 2L), tuple("h:HI", 2L), tuple("i:HI", 2L), tuple("j:HI", 1L));
        assertThat(k.topTen().get(0).sharePercent()).isCloseTo(700.0 / 36, within(1e-9));
        assertThat(k.topTenSharePercent()).isCloseTo(3400.0 / 36, within(1e-9));
    }

    @Test
    void fewerThanTenAlarmsAreAllInTheTopTen() {
        Journal j = new Journal().activate("b:HI", T0).activate("a:HI", T0 + MIN).activate("b:HI", T0 + 2 * MIN)
                .activate("b:HI", T0 + 3 * MIN);

        AlarmKpis k = kpis(j, T0, T0 + HOUR, 1);

        assertThat(k.topTen()).containsExactly(new FrequentAlarm("b:HI", 3, 75.0), new FrequentAlarm("a:HI", 1, 25.0));
        assertThat(k.topTenSharePercent()).isEqualTo(100.0);
    }

    // ---------------------------------------------------------------- priorities

    @Test
    void thePriorityDistributionGivesCountsAndPercentagesThatSumTo100() {
        Journal j = new Journal();
        int[] perPriority = {0, 1, 3, 16}; // priorities 1..4: 0 / 5 / 15 / 80 %
        long t = T0;
        for (int p = 1; p <= 4; p++) {
            for (int i = 0; i < perPriority[p - 1]; i++) {
                j.activate("p" + p + "-" + i + ":HI", p, t += MIN);
            }
        }
        j.ret("p4-0:HI", t + MIN).ack("p4-0:HI", t + 2 * MIN); // not alarms

        AlarmKpis k = kpis(j, T0, T0 + DAY, 1);

        assertThat(k.priorities()).extracting(PriorityShare::priority, PriorityShare::activations)
                .containsExactly(tuple(1, 0L), tuple(2, 1L), tuple(3, 3L), tuple(4, 16L));
        assertThat(k.priorities()).extracting(PriorityShare::sharePercent)
                .containsExactly(0.0, 5.0, 15.0, 80.0);
        assertThat(k.priorities().stream().mapToDouble(PriorityShare::sharePercent).sum())
                .isCloseTo(100.0, within(1e-9));
        assertThat(k.priority(4).sharePercent()).isEqualTo(AlarmKpiThresholds.TARGET_LOW_PRIORITY_PERCENT);
    }

    @Test
    void thirdsOfPrioritiesStillSumTo100() {
        Journal j = new Journal().activate("a:HI", 1, T0).activate("b:HI", 2, T0).activate("c:HI", 3, T0);

        AlarmKpis k = kpis(j, T0, T0 + HOUR, 1);

        assertThat(k.priorities().stream().mapToDouble(PriorityShare::sharePercent).sum())
                .isCloseTo(100.0, within(1e-9));
    }

    // ---------------------------------------------------------------- empty, range, arguments

    @Test
    void anEmptyJournalGivesZerosNotNaN() {
        AlarmKpis k = AlarmKpiCalculator.compute(List.of(), T0 + 5 * MIN, T0 + HOUR, 3);

        assertThat(k.activations()).isZero();
        assertThat(k.averagePerOperatorPer10Min()).isZero();
        assertThat(k.peakActivationsPer10Min()).isZero();
        assertThat(k.peakPerOperatorPer10Min()).isZero();
        assertThat(k.peakBucketStartMillis()).isEqualTo(T0);
        assertThat(k.buckets()).isEqualTo(6);
        assertThat(k.floodBuckets()).isZero();
        assertThat(k.floodTimePercent()).isZero();
        assertThat(k.topTenSharePercent()).isZero();
        assertThat(k.chattering()).isEmpty();
        assertThat(k.standing()).isEmpty();
        assertThat(k.topTen()).isEmpty();
        assertThat(k.priorities()).containsExactly(new PriorityShare(1, 0, 0.0), new PriorityShare(2, 0, 0.0),
                new PriorityShare(3, 0, 0.0), new PriorityShare(4, 0, 0.0));
    }

    @Test
    void onlyActivationsInsideTheHalfOpenRangeAreAlarms() {
        long from = T0 + HOUR;
        long to = T0 + 2 * HOUR;
        Journal j = new Journal()
                .activate("before:HI", from - 1)
                .activate("at-from:HI", from)
                .ret("at-from:HI", from + MIN).ack("at-from:HI", from + 2 * MIN)
                .activate("last-ms:HI", to - 1)
                .activate("at-to:HI", to)
                .activate("after:HI", to + HOUR);

        AlarmKpis k = kpis(j, from, to, 1);

        assertThat(k.activations()).isEqualTo(2);
        assertThat(k.topTen()).extracting(FrequentAlarm::alarmId).containsExactly("at-from:HI", "last-ms:HI");
        assertThat(k.averagePerOperatorPer10Min()).isCloseTo(2 / 6.0, within(1e-12));
    }

    @ParameterizedTest(name = "from {0}, to {1}, {2} operators -> \"{3}\"")
    @CsvSource(delimiter = '|', value = {
            "1000 | 1000 | 1 | toMillis (1000) must be after fromMillis (1000)",
            "2000 | 1000 | 1 | toMillis (1000) must be after fromMillis (2000)",
            "1000 | 2000 | 0 | operators must be at least 1, was 0",
            "1000 | 2000 | -2 | operators must be at least 1, was -2",
            "-9223372036854775808 | 9223372036854775807 | 1 | 10-minute buckets; at most 4194304",
    })
    void invalidArgumentsAreRejectedWithAClearMessage(long from, long to, int operators, String message) {
        assertThatThrownBy(() -> AlarmKpiCalculator.compute(List.of(), from, to, operators))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void anActivationWithAPriorityOutside1To4IsRejected() {
        Journal j = new Journal().activate("x:HI", 5, T0);

        assertThatThrownBy(() -> kpis(j, T0, T0 + HOUR, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x:HI").hasMessageContaining("priority 5");
    }

    // ---------------------------------------------------------------- 1M rows against a naive computation

    @Test
    void aMillionRowJournalAgreesWithANaiveComputation() {
        List<AlarmTransition> journal = SyntheticAlarmJournal.generate(1_000_000, 10_000, 15_000, 42);
        long start = SyntheticAlarmJournal.START_MILLIS;
        long end = journal.get(journal.size() - 1).eventTimeMillis() + 1;

        // whole journal: counts, priorities, top ten and standing, counted with boxed maps
        AlarmKpis all = AlarmKpiCalculator.compute(journal, start, end, 2);
        Map<String, Long> countById = new HashMap<>();
        long[] byPriority = new long[5];
        for (AlarmTransition t : journal) {
            if (t.cause() == Cause.ACTIVATE) {
                countById.merge(t.alarmId(), 1L, Long::sum);
                byPriority[t.priority()]++;
            }
        }
        long total = countById.values().stream().mapToLong(Long::longValue).sum();
        assertThat(all.activations()).isEqualTo(total).isGreaterThan(350_000);
        assertThat(all.priorities()).extracting(PriorityShare::activations)
                .containsExactly(byPriority[1], byPriority[2], byPriority[3], byPriority[4]);
        assertThat(all.topTen()).extracting(FrequentAlarm::alarmId, FrequentAlarm::activations).containsExactlyElementsOf(
                countById.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(10).map(e -> tuple(e.getKey(), e.getValue())).toList());
        assertThat(all.standing()).isNotEmpty().isEqualTo(naiveStanding(journal, end));
        assertThat(all.chattering()).isNotEmpty();

        // a ~10,000-row slice in the middle, not on 10-minute boundaries: every KPI, naive on the slice only
        long from = journal.get(500_000).eventTimeMillis() + 1234;
        long to = journal.get(510_000).eventTimeMillis() - 4321;
        List<AlarmTransition> slice = journal.subList(499_000, 511_000);
        List<StandingAlarm> standingAtTo = naiveStanding(journal, to); // needs the history before the slice
        for (int operators : new int[] {1, 2, 4}) {
            AlarmKpis fast = AlarmKpiCalculator.compute(journal, from, to, operators);
            AlarmKpis naive = withStanding(naive(slice, from, to, operators), standingAtTo);
            assertThat(fast).usingRecursiveComparison()
                    .withComparatorForType(AlarmKpisTest::closeTo, Double.class)
                    .ignoringFields("standing") // thousands of records: plain equals is much faster
                    .isEqualTo(naive);
            assertThat(fast.standing()).isEqualTo(naive.standing());
        }
        AlarmKpis sliceKpis = AlarmKpiCalculator.compute(journal, from, to, 2);
        assertThat(sliceKpis.activations()).isBetween(3_000L, 7_000L);
        assertThat(sliceKpis.chattering()).isNotEmpty();
        assertThat(sliceKpis.standing()).isNotEmpty();
        assertThat(sliceKpis.floodBuckets()).isPositive().isLessThan(sliceKpis.buckets());
    }

    private static int closeTo(Double a, Double b) {
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)) ? 0 : Double.compare(a, b);
    }

    /** The KPIs the straightforward way: boxed maps, sorting and nested loops. */
    private static AlarmKpis naive(List<AlarmTransition> rows, long from, long to, int operators) {
        List<AlarmTransition> acts = rows.stream()
                .filter(t -> t.cause() == Cause.ACTIVATE && t.eventTimeMillis() >= from && t.eventTimeMillis() < to)
                .toList();
        long n = acts.size();
        long bucket = AlarmKpiThresholds.BUCKET_MILLIS;

        Map<Long, Long> perBucket = acts.stream()
                .collect(Collectors.groupingBy(t -> Math.floorDiv(t.eventTimeMillis(), bucket), Collectors.counting()));
        long peak = 0;
        long peakStart = Math.floorDiv(from, bucket) * bucket;
        int buckets = 0;
        int floodBuckets = 0;
        double floodMillis = 0;
        for (long b = Math.floorDiv(from, bucket); b * bucket < to; b++) {
            buckets++;
            long c = perBucket.getOrDefault(b, 0L);
            if (c > peak) {
                peak = c;
                peakStart = b * bucket;
            }
            if (c / (double) operators > 10) {
                floodBuckets++;
                floodMillis += Math.min(to, (b + 1) * bucket) - Math.max(from, b * bucket);
            }
        }

        Map<String, List<Long>> timesById = acts.stream().collect(Collectors.groupingBy(AlarmTransition::alarmId,
                Collectors.mapping(AlarmTransition::eventTimeMillis, Collectors.toList())));
        List<ChatteringAlarm> chattering = new ArrayList<>();
        timesById.forEach((id, times) -> {
            List<Long> sorted = times.stream().sorted().toList();
            int max = 0;
            for (int i = 0; i < sorted.size(); i++) {
                int inWindow = 0;
                for (int k = i; k < sorted.size() && sorted.get(k) < sorted.get(i) + 60_000; k++) {
                    inWindow++;
                }
                max = Math.max(max, inWindow);
            }
            if (max >= 3) {
                chattering.add(new ChatteringAlarm(id, times.size(), max));
            }
        });
        chattering.sort(Comparator.comparing((ChatteringAlarm c) -> -c.maxActivationsPerMinute())
                .thenComparing(c -> -c.activations()).thenComparing(ChatteringAlarm::alarmId));

        Map<String, Long> countById = acts.stream()
                .collect(Collectors.groupingBy(AlarmTransition::alarmId, Collectors.counting()));
        List<FrequentAlarm> top = countById.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10)
                .map(e -> new FrequentAlarm(e.getKey(), e.getValue(), n == 0 ? 0 : 100.0 * e.getValue() / n))
                .toList();
        double topShare = top.stream().mapToDouble(FrequentAlarm::sharePercent).sum();

        Map<Integer, Long> byPriority = acts.stream()
                .collect(Collectors.groupingBy(AlarmTransition::priority, Collectors.counting()));
        List<PriorityShare> priorities = new ArrayList<>();
        for (int p = 1; p <= 4; p++) {
            long c = byPriority.getOrDefault(p, 0L);
            priorities.add(new PriorityShare(p, c, n == 0 ? 0 : 100.0 * c / n));
        }

        double minutes10 = (to - from) / (double) bucket;
        return new AlarmKpis(from, to, operators, n, n / minutes10 / operators, peak, peak / (double) operators,
                peakStart, buckets, floodBuckets, 100 * floodMillis / (to - from), chattering,
                naiveStanding(rows, to), top, topShare, priorities);
    }

    private static List<StandingAlarm> naiveStanding(List<AlarmTransition> rows, long to) {
        Map<String, AlarmTransition> activeSince = new HashMap<>();
        Map<String, Integer> priority = new HashMap<>();
        for (AlarmTransition t : rows) {
            if (t.eventTimeMillis() >= to) {
                continue;
            }
            if (t.to().isActive()) {
                activeSince.putIfAbsent(t.alarmId(), t);
                priority.put(t.alarmId(), t.priority());
            } else {
                activeSince.remove(t.alarmId());
            }
        }
        return activeSince.values().stream()
                .filter(t -> to - t.eventTimeMillis() > 24 * 3_600_000L)
                .map(t -> new StandingAlarm(t.alarmId(), priority.get(t.alarmId()), t.eventTimeMillis(),
                        to - t.eventTimeMillis()))
                .sorted(Comparator.comparingLong(StandingAlarm::activeSinceMillis)
                        .thenComparing(StandingAlarm::alarmId))
                .toList();
    }

    private static AlarmKpis withStanding(AlarmKpis k, List<StandingAlarm> standing) {
        return new AlarmKpis(k.fromMillis(), k.toMillis(), k.operators(), k.activations(),
                k.averagePerOperatorPer10Min(), k.peakActivationsPer10Min(), k.peakPerOperatorPer10Min(),
                k.peakBucketStartMillis(), k.buckets(), k.floodBuckets(), k.floodTimePercent(), k.chattering(),
                standing, k.topTen(), k.topTenSharePercent(), k.priorities());
    }
}
