package io.plantwatch.alarm.kpi;

import io.plantwatch.domain.AlarmTransition;
import java.util.Arrays;
import java.util.List;

/**
 * Manual benchmark of {@link AlarmKpiCalculator#compute} on a 1,000,000-row synthetic journal
 * (10,000 tags, 20,000 alarms; see {@link SyntheticAlarmJournal}). Not a unit test and asserts
 * nothing; performance targets live in docs/BENCHMARKS.md. Target: well under 2 s on 2 cores.
 *
 * <pre>
 * mvn -B -o -q test-compile
 * java -cp target/classes:target/test-classes io.plantwatch.alarm.kpi.AlarmKpiBenchmark
 * </pre>
 *
 * <p>Prints the median wall time of 5 computations over the whole journal (after 3 warm-up runs).
 */
public final class AlarmKpiBenchmark {

    private static final int ROWS = 1_000_000;
    private static final int TAGS = 10_000;
    private static final int OPERATORS = 2;
    private static final int WARMUP = 3;
    private static final int RUNS = 5;

    private AlarmKpiBenchmark() {
    }

    /** Runs the benchmark; no arguments. */
    public static void main(String[] args) {
        List<AlarmTransition> journal = SyntheticAlarmJournal.generate(ROWS, TAGS, 15_000, 42);
        long from = SyntheticAlarmJournal.START_MILLIS;
        long to = journal.get(journal.size() - 1).eventTimeMillis() + 1;
        AlarmKpis kpis = null;
        for (int i = 0; i < WARMUP; i++) {
            kpis = AlarmKpiCalculator.compute(journal, from, to, OPERATORS);
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            kpis = AlarmKpiCalculator.compute(journal, from, to, OPERATORS);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf("journal: %,d transitions, %,d activations, %d buckets of 10 min, %d operators%n",
                journal.size(), kpis.activations(), kpis.buckets(), OPERATORS);
        System.out.printf("kpis: avg %.2f/op/10min, peak %d, flood %.1f %%, %d chattering, %d standing,"
                        + " top-10 share %.1f %%%n", kpis.averagePerOperatorPer10Min(), kpis.peakActivationsPer10Min(),
                kpis.floodTimePercent(), kpis.chattering().size(), kpis.standing().size(), kpis.topTenSharePercent());
        System.out.printf("runs (ms, sorted): %s%n", Arrays.toString(Arrays.stream(nanos).map(n -> n / 1_000_000).toArray()));
        System.out.printf("median of %d: %.1f ms%n", RUNS, nanos[RUNS / 2] / 1e6);
    }
}
