package io.plantwatch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.plantwatch.config.SiteConfig;
import io.plantwatch.config.SiteConfigLoader;
import io.plantwatch.domain.RejectedReading;
import io.plantwatch.domain.StreamingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plantwatch replay FILE [--mapping MAP.yaml] [--speed max] [--report OUT.json]}: runs a recording
 * (long CSV, JSON lines, Parquet, or wide CSV with a mapping; see {@code ingest.replay.Recording#load}) through the
 * same pipeline as the console (journal, limit alarms, Spark windows) without a UI and writes a
 * JSON report. Uses a fresh temporary data directory unless {@code --data-dir} is given, so a
 * headless replay never touches the console's alarm journal.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a recording through the full pipeline without the UI and report what it produced.")
public final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Recording: long CSV (timestamp,device,sensor,value,unit), "
            + "JSON lines, Parquet (file or the export's folder), or wide CSV with a mapping.")
    Path file;

    @Option(names = "--mapping", paramLabel = "MAP.yaml", description = "Column mapping of a wide CSV (default: FILE's "
            + "<name>.mapping.yaml beside it).")
    Path mapping;

    @Option(names = "--speed", defaultValue = "max", description = "Speed factor (1, 10, 100, ...) or max. Default: ${DEFAULT-VALUE}.")
    String speed;

    @Option(names = "--report", paramLabel = "OUT.json", description = "Where to write the JSON report (default: standard output).")
    Path report;

    @Option(names = "--config", paramLabel = "SITE.yaml", description = "Site configuration (default: the bundled demo site).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: a new temporary directory).")
    Path dataDir;

    @Option(names = "--windows", paramLabel = "OUT.csv", description = "Also write every window's statistics as CSV.")
    Path windowsCsv;

    @Option(names = "--timeout", defaultValue = "600", description = "Seconds to wait for Spark to finish. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        ReplayReport r = run();
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r);
        if (report == null) {
            System.out.println(json);
        } else {
            Files.writeString(report, json + System.lineSeparator());
            System.err.printf("replayed %d readings (%d rejected) in %.2f s: %d windows, %d alarms; report %s%n",
                    r.readingsIn(), r.readingsRejected(), r.wallSeconds(), r.windowsEmitted(), r.alarmsRaised(), report);
        }
        return 0;
    }

    /** Runs the replay and returns the report. */
    ReplayReport run() throws IOException {
        SiteConfig site = new SiteConfigLoader().load(config == null ? AppDirs.defaultSiteConfig() : config);
        double factor = SiteConfigLoader.parseSpeed(speed);
        Path dir = dataDir == null ? Files.createTempDirectory("plantwatch-replay-") : dataDir;
        StreamingSettings s = site.streaming();
        // At max speed there is nothing to wait for between micro-batches.
        StreamingSettings streaming = Double.isInfinite(factor)
                ? new StreamingSettings(s.window(), s.watermark(), Duration.ZERO, s.shufflePartitions(), s.maxReadingsPerTrigger())
                : s;
        AtomicLong windows = new AtomicLong();
        StringBuilder csv = windowsCsv == null ? null : new StringBuilder("tag,window_start,window_end,count,avg,min,max,stddev\n");
        PlantWatchContext.Options opts = new PlantWatchContext.Options(site, dir, file, mapping, factor, "local[*]", streaming);
        try (PlantWatchContext ctx = new PlantWatchContext(opts, Clock.systemUTC())) {
            ctx.addWindowListener((batchId, ws) -> {
                windows.addAndGet(ws.size());
                if (csv != null) {
                    synchronized (csv) {
                        ws.forEach(w -> csv.append(w.tag()).append(',').append(Instant.ofEpochMilli(w.windowStartMillis()))
                                .append(',').append(Instant.ofEpochMilli(w.windowEndMillis())).append(',').append(w.count())
                                .append(',').append(w.avg()).append(',').append(w.min()).append(',').append(w.max())
                                .append(',').append(w.stddev()).append('\n'));
                    }
                }
            });
            long t0 = System.nanoTime();
            ctx.start();
            long sparkStart = System.nanoTime();
            ctx.sparkStarted().join();
            double sparkSeconds = (System.nanoTime() - sparkStart) / 1e9;
            ctx.finishReplay(Duration.ofSeconds(timeoutSeconds));
            double wall = (System.nanoTime() - t0) / 1e9;
            if (csv != null) {
                Files.writeString(windowsCsv, csv);
            }
            var rejected = ctx.replay().recording().rejected();
            Map<String, Long> byReason = rejected.stream()
                    .collect(Collectors.groupingBy(ReplayCommand::reasonKind, Collectors.counting()))
                    .entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
            var sample = rejected.stream().limit(20)
                    .map(x -> new ReplayReport.Rejected(x.position(), x.reason())).toList();
            long transitions = ctx.alarmJournal().all().size();
            var rec = ctx.replay().recording();
            return new ReplayReport(file.toString(), Double.isInfinite(factor) ? "max" : factor + "x",
                    ctx.readingsIn(), ctx.readingsRejected(), byReason, sample, windows.get(),
                    ctx.alarms().activations(), transitions,
                    rec.readings().isEmpty() ? null : Instant.ofEpochMilli(rec.firstEventTime()).toString(),
                    ctx.maxEventTime() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(ctx.maxEventTime()).toString(),
                    sparkSeconds, wall, wall > 0 ? ctx.readingsIn() / wall : 0);
        }
    }

    /** The reason without the quoted offending text, so that reasons group: "value '…' is not a number". */
    static String reasonKind(RejectedReading r) {
        return r.reason().replaceAll("'[^']*'", "'…'");
    }
}
