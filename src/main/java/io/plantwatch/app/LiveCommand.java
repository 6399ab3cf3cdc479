package io.plantwatch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.plantwatch.config.SiteConfig;
import io.plantwatch.config.SiteConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code plantwatch live}: the console's live pipeline without a window, for a control-room server,
 * a soak test or a benchmark. Subscribes as the site file's {@code connections} (or the command
 * line's overrides) say, journals durably in the data directory, evaluates limit alarms, runs Spark,
 * and writes a status line and a JSON status report every {@code --status-every}. Stops on SIGINT/
 * SIGTERM (closing everything in order) or after {@code --for}. A {@code kill -9} loses nothing that
 * was acknowledged: the next start resumes from the journal and Spark's checkpoint.
 */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = "Run the live pipeline headless (brokers → journal → alarms + Spark) and report its status.")
public final class LiveCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "SITE.yaml", description = "Site configuration (default: the bundled demo site).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory: journal, checkpoints, H2 (default: the per-user data directory).")
    Path dataDir;

    @Option(names = "--for", paramLabel = "DURATION", description = "Stop after this long (e.g. 10m); default: until interrupted.")
    String runFor;

    @Option(names = "--status-every", paramLabel = "DURATION", defaultValue = "5s", description = "Status interval. Default: ${DEFAULT-VALUE}.")
    String statusEvery;

    @Option(names = "--report", paramLabel = "OUT.json", description = "Status report, rewritten atomically at every status line and at exit.")
    Path report;

    @Option(names = "--windows", paramLabel = "OUT.csv",
            description = "Append every delivered window (batch_id,tag,window_start_ms,window_end_ms,count,avg,min,max) to this CSV.")
    Path windowsCsv;

    @Mixin
    LiveOptions live = new LiveOptions();

    @Override
    public Integer call() throws Exception {
        SiteConfig site = live.applyLive(new SiteConfigLoader().load(config == null ? AppDirs.defaultSiteConfig() : config));
        Path dir = dataDir == null ? AppDirs.defaultDataDir() : dataDir;
        Files.createDirectories(dir);
        System.setProperty("plantwatch.log.dir", dir.resolve("logs").toString());
        Duration every = io.plantwatch.config.Durations.parse(statusEvery);
        PlantWatchContext.Options opts = new PlantWatchContext.Options(site, dir, null, 1, "local[*]", site.streaming());
        AtomicLong windows = new AtomicLong();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Instant started = Instant.now();
        // SIGTERM/SIGINT: ask the loop to stop, then hold the JVM until the context has closed in order
        // (inputs, Spark, journal, database); the exit status is then 143/130, as for any signalled process
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "live-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (PlantWatchContext ctx = new PlantWatchContext(opts, Clock.systemUTC())) {
            ctx.addWindowListener((batchId, ws) -> {
                windows.addAndGet(ws.size());
                if (windowsCsv != null) {
                    StringBuilder sb = new StringBuilder();
                    ws.forEach(w -> sb.append(batchId).append(',').append(w.tag()).append(',').append(w.windowStartMillis())
                            .append(',').append(w.windowEndMillis()).append(',').append(w.count()).append(',').append(w.avg())
                            .append(',').append(w.min()).append(',').append(w.max()).append('\n'));
                    try {
                        Files.writeString(windowsCsv, sb, java.nio.file.StandardOpenOption.CREATE,
                                java.nio.file.StandardOpenOption.APPEND);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException("cannot append to " + windowsCsv, e);
                    }
                }
            });
            ctx.start();
            long deadline = runFor == null ? Long.MAX_VALUE
                    : System.nanoTime() + io.plantwatch.config.Durations.parse(runFor).toNanos();
            while (!stop.await(Math.min(every.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
                    TimeUnit.MILLISECONDS)) {
                status(ctx, windows.get(), started);
                if (System.nanoTime() >= deadline) {
                    break;
                }
            }
            status(ctx, windows.get(), started);
        } finally {
            closed.countDown();
        }
        return 0;
    }

    private void status(PlantWatchContext ctx, long windows, Instant started) throws java.io.IOException {
        var p = ctx.pipelineStatus();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("time", Instant.now().toString());
        r.put("since", started.toString());
        r.put("readingsIn", ctx.readingsIn());
        r.put("readingsRejected", ctx.readingsRejected());
        r.put("duplicatesDropped", ctx.duplicatesDropped());
        r.put("journalStartOffset", ctx.journal().startOffset());
        r.put("journalEndOffset", ctx.journal().endOffset());
        r.put("windowsEmitted", windows);
        r.put("spark", p.state().name());
        r.put("watermark", p.watermarkMillis() <= 0 ? null : Instant.ofEpochMilli(p.watermarkMillis()).toString());
        r.put("alarmsRaised", ctx.alarms().activations());
        Map<String, String> conns = new LinkedHashMap<>();
        ctx.connectionStates().forEach((k, v) -> conns.put(k, v.status() + (v.detail().isEmpty() ? "" : ": " + v.detail())));
        r.put("connections", conns);
        System.err.printf("live: %d readings in, %d rejected, %d duplicates dropped, journal end %d, %d windows, Spark %s, %s%n",
                ctx.readingsIn(), ctx.readingsRejected(), ctx.duplicatesDropped(), ctx.journal().endOffset(), windows,
                p.state(), conns);
        if (report != null) {
            Path tmp = report.resolveSibling(report.getFileName() + ".tmp");
            Files.writeString(tmp, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
            Files.move(tmp, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
