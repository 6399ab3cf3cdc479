package io.plantwatch.app;

import io.plantwatch.alarm.AlarmEngine;
import io.plantwatch.alarm.AlarmJournalStore;
import io.plantwatch.alarm.kpi.AlarmKpiCalculator;
import io.plantwatch.alarm.kpi.AlarmKpis;
import io.plantwatch.domain.AlarmOptions;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.domain.LimitSpec;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.storage.Database;
import io.plantwatch.storage.H2AlarmJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plantwatch bench alarms}: the alarm engine's sustained transition rate with many tags,
 * with the real H2 journal and with an in-memory one (the engine alone), its throughput on
 * readings that cause no transition, and EEMUA 191 KPIs over a large journal. Medians of
 * {@code --runs}. See docs/BENCHMARKS.md.
 */
@Command(name = "alarms", mixinStandardHelpOptions = true,
        description = "Measure alarm engine transitions/s with many tags and KPI computation over a large journal.")
public final class BenchAlarmsCommand implements Callable<Integer> {

    @Option(names = "--tags", defaultValue = "10000", description = "Tags, one HI and one LO limit each. Default: ${DEFAULT-VALUE}.")
    int tags;

    @Option(names = "--readings", defaultValue = "400000", description = "Readings per run that cross a limit. Default: ${DEFAULT-VALUE}.")
    int readings;

    @Option(names = "--journal-rows", defaultValue = "1000000", description = "Rows of the journal for the KPI benchmark. Default: ${DEFAULT-VALUE}.")
    int journalRows;

    @Option(names = "--runs", defaultValue = "5", description = "Repetitions; medians are reported. Default: ${DEFAULT-VALUE}.")
    int runs;

    /** Keeps transitions in memory: the engine's own cost, without the database. */
    private static final class MemoryStore implements AlarmJournalStore {
        final List<AlarmTransition> rows = new ArrayList<>();

        @Override
        public void record(AlarmTransition t) {
            rows.add(t);
        }

        @Override
        public List<AlarmTransition> latestPerAlarm() {
            return List.of();
        }
    }

    @Override
    public Integer call() throws Exception {
        List<TagDefinition> defs = new ArrayList<>(tags);
        for (int i = 0; i < tags; i++) {
            defs.add(new TagDefinition(String.format("D-%05d/pv", i), "", "", 0, 100, List.of(
                    new LimitSpec(LimitLevel.LO, 20, 3, 1, 0, AlarmOptions.DEFAULTS),
                    new LimitSpec(LimitLevel.HI, 80, 2, 1, 0, AlarmOptions.DEFAULTS))));
        }
        Reading[] crossing = new Reading[readings];
        Reading[] quiet = new Reading[readings];
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < readings; i++) {
            String tag = defs.get(i % tags).tag();
            long t = 1_600_000_000_000L + i;
            // every reading of a tag alternates between beyond HI and back to normal: one transition each
            boolean high = (i / tags) % 2 == 0;
            crossing[i] = new Reading(tag, t, high ? 85 + rnd.nextDouble() : 50 + rnd.nextDouble(), "");
            quiet[i] = new Reading(tag, t, 40 + 20 * rnd.nextDouble(), "");
        }
        double[] h2Rates = new double[runs];
        double[] memRates = new double[runs];
        double[] quietRates = new double[runs];
        long transitions = 0;
        Path dir = Files.createTempDirectory("plantwatch-bench-alarms-");
        for (int run = 0; run < runs; run++) {
            MemoryStore mem = new MemoryStore();
            AlarmEngine engine = new AlarmEngine(defs, mem, Clock.systemUTC());
            long t0 = System.nanoTime();
            for (Reading r : crossing) {
                engine.onReading(r);
            }
            memRates[run] = mem.rows.size() / ((System.nanoTime() - t0) / 1e9);
            transitions = mem.rows.size();

            AlarmEngine quietEngine = new AlarmEngine(defs, new MemoryStore(), Clock.systemUTC());
            t0 = System.nanoTime();
            for (Reading r : quiet) {
                quietEngine.onReading(r);
            }
            quietRates[run] = readings / ((System.nanoTime() - t0) / 1e9);

            try (Database db = Database.open(dir.resolve("run-" + run))) {
                AlarmEngine h2 = new AlarmEngine(defs, new H2AlarmJournal(db), Clock.systemUTC());
                int n = Math.min(readings, 100_000);
                t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    h2.onReading(crossing[i]);
                }
                h2Rates[run] = n / ((System.nanoTime() - t0) / 1e9);
            }
            System.out.printf("run %d: engine alone %,.0f transitions/s; engine + H2 journal %,.0f transitions/s; "
                    + "readings without transition %,.0f readings/s%n", run + 1, memRates[run], h2Rates[run], quietRates[run]);
        }

        // KPIs over a journal the engine wrote itself
        MemoryStore journal = new MemoryStore();
        AlarmEngine engine = new AlarmEngine(defs, journal, Clock.systemUTC());
        long t = 1_600_000_000_000L;
        while (journal.rows.size() < journalRows) {
            for (int i = 0; i < tags && journal.rows.size() < journalRows; i += 1 + rnd.nextInt(7)) {
                double v = rnd.nextDouble() < 0.5 ? 50 : (rnd.nextBoolean() ? 90 : 10);
                engine.onReading(new Reading(defs.get(i).tag(), t, v, ""));
                t += 37;
            }
        }
        List<AlarmTransition> rows = journal.rows;
        long from = rows.get(0).eventTimeMillis();
        long to = rows.get(rows.size() - 1).eventTimeMillis() + 1;
        double[] kpiMillis = new double[runs];
        AlarmKpis k = null;
        for (int run = 0; run < runs; run++) {
            long t0 = System.nanoTime();
            k = AlarmKpiCalculator.compute(rows, from, to, 2);
            kpiMillis[run] = (System.nanoTime() - t0) / 1e6;
        }
        System.out.printf("%nmedian of %d runs, %,d tags (%,d alarms), 2 cores:%n", runs, tags, tags * 2);
        System.out.printf("  alarm engine alone (in-memory journal): %,.0f transitions/s (%,d transitions per run)%n",
                BenchStats.median(memRates), transitions);
        System.out.printf("  alarm engine + H2 journal (committed)  : %,.0f transitions/s%n", BenchStats.median(h2Rates));
        System.out.printf("  readings that change nothing          : %,.0f readings/s%n", BenchStats.median(quietRates));
        System.out.printf("  EEMUA 191 KPIs over %,d journal rows   : %.1f ms (%,d activations, %.1f h of event time)%n",
                rows.size(), BenchStats.median(kpiMillis), k.activations(), (to - from) / 3.6e6);
        return 0;
    }

}
