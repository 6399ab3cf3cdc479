package io.plantwatch.app;

import io.plantwatch.config.SiteConfig;
import io.plantwatch.config.SiteConfigLoader;
import io.plantwatch.domain.Reading;
import io.plantwatch.ingest.replay.Recording;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plantwatch bench seek}: seek latency of a replay (issue #6) on a generated recording of
 * {@code --tags} tags at 1 Hz over {@code --hours} (default one day of 200 tags: 17.28M readings).
 * Each seek goes to a random event time (seeded) and measures, from the seek request: the first
 * reading after the target passed on to the screen, and the first window after the target emitted
 * by Spark. The replay runs with the site's streaming settings (10 s windows, 5 s
 * watermark, 1 s trigger) and is paused between seeks. Median and p99 (nearest rank) are printed.
 *
 * <p>The recording is generated reproducibly from {@code --seed} (a bounded random walk per tag,
 * values to 3 decimals; tags {@code D-00/s0} … in 20 devices), written as long CSV with epoch-ms
 * timestamps under {@code --out} unless {@code --no-file} (so it can be replayed with
 * {@code plantwatch replay}), and replayed from memory (parsing 17M lines would hold them twice).
 * Every tag has a HI limit at 95 (deadband 2), so the alarm engine's rebuild does real work. The
 * replay is paced at {@code --speed} after each seek (default 100×): the latency to the first window
 * then is the restart, the warm-up and the watermark passing the first window's end.
 */
@Command(name = "seek", mixinStandardHelpOptions = true,
        description = "Measure replay seek latency on a generated recording (default 1 day of 200 tags at 1 Hz).")
public final class BenchSeekCommand implements Callable<Integer> {

    @Option(names = "--tags", defaultValue = "200", description = "Tags (20 devices). Default: ${DEFAULT-VALUE}.")
    int tags;

    @Option(names = "--hours", defaultValue = "24", description = "Event-time span at 1 Hz. Default: ${DEFAULT-VALUE}.")
    int hours;

    @Option(names = "--seeks", defaultValue = "12", description = "Seeks measured. Default: ${DEFAULT-VALUE}.")
    int seeks;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed of the data and the seek targets. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", defaultValue = "target/bench-seek", description = "Where the CSV, site file and data dir go. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--no-file", description = "Do not write the recording as CSV.")
    boolean noFile;

    @Option(names = "--speed", defaultValue = "100", description = "Replay speed after each seek: 1, 10, 100 … or max. "
            + "Default: ${DEFAULT-VALUE}.")
    String speed;

    /** 2026-01-05T00:00:00Z, the generated recording's first event time. */
    static final long START = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        Recording rec = generate(tags, hours, seed);
        System.err.printf("generated %,d readings (%d tags × %d h at 1 Hz) in %.1f s%n", rec.readings().size(), tags, hours,
                (System.nanoTime() - t0) / 1e9);
        if (!noFile) {
            Path csv = out.resolve("bench-" + tags + "tags-" + hours + "h-seed" + seed + ".csv");
            t0 = System.nanoTime();
            writeCsv(rec, csv);
            System.err.printf("wrote %s (%,d MB) in %.1f s%n", csv, Files.size(csv) >> 20, (System.nanoTime() - t0) / 1e9);
        }
        Path site = writeSite(out.resolve("bench-seek-site.yaml"), tags);
        SiteConfig config = new SiteConfigLoader().load(site);
        Path dataDir = out.resolve("data");
        double factor = SiteConfigLoader.parseSpeed(speed);
        PlantWatchContext.Options opts = new PlantWatchContext.Options(config, dataDir, site, factor,
                "local[*]", config.streaming());
        AtomicLong firstWindowNanos = new AtomicLong();
        AtomicLong firstValueNanos = new AtomicLong();
        List<Double> valueMs = new ArrayList<>();
        List<Double> windowMs = new ArrayList<>();
        try (PlantWatchContext ctx = new PlantWatchContext(opts, Clock.systemUTC(), rec)) {
            ctx.addReadingListener((offset, r) -> firstValueNanos.compareAndSet(0, System.nanoTime()));
            ctx.addWindowListener((batch, ws) -> firstWindowNanos.compareAndSet(0, System.nanoTime()));
            ctx.start();
            ctx.replay().pause();
            ctx.sparkStarted().join();
            Random targets = new Random(seed);
            long span = rec.lastEventTime() - rec.firstEventTime();
            for (int i = 0; i < seeks + 1; i++) {
                long target = rec.firstEventTime() + (long) (targets.nextDouble() * span * 0.95);
                firstWindowNanos.set(0);
                firstValueNanos.set(0);
                long s0 = System.nanoTime();
                var result = ctx.seek(target);
                long seekReturned = System.nanoTime();
                ctx.replay().resume();
                while (firstWindowNanos.get() == 0 || firstValueNanos.get() == 0) {
                    Thread.sleep(1);
                    if (System.nanoTime() - s0 > Duration.ofMinutes(5).toNanos()) {
                        throw new IllegalStateException("no window 5 min after seek " + i);
                    }
                }
                ctx.replay().pause();
                double v = (firstValueNanos.get() - s0) / 1e6;
                double w = (firstWindowNanos.get() - s0) / 1e6;
                System.err.printf("seek %2d to %s (offset %,d, warm-up from %,d): seek call %.0f ms, first value %.0f ms, "
                        + "first window %.0f ms, %,d alarm transitions rebuilt%s%n", i, Instant.ofEpochMilli(result.targetMillis()), result.targetOffset(),
                        result.warmUpOffset(), (seekReturned - s0) / 1e6, v, w, ctx.alarmJournal().all().size(), i == 0 ? " (warm-up seek, not counted)" : "");
                if (i > 0) {
                    valueMs.add(v);
                    windowMs.add(w);
                }
            }
        }
        System.out.printf("seek latency over %d seeks, %,d readings (%d tags, %d h at 1 Hz), speed %s, trigger %s:%n", seeks,
                rec.readings().size(), tags, hours, speed, config.streaming().trigger());
        System.out.printf("  seek → first value after the target:  median %.0f ms, p99 %.0f ms%n", BenchStats.median(valueMs.stream().mapToDouble(Double::doubleValue).toArray()),
                p99(valueMs));
        System.out.printf("  seek → first window after the target: median %.0f ms, p99 %.0f ms%n", BenchStats.median(windowMs.stream().mapToDouble(Double::doubleValue).toArray()),
                p99(windowMs));
        return 0;
    }

    private static double p99(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(Math.max(0, (int) Math.ceil(0.99 * s.size()) - 1));
    }

    /** One day (by default) of 200 tags at 1 Hz: a random walk per tag in [0, 100], 3 decimals; reproducible from the seed. */
    static Recording generate(int tags, int hours, long seed) {
        String[] ids = new String[tags];
        double[] v = new double[tags];
        Random rnd = new Random(seed);
        for (int i = 0; i < tags; i++) {
            ids[i] = String.format("D-%02d/s%d", i % 20, i / 20);
            v[i] = 20 + 60 * rnd.nextDouble();
        }
        int seconds = hours * 3600;
        List<Reading> readings = new ArrayList<>(seconds * tags);
        for (int s = 0; s < seconds; s++) {
            long t = START + s * 1000L;
            for (int i = 0; i < tags; i++) {
                v[i] = Math.max(0, Math.min(100, v[i] + rnd.nextGaussian()));
                readings.add(new Reading(ids[i], t, Math.round(v[i] * 1000) / 1000.0, "u"));
            }
        }
        return new Recording("bench-" + tags + "tags-" + hours + "h-seed" + seed + ".csv", readings, List.of());
    }

    private static void writeCsv(Recording rec, Path csv) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("timestamp,device,sensor,value,unit\n");
            StringBuilder line = new StringBuilder(64);
            for (Reading r : rec.readings()) {
                line.setLength(0);
                int slash = r.tag().indexOf('/');
                line.append(r.eventTimeMillis()).append(',').append(r.tag(), 0, slash).append(',')
                        .append(r.tag(), slash + 1, r.tag().length()).append(',').append(r.value()).append(",u\n");
                w.append(line);
            }
        }
    }

    private static Path writeSite(Path file, int tags) throws IOException {
        StringBuilder y = new StringBuilder("""
                # generated by plantwatch bench seek
                site: Seek benchmark
                streaming: {window: 10s, watermark: 5s, trigger: 1s, shufflePartitions: 2, maxReadingsPerTrigger: 1000000}
                replay: {recording: none.csv, speed: max}
                tags:
                """);
        for (int i = 0; i < tags; i++) {
            y.append(String.format("  - {tag: D-%02d/s%d, unit: u, range: [0, 100], deadband: 2, limits: {HI: {value: 95, priority: 3}}}%n",
                    i % 20, i / 20));
        }
        Files.writeString(file, y);
        return file;
    }
}
