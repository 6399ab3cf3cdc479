package io.plantwatch.app;

import io.plantwatch.config.SiteConfig;
import io.plantwatch.config.SiteConfigLoader;
import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.StreamingSettings;
import io.plantwatch.ingest.load.CountingSubscriber;
import io.plantwatch.ingest.load.LoadPublisher;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plantwatch bench mqtt}: sustained MQTT ingest of the live pipeline (MqttIngest → durable
 * journal → limit alarms, with the Spark query running) beside a bare HiveMQ-client subscriber that
 * only counts, in the same run and through the same broker; publish-to-alarm and publish-to-window
 * latency at a fixed rate; and heap over a long run at a fixed rate. See docs/BENCHMARKS.md.
 *
 * <p>The broker is Debian's mosquitto started as a child process (or {@code --mqtt URL}); the
 * publisher is {@link LoadPublisher} in this JVM. Every phase uses a fresh data directory.
 */
@Command(name = "mqtt", mixinStandardHelpOptions = true,
        description = "Measure live MQTT ingest against a bare subscriber, latency to alarm and window, and heap.")
public final class BenchMqttCommand implements Callable<Integer> {

    @Option(names = "--mqtt", paramLabel = "URL", description = "Broker to use (default: start Debian's mosquitto).")
    URI broker;

    @Option(names = "--readings", defaultValue = "400000", description = "Readings per throughput run. Default: ${DEFAULT-VALUE}.")
    long readings;

    @Option(names = "--devices", defaultValue = "25", description = "Devices (8 sensors each). Default: ${DEFAULT-VALUE}.")
    int devices;

    @Option(names = "--batch", defaultValue = "100", description = "Readings per message in the batched runs. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--qos", defaultValue = "1", description = "QoS of publisher and subscribers. Default: ${DEFAULT-VALUE}.")
    int qos;

    @Option(names = "--runs", defaultValue = "3", description = "Repetitions; medians are reported. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--latency-rate", defaultValue = "10000", description = "Readings/s of the latency phase. Default: ${DEFAULT-VALUE}.")
    double latencyRate;

    @Option(names = "--latency-seconds", defaultValue = "60", description = "Length of the latency phase. Default: ${DEFAULT-VALUE}.")
    int latencySeconds;

    @Option(names = "--latency-window", defaultValue = "2s",
            description = "Tumbling window of the latency phase (more windows, more samples). Default: ${DEFAULT-VALUE}.")
    String latencyWindow;

    @Option(names = "--latency-warmup-seconds", defaultValue = "30",
            description = "Publishing before the latency phase is measured (JIT, Spark's first batches). Default: ${DEFAULT-VALUE}.")
    int latencyWarmupSeconds;

    @Option(names = "--latency-trigger", defaultValue = "250ms",
            description = "Micro-batch trigger of the latency phase (0s: each batch starts when the last ended). Default: ${DEFAULT-VALUE}.")
    String latencyTrigger;

    @Option(names = "--shuffle-partitions", defaultValue = "2",
            description = "spark.sql.shuffle.partitions of the console under test (the demo site uses 2). Default: ${DEFAULT-VALUE}.")
    int shufflePartitions;

    @Option(names = "--heap-rate", defaultValue = "50000", description = "Readings/s of the heap phase. Default: ${DEFAULT-VALUE}.")
    double heapRate;

    @Option(names = "--heap-minutes", defaultValue = "0", description = "Length of the heap phase (0: skip). Default: ${DEFAULT-VALUE}.")
    int heapMinutes;

    @Option(names = "--phases", split = ",", defaultValue = "throughput,latency",
            description = "Which phases: throughput, latency, heap. Default: ${DEFAULT-VALUE}.")
    List<String> phases;

    @Option(names = "--work-dir", description = "Where data directories go (default: a temporary directory).")
    Path workDir;

    private static final int SENSORS = 8;
    private static final int IN_FLIGHT = 2_000;

    @Override
    public Integer call() throws Exception {
        Path dir = workDir == null ? Files.createTempDirectory("plantwatch-bench-mqtt-") : workDir;
        Files.createDirectories(dir);
        MosquittoBroker mosquitto = broker == null ? new MosquittoBroker(dir) : null;
        if (mosquitto != null && System.getProperty("plantwatch.mqtt.receiveMaximum") == null) {
            // mosquitto 2.0.11 exceeds a Receive Maximum of 1024 under load (docs/mqtt.md)
            System.setProperty("plantwatch.mqtt.receiveMaximum", "65535");
        }
        URI url = broker != null ? broker : mosquitto.url();
        System.out.printf("broker %s, QoS %d, %d tags, %d readings per run, %d runs%n", url, qos, devices * SENSORS, readings, runs);
        try {
            if (phases.contains("throughput")) {
                throughput(url, dir, 1);
                throughput(url, dir, batch);
            }
            if (phases.contains("latency")) {
                latency(url, dir);
            }
            if (phases.contains("heap") || heapMinutes > 0) {
                heap(url, dir, Math.max(1, heapMinutes));
            }
        } finally {
            if (mosquitto != null) {
                mosquitto.close();
            }
        }
        return 0;
    }

    /** Bare subscriber and PlantWatch alternately, {@code runs} times each, through the same broker. */
    private void throughput(URI url, Path dir, int perMessage) throws Exception {
        double[] bare = new double[runs];
        double[] pw = new double[runs];
        for (int run = 0; run < runs; run++) {
            boolean bareFirst = run % 2 == 0;
            for (int k = 0; k < 2; k++) {
                if ((k == 0) == bareFirst) {
                    bare[run] = bareRun(url, perMessage);
                } else {
                    pw[run] = plantWatchRun(url, dir.resolve("tp-" + perMessage + "-" + run), perMessage);
                }
            }
            System.out.printf("  run %d, %d reading(s)/message: bare %,.0f readings/s, PlantWatch %,.0f readings/s (%.2f)%n",
                    run + 1, perMessage, bare[run], pw[run], pw[run] / bare[run]);
        }
        double[] ratios = new double[runs];
        for (int i = 0; i < runs; i++) {
            ratios[i] = pw[i] / bare[i];
        }
        System.out.printf("THROUGHPUT %d reading(s)/message, QoS %d: bare median %,.0f readings/s; PlantWatch median %,.0f readings/s;"
                + " ratio median %.2f%n", perMessage, qos, BenchStats.median(bare), BenchStats.median(pw), BenchStats.median(ratios));
    }

    private double bareRun(URI url, int perMessage) throws Exception {
        long messages = (readings + perMessage - 1) / perMessage;
        try (CountingSubscriber sub = new CountingSubscriber(url, "bench-bare", "sensors/#", qos);
                LoadPublisher pub = new LoadPublisher(url, "bench-pub", qos, IN_FLIGHT)) {
            pub.run(readings, devices, SENSORS, perMessage, 0);
            await(() -> sub.messages() >= messages, Duration.ofMinutes(5));
            return readings / sub.seconds();
        }
    }

    private double plantWatchRun(URI url, Path data, int perMessage) throws Exception {
        AtomicLong firstNanos = new AtomicLong();
        AtomicLong lastNanos = new AtomicLong();
        AtomicLong count = new AtomicLong();
        try (PlantWatchContext ctx = context(url, data, "bench-pw-" + System.nanoTime(), Duration.ofSeconds(1), "10s")) {
            ctx.addReadingListener((offset, r) -> {
                long now = System.nanoTime();
                if (count.getAndIncrement() == 0) {
                    firstNanos.set(now);
                }
                lastNanos.set(now);
            });
            ctx.start();
            ctx.sparkStarted().join();
            awaitConnected(ctx);
            try (LoadPublisher pub = new LoadPublisher(url, "bench-pub", qos, IN_FLIGHT)) {
                pub.run(readings, devices, SENSORS, perMessage, 0);
                await(() -> count.get() + ctx.duplicatesDropped() + ctx.readingsRejected() >= readings, Duration.ofMinutes(5));
            }
            if (ctx.readingsRejected() > 0 || ctx.duplicatesDropped() > 0) {
                System.out.printf("  (rejected %d, duplicates %d)%n", ctx.readingsRejected(), ctx.duplicatesDropped());
            }
            return count.get() / ((lastNanos.get() - firstNanos.get()) / 1e9);
        }
    }

    /** Publish → limit alarm transition, and publish → window result, at a steady rate. */
    private void latency(URI url, Path dir) throws Exception {
        List<Long> alarmMs = new ArrayList<>();
        List<Long> windowMs = new ArrayList<>();
        try (PlantWatchContext ctx = context(url, dir.resolve("latency"), "bench-latency",
                io.plantwatch.config.Durations.parse(latencyTrigger), latencyWindow)) {
            long watermark = ctx.options().streaming().watermark().toMillis();
            ctx.alarms().addListener(t -> {
                if (t.tag().equals(LoadPublisher.PROBE_TAG) && t.to() == AlarmState.UNACK && t.from() != AlarmState.UNACK) {
                    long ms = System.currentTimeMillis() - t.eventTimeMillis();
                    synchronized (alarmMs) {
                        alarmMs.add(ms);
                    }
                }
            });
            ctx.addWindowListener((batchId, ws) -> {
                long now = System.currentTimeMillis();
                // a window can close once a reading with event time ≥ end + watermark delay has arrived;
                // event time is the publication's wall clock, so that reading was published at end + delay
                long newest = ws.stream().mapToLong(w -> w.windowEndMillis()).max().orElse(Long.MIN_VALUE);
                if (newest != Long.MIN_VALUE) {
                    synchronized (windowMs) {
                        windowMs.add(now - (newest + watermark));
                    }
                }
            });
            ctx.start();
            ctx.sparkStarted().join();
            awaitConnected(ctx);
            // warm-up, then the measured period
            try (LoadPublisher pub = new LoadPublisher(url, "bench-pub-latency", qos, IN_FLIGHT)) {
                pub.run((long) (latencyRate * latencyWarmupSeconds), devices, SENSORS, 1, latencyRate);
                synchronized (alarmMs) {
                    alarmMs.clear();
                }
                synchronized (windowMs) {
                    windowMs.clear();
                }
                pub.run((long) (latencyRate * latencySeconds), devices, SENSORS, 1, latencyRate);
                Thread.sleep(ctx.options().streaming().window().toMillis() + watermark + 2_000);
            }
        }
        System.out.printf("LATENCY at %,.0f readings/s, QoS %d: publish → limit alarm p50 %d ms, p99 %d ms (%d alarms);"
                + " publish → window result (%s windows, watermark 2 s, trigger %s, %d shuffle partitions) p50 %d ms, p99 %d ms"
                + " (%d batches with windows)%n",
                latencyRate, qos, pct(alarmMs, 50), pct(alarmMs, 99), alarmMs.size(), latencyWindow, latencyTrigger, shufflePartitions,
                pct(windowMs, 50), pct(windowMs, 99), windowMs.size());
        System.out.println("  window latencies in order of emission (ms): " + windowMs);
    }

    /** Heap used after a full GC, sampled every 30 s at a steady rate; prints samples and the trend. */
    private void heap(URI url, Path dir, int minutes) throws Exception {
        var memory = ManagementFactory.getMemoryMXBean();
        List<double[]> samples = new ArrayList<>();
        try (PlantWatchContext ctx = context(url, dir.resolve("heap"), "bench-heap", Duration.ofSeconds(1), "10s")) {
            ctx.start();
            ctx.sparkStarted().join();
            awaitConnected(ctx);
            long total = (long) (heapRate * 60 * minutes);
            try (LoadPublisher pub = new LoadPublisher(url, "bench-pub-heap", qos, IN_FLIGHT)) {
                Thread publisher = new Thread(() -> {
                    try {
                        // gateway batches (--batch readings a message): 50k single-reading messages/s is more
                        // than the in-JVM publisher sustains on 2 cores
                        pub.run(total, devices, SENSORS, batch, heapRate);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "heap-publisher");
                publisher.start();
                long t0 = System.nanoTime();
                while (publisher.isAlive()) {
                    publisher.join(30_000);
                    System.gc();
                    double mib = memory.getHeapMemoryUsage().getUsed() / 1048576.0;
                    double min = (System.nanoTime() - t0) / 60e9;
                    samples.add(new double[] {min, mib});
                    System.out.printf("  heap %.1f min: %.0f MiB used after GC, %,d readings in, %d rejected%n",
                            min, mib, ctx.readingsIn(), ctx.readingsRejected());
                }
            }
        }
        // least-squares slope over the second half (after warm-up)
        List<double[]> tail = samples.subList(samples.size() / 2, samples.size());
        double mx = tail.stream().mapToDouble(s -> s[0]).average().orElse(0);
        double my = tail.stream().mapToDouble(s -> s[1]).average().orElse(0);
        double num = tail.stream().mapToDouble(s -> (s[0] - mx) * (s[1] - my)).sum();
        double den = tail.stream().mapToDouble(s -> (s[0] - mx) * (s[0] - mx)).sum();
        System.out.printf("HEAP at %,.0f readings/s (%d a message) for %d min: %s MiB; trend over the second half %+.2f MiB/min%n",
                heapRate, batch, minutes, Arrays.toString(samples.stream().mapToLong(s -> Math.round(s[1])).toArray()),
                den == 0 ? 0 : num / den);
    }

    /** A live context on a fresh data directory: the demo site's settings plus the probe's HI limit. */
    private PlantWatchContext context(URI url, Path data, String clientId, Duration trigger, String window) throws Exception {
        Files.createDirectories(data);
        Path siteFile = data.resolve("bench-site.yaml");
        Files.writeString(siteFile, """
                site: MQTT benchmark
                streaming: {window: %s, watermark: 2s, shufflePartitions: %d}
                tags:
                  - tag: %s
                    unit: bar
                    range: [0, 100]
                    limits:
                      HI: {value: 50, priority: 2}
                """.formatted(window, shufflePartitions, LoadPublisher.PROBE_TAG));
        SiteConfig site = new SiteConfigLoader().load(siteFile);
        // the product's default: a persistent session (clean start off), here kept for 5 minutes
        MqttSettings mqtt = MqttSettings.defaults(url).withSession(clientId, false, Duration.ofMinutes(5))
                .withSubscription(List.of("sensors/#"), qos, io.plantwatch.domain.PayloadFormat.JSON);
        SiteConfig live = site.withConnections(new io.plantwatch.config.Connections(
                io.plantwatch.config.Connections.Mode.LIVE, mqtt, null));
        StreamingSettings s = live.streaming();
        StreamingSettings streaming = new StreamingSettings(s.window(), s.watermark(), trigger, s.shufflePartitions(),
                s.maxReadingsPerTrigger());
        return new PlantWatchContext(new PlantWatchContext.Options(live, data, null, 1, "local[*]", streaming), Clock.systemUTC());
    }

    private static void awaitConnected(PlantWatchContext ctx) throws InterruptedException {
        await(() -> ctx.connectionStates().values().stream()
                .anyMatch(s -> s.status() == io.plantwatch.domain.ConnectionState.Status.CONNECTED), Duration.ofSeconds(30));
        Thread.sleep(500);   // the subscription follows the CONNACK
    }

    private static void await(java.util.function.BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("benchmark phase did not complete within " + timeout);
            }
            Thread.sleep(5);
        }
    }

    private static long pct(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - 1)];
    }
}
