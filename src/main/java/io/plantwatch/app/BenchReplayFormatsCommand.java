package io.plantwatch.app;

import io.plantwatch.alarm.AlarmEngine;
import io.plantwatch.config.SiteConfig;
import io.plantwatch.config.SiteConfigLoader;
import io.plantwatch.domain.ExportRequest;
import io.plantwatch.domain.StreamingSettings;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.ingest.ReadingSink;
import io.plantwatch.ingest.replay.ParquetRecordingReader;
import io.plantwatch.ingest.replay.Recording;
import io.plantwatch.ingest.replay.ReplaySource;
import io.plantwatch.journal.MemoryJournal;
import io.plantwatch.storage.Database;
import io.plantwatch.storage.H2AlarmJournal;
import io.plantwatch.streaming.JournalExport;
import io.plantwatch.streaming.ParquetRecordings;
import io.plantwatch.streaming.StreamingPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code plantwatch bench replay-formats}: replay throughput at max speed through the full pipeline
 * (journal, per-reading limit alarms, Spark source, event-time windows, foreachBatch) from a long
 * CSV and from the same readings exported to Parquet ({@link JournalExport}), in the same JVM, as
 * medians of {@code --runs} runs with the order of the two formats alternating between runs.
 *
 * <p>Each run starts the pipeline (Spark session up, not timed), then times loading the recording
 * ({@link Recording#load}: CSV parsed on one thread; Parquet read by Spark on the running session,
 * sorted by journal offset and streamed to the driver) and the replay through the pipeline until
 * the last window is delivered. Reported: load rate, pipeline rate, and end to end (load + replay).
 * The input is {@link BenchReplayCommand}'s: copies of SKAB's pump, experiments back to back.
 * See docs/BENCHMARKS.md, "Replay from Parquet and CSV".
 */
@Command(name = "replay-formats", mixinStandardHelpOptions = true,
        description = "Measure replay throughput at max speed from Parquet and from CSV (same readings, same run).")
public final class BenchReplayFormatsCommand implements Callable<Integer> {

    @Mixin
    BenchRecordingOptions options = new BenchRecordingOptions();

    @Override
    public Integer call() throws Exception {
        Path dir = options.workDir("plantwatch-bench-formats-");
        SiteConfig site = new SiteConfigLoader().load(AppDirs.defaultSiteConfig());
        BenchReplayCommand gen = new BenchReplayCommand();
        gen.options = options;
        Path csv = dir.resolve("bench-recording.csv");
        long n = gen.generate(csv);
        List<TagDefinition> tags = gen.benchTags(site);
        StreamingSettings s = site.streaming();
        StreamingSettings settings = new StreamingSettings(s.window(), s.watermark(), Duration.ZERO, s.shufflePartitions(),
                s.maxReadingsPerTrigger());
        ParquetRecordingReader parquetReader = ParquetRecordings.local("local[*]", settings, dir.resolve("spark"));

        // the same readings as Parquet, through the journal export
        Recording source = Recording.load(csv);
        MemoryJournal j = new MemoryJournal();
        source.readings().forEach(j::append);
        Path parquet = dir.resolve("bench-recording-parquet");
        long e0 = System.nanoTime();
        JournalExport.Result exported = JournalExport.toParquet("local[*]", settings, dir.resolve("spark"), true, j,
                new ExportRequest(ExportRequest.Format.PARQUET, parquet, null, null, Set.of()), JournalExport.Progress.NONE);
        double exportSeconds = (System.nanoTime() - e0) / 1e9;
        System.out.printf("bench input: %,d readings (%d tags, %d passes); CSV %,d bytes; Parquet %,d bytes, exported in "
                + "%.1f s (%,.0f readings/s, incl. Spark start)%n", n, options.devices * 8, options.passes, Files.size(csv), size(parquet),
                exportSeconds, exported.exported() / exportSeconds);

        double[][] load = new double[2][options.runs];
        double[][] pipe = new double[2][options.runs];
        double[][] total = new double[2][options.runs];
        String[] names = {"CSV", "Parquet"};
        for (int run = 0; run < options.runs; run++) {
            for (int k = 0; k < 2; k++) {
                int f = (run + k) % 2;
                Measured m = measure(f == 0 ? csv : parquet, parquetReader, tags, settings, dir.resolve(names[f] + "-" + run));
                if (m.readings != n) {
                    throw new IllegalStateException(names[f] + " gave " + m.readings + " readings, expected " + n);
                }
                load[f][run] = n / m.loadSeconds;
                pipe[f][run] = n / m.pipelineSeconds;
                total[f][run] = n / (m.loadSeconds + m.pipelineSeconds);
                System.out.printf("run %d %-7s: load %,.0f readings/s (%.2f s), pipeline %,.0f readings/s (%.2f s), end to "
                                + "end %,.0f readings/s; %,d windows, %d alarms%n", run + 1, names[f], load[f][run], m.loadSeconds,
                        pipe[f][run], m.pipelineSeconds, total[f][run], m.windows, m.alarms);
            }
        }
        System.out.printf("%nmedian of %d runs, %,d readings, %d cores:%n", options.runs, n, Runtime.getRuntime().availableProcessors());
        for (int f = 0; f < 2; f++) {
            System.out.printf("  %-7s load %,10.0f readings/s | pipeline %,10.0f readings/s | end to end %,10.0f readings/s%n",
                    names[f], BenchStats.median(load[f]), BenchStats.median(pipe[f]), BenchStats.median(total[f]));
        }
        return 0;
    }

    /** What one run of one format measured. */
    private record Measured(long readings, double loadSeconds, double pipelineSeconds, long windows, long alarms) {
    }

    private static Measured measure(Path file, ParquetRecordingReader parquet, List<TagDefinition> tags,
            StreamingSettings settings, Path dir) throws java.io.IOException {
        MemoryJournal journal = new MemoryJournal();
        AtomicLong windows = new AtomicLong();
        try (Database db = Database.open(dir.resolve("db"))) {
            AlarmEngine alarms = new AlarmEngine(tags, new H2AlarmJournal(db), Clock.systemUTC());
            journal.addListener((offset, r) -> alarms.onReading(r));
            try (StreamingPipeline pipeline = new StreamingPipeline(journal, settings, dir.resolve("checkpoint"),
                    (batchId, ws) -> windows.addAndGet(ws.size()))) {
                // Spark up first (not timed), so that Parquet is read on the running session as in the console
                pipeline.startLocal("local[*]", dir.getParent().resolve("spark"));
                long t0 = System.nanoTime();
                Recording rec = Recording.load(file, null, parquet);
                long t1 = System.nanoTime();
                ReplaySource replay = new ReplaySource(rec, Double.POSITIVE_INFINITY, ReadingSink.of(journal::append, r -> {
                    throw new IllegalStateException("bench recording has a bad line: " + r);
                }));
                replay.start();
                replay.done().join();
                pipeline.finish(rec.lastEventTime(), Duration.ofMinutes(30));
                long t2 = System.nanoTime();
                return new Measured(rec.readings().size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, windows.get(), alarms.activations());
            }
        }
    }

    private static long size(Path dir) throws java.io.IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
