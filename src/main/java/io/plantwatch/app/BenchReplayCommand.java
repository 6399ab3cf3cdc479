package io.plantwatch.app;

import io.plantwatch.alarm.AlarmEngine;
import io.plantwatch.config.SiteConfig;
import io.plantwatch.config.SiteConfigLoader;
import io.plantwatch.domain.StreamingSettings;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.domain.TagId;
import io.plantwatch.ingest.ReadingSink;
import io.plantwatch.ingest.replay.Recording;
import io.plantwatch.ingest.replay.ReplaySource;
import io.plantwatch.journal.MemoryJournal;
import io.plantwatch.storage.Database;
import io.plantwatch.storage.H2AlarmJournal;
import io.plantwatch.streaming.BatchBaseline;
import io.plantwatch.streaming.StreamingPipeline;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code plantwatch bench replay}: replay throughput of the full pipeline at max speed (journal,
 * per-reading limit alarms, Spark DataSource V2 source, event-time windows, foreachBatch) beside
 * plain Spark batch aggregation of the same CSV, in the same JVM and session, as medians of
 * {@code --runs} runs. See docs/BENCHMARKS.md.
 *
 * <p>The input is built from the bundled SKAB valve1 recordings: {@code --devices} copies of the
 * pump's 8 sensors (device P-101 → B-001 … B-nnn), the two experiments alternating
 * {@code --passes} times back to back in event time. Each bench device gets P-101's limits, so
 * the alarm engine does real work.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Measure replay throughput of the full pipeline against plain Spark batch aggregation.")
public final class BenchReplayCommand implements Callable<Integer> {

    @Mixin
    BenchRecordingOptions options = new BenchRecordingOptions();

    @Override
    public Integer call() throws Exception {
        Path dir = options.workDir("plantwatch-bench-");
        SiteConfig site = new SiteConfigLoader().load(AppDirs.defaultSiteConfig());
        Path csv = dir.resolve("bench-recording.csv");
        long generated = generate(csv);
        long t0 = System.nanoTime();
        Recording rec = Recording.load(csv);
        double parseSeconds = (System.nanoTime() - t0) / 1e9;
        List<TagDefinition> tags = benchTags(site);
        StreamingSettings s = site.streaming();
        StreamingSettings settings = new StreamingSettings(s.window(), s.watermark(), Duration.ZERO,
                s.shufflePartitions(), s.maxReadingsPerTrigger());
        System.out.printf("bench input: %,d readings (%d tags, %d passes), parsed in %.2f s (%,.0f lines/s)%n",
                generated, options.devices * 8, options.passes, parseSeconds, generated / parseSeconds);

        double[] pipelineRates = new double[options.runs];
        double[] batchRates = new double[options.runs];
        double[] ingestRates = new double[options.runs];
        double[] detectRates = new double[options.runs];
        for (int run = 0; run < options.runs; run++) {
            // with and without the anomaly detectors in the same run; the order alternates between runs
            Measured plain = null;
            Measured detect = null;
            for (boolean withDetectors : run % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                Measured m = measure(rec, tags, site, settings, dir.resolve((withDetectors ? "d-" : "p-") + run), withDetectors,
                        csv, !withDetectors);
                if (withDetectors) {
                    detect = m;
                } else {
                    plain = m;
                }
            }
            pipelineRates[run] = plain.rate;
            ingestRates[run] = plain.ingestRate;
            batchRates[run] = plain.batchRate;
            detectRates[run] = detect.rate;
            System.out.printf("run %d: pipeline %,.0f readings/s (%,d windows, %d alarms); with anomaly detectors %,.0f "
                            + "readings/s (%d alarms); journal+alarms alone %,.0f readings/s; Spark batch %,.0f readings/s "
                            + "(%,d windows)%n", run + 1, plain.rate, plain.windows, plain.alarms, detect.rate, detect.alarms,
                    plain.ingestRate, plain.batchRate, plain.batchWindows);
        }
        double p = BenchStats.median(pipelineRates);
        double b = BenchStats.median(batchRates);
        double d = BenchStats.median(detectRates);
        System.out.printf("%nmedian of %d runs, %,d readings, %d cores:%n", options.runs, rec.readings().size(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("  full pipeline at max speed : %,.0f readings/s%n", p);
        System.out.printf("  ... with anomaly detectors : %,.0f readings/s (ratio %.2f)%n", d, d / p);
        System.out.printf("  journal + limit alarms only: %,.0f readings/s%n", BenchStats.median(ingestRates));
        System.out.printf("  plain Spark batch (CSV)    : %,.0f readings/s%n", b);
        System.out.printf("  ratio pipeline / batch     : %.2f%n", p / b);
        return 0;
    }

    /** What one pipeline run measured. */
    private record Measured(double rate, double ingestRate, long windows, long alarms, double batchRate, long batchWindows) {
    }

    private Measured measure(Recording rec, List<TagDefinition> tags, SiteConfig site, StreamingSettings settings, Path dir,
            boolean withDetectors, Path csv, boolean withBatch) {
        MemoryJournal journal = new MemoryJournal();
        AtomicLong emitted = new AtomicLong();
        try (Database db = Database.open(dir.resolve("db"))) {
            AlarmEngine alarms = new AlarmEngine(tags, new H2AlarmJournal(db), Clock.systemUTC());
            journal.addListener((offset, r) -> alarms.onReading(r));
            io.plantwatch.streaming.detect.AnomalyDetection detection = new io.plantwatch.streaming.detect.AnomalyDetection(
                    tags, site.detectors(), settings.window().toMillis(), alarms::onAnomaly);
            try (StreamingPipeline pipeline = new StreamingPipeline(journal, settings, dir.resolve("checkpoint"),
                    (batchId, ws) -> {
                        emitted.addAndGet(ws.size());
                        if (withDetectors) {
                            detection.onWindows(batchId, ws);
                        }
                    })) {
                pipeline.startLocal("local[*]", dir.resolve("spark"));
                // full pipeline: journal + alarms on the replay thread, Spark windows (and detectors) behind it
                ReplaySource replay = new ReplaySource(rec, Double.POSITIVE_INFINITY, ReadingSink.of(journal::append, rejected -> {
                    throw new IllegalStateException("generated recording has a bad line: " + rejected);
                }));
                long start = System.nanoTime();
                replay.start();
                replay.done().join();
                double ingest = (System.nanoTime() - start) / 1e9;
                pipeline.finish(rec.lastEventTime(), Duration.ofMinutes(30));
                double full = (System.nanoTime() - start) / 1e9;
                double batchRate = Double.NaN;
                long batchWindows = 0;
                if (withBatch) {
                    // baseline: plain Spark batch aggregation of the same file, same session
                    long b0 = System.nanoTime();
                    batchWindows = BatchBaseline.windows(pipeline, csv, settings.window());
                    batchRate = rec.readings().size() / ((System.nanoTime() - b0) / 1e9);
                }
                return new Measured(rec.readings().size() / full, rec.readings().size() / ingest, emitted.get(),
                        alarms.activations(), batchRate, batchWindows);
            }
        }
    }

    long generate(Path csv) throws IOException {
        Path home = AppDirs.home().resolve("sample-data");
        List<List<String>> sources = List.of(Files.readAllLines(home.resolve("skab-valve1-01.csv")),
                Files.readAllLines(home.resolve("skab-valve1-09.csv")));
        long n = 0;
        long offsetMillis = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            out.write("timestamp,device,sensor,value,unit\n");
            for (int pass = 0; pass < options.passes; pass++) {
                List<String> src = sources.get(pass % 2);
                long first = Instant.parse(src.get(1).substring(0, src.get(1).indexOf(','))).toEpochMilli();
                long base = Instant.parse("2020-03-10T00:00:00Z").toEpochMilli() + offsetMillis;
                long last = first;
                String lastTs = null;
                String shifted = null;
                for (String line : src.subList(1, src.size())) {
                    int c1 = line.indexOf(',');
                    String ts = line.substring(0, c1);
                    if (!ts.equals(lastTs)) {
                        long t = Instant.parse(ts).toEpochMilli();
                        last = t;
                        shifted = Instant.ofEpochMilli(base + (t - first)).toString();
                        lastTs = ts;
                    }
                    String rest = line.substring(line.indexOf(',', c1 + 1));
                    for (int d = 1; d <= options.devices; d++) {
                        out.write(shifted);
                        out.write(String.format(",B-%03d", d));
                        out.write(rest);
                        out.write('\n');
                        n++;
                    }
                }
                offsetMillis += (last - first) + 1000;
            }
        }
        return n;
    }

    List<TagDefinition> benchTags(SiteConfig site) {
        List<TagDefinition> out = new ArrayList<>();
        for (TagDefinition t : site.tags()) {
            if (!TagId.device(t.tag()).equals("P-101")) {
                continue;
            }
            for (int d = 1; d <= options.devices; d++) {
                out.add(new TagDefinition(TagId.of(String.format("B-%03d", d), TagId.sensor(t.tag())), t.description(),
                        t.unit(), t.rangeLow(), t.rangeHigh(), t.limits(), null, t.detectorClass(), t.maxRatePerSecond()));
            }
        }
        return out;
    }

}
