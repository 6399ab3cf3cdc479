package io.plantwatch.app;

import io.plantwatch.alarm.AlarmEngine;
import io.plantwatch.alarm.MemoryAlarmJournal;
import io.plantwatch.alarm.kpi.AlarmKpiCalculator;
import io.plantwatch.alarm.kpi.AlarmKpis;
import io.plantwatch.config.SiteConfig;
import io.plantwatch.config.SiteConfigLoader;
import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.domain.ReplayComparison;
import io.plantwatch.domain.StreamingSettings;
import io.plantwatch.ingest.ReadingSink;
import io.plantwatch.ingest.replay.Recording;
import io.plantwatch.ingest.replay.ReplaySource;
import io.plantwatch.journal.MemoryJournal;
import io.plantwatch.streaming.ParquetRecordings;
import io.plantwatch.streaming.StreamingPipeline;
import io.plantwatch.streaming.detect.AnomalyDetection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Replay comparison (issue #6): runs a recording through the replay pipeline at max speed — the
 * components {@link PlantWatchContext} wires in replay mode: in-memory journal, limit alarms per
 * reading ({@link AlarmEngine}), Spark event-time windows ({@link StreamingPipeline}), anomaly
 * detectors on the closed windows ({@link AnomalyDetection}, ADR 0005) — and sets two runs side by
 * side as a {@link ReplayComparison}.
 *
 * <p>Apart from the console: the alarm transitions stay in memory ({@link MemoryAlarmJournal}), the
 * Spark checkpoint goes to a work directory of its own, and the Spark session is shared, not owned
 * (the console's keeps running). Alarms are counted as EEMUA 191 counts them: annunciated activations
 * ({@link AlarmKpiCalculator}), over the recording's event-time span, one operator.
 *
 * <p>Threading: {@link #run} blocks for the whole replay (seconds to minutes); call it off the FX thread.
 * Two runs must not overlap in one JVM (they would share the Spark session's resources, not results,
 * but the figures would then be slower).
 */
public final class ReplayComparer {

    private ReplayComparer() {
    }

    /**
     * What one run produced.
     *
     * @param label       recording (and site file) for the table's header
     * @param readings    readings replayed
     * @param rejected    lines rejected
     * @param windows     window statistics rows Spark emitted
     * @param firstEvent  smallest event time, epoch ms
     * @param lastEvent   largest event time, epoch ms
     * @param transitions every alarm transition, in order
     * @param wallSeconds replay start to last window, s
     */
    public record Run(String label, long readings, long rejected, long windows, long firstEvent, long lastEvent,
            List<AlarmTransition> transitions, double wallSeconds) {
    }

    /**
     * Runs one recording at max speed through the pipeline.
     *
     * @param site      the site configuration (tags, limits, detectors, streaming settings)
     * @param recording the recording (any replay format; a wide CSV needs its mapping file beside it)
     * @param workDir   scratch directory (Spark checkpoint, local dir); created
     * @param progress  hears short progress messages (any thread)
     * @throws IOException              when the recording cannot be read
     * @throws IllegalStateException    when Spark fails or does not finish within the timeout
     */
    public static Run run(SiteConfig site, Path recording, Path workDir, String label, Duration timeout,
            Consumer<String> progress) throws IOException {
        Files.createDirectories(workDir);
        StreamingSettings s = site.streaming();
        StreamingSettings streaming = new StreamingSettings(s.window(), s.watermark(), Duration.ZERO, s.shufflePartitions(),
                s.maxReadingsPerTrigger());
        progress.accept("loading " + recording.getFileName());
        Recording rec = Recording.load(recording, null, ParquetRecordings.local("local[*]", streaming, workDir));
        MemoryJournal journal = new MemoryJournal();
        MemoryAlarmJournal store = new MemoryAlarmJournal();
        AlarmEngine alarms = new AlarmEngine(site.tags(), store, Clock.systemUTC(), site.alarms().maxShelve());
        AtomicLong maxEvent = new AtomicLong(Long.MIN_VALUE);
        journal.addListener((offset, r) -> {
            maxEvent.accumulateAndGet(r.eventTimeMillis(), Math::max);
            alarms.onReading(r);
        });
        AnomalyDetection detection = new AnomalyDetection(site.tags(), site.detectors(), streaming.window().toMillis(),
                alarms::onAnomaly);
        AtomicLong windows = new AtomicLong();
        long t0 = System.nanoTime();
        try (StreamingPipeline pipeline = new StreamingPipeline(journal, streaming, workDir.resolve("checkpoint"),
                io.plantwatch.streaming.CheckpointPolicy.CLEAR, (batchId, ws) -> {
                    if (detection.active()) {
                        detection.onWindows(batchId, ws);
                    }
                    windows.addAndGet(ws.size());
                })) {
            progress.accept("starting Spark");
            pipeline.startShared("local[*]", workDir);
            progress.accept("replaying " + rec.readings().size() + " readings of " + recording.getFileName());
            ReplaySource replay = new ReplaySource(rec, Double.POSITIVE_INFINITY, ReadingSink.of(journal::append, r -> { }));
            replay.start();
            replay.done().join();
            if (!rec.readings().isEmpty()) {
                pipeline.finish(maxEvent.get(), timeout);
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        long[] span = rec.eventTimeSpan();
        return new Run(label, rec.readings().size(), rec.rejected().size(), windows.get(), span[0], span[1], store.all(),
                wall);
    }

    /**
     * Runs both sides of a request, one after the other, and compares them.
     *
     * @param defaultSite the site file used where the request names none
     * @throws IOException when a recording or site file cannot be read
     */
    public static ReplayComparison compare(ReplayComparison.Request request, Path defaultSite, Path workDir,
            Duration timeout, Consumer<String> progress) throws IOException {
        Path siteA = request.configA() == null ? defaultSite : request.configA();
        Path siteB = request.effectiveConfigB() == null ? defaultSite : request.effectiveConfigB();
        SiteConfigLoader loader = new SiteConfigLoader();
        Run a = run(loader.load(siteA), request.recordingA(), workDir.resolve("a"), label(request.recordingA(), siteA),
                timeout, m -> progress.accept("A: " + m));
        Run b = run(loader.load(siteB), request.effectiveRecordingB(), workDir.resolve("b"),
                label(request.effectiveRecordingB(), siteB), timeout, m -> progress.accept("B: " + m));
        return table(a, b);
    }

    private static String label(Path recording, Path site) {
        return recording.getFileName() + " · " + site.getFileName();
    }

    /** The side-by-side table of two runs. */
    public static ReplayComparison table(Run a, Run b) {
        Facts fa = new Facts(a);
        Facts fb = new Facts(b);
        List<ReplayComparison.Row> rows = new ArrayList<>();
        String sec = "Readings and windows";
        rows.add(row(sec, "readings replayed", n(a.readings()), n(b.readings())));
        rows.add(row(sec, "lines rejected", n(a.rejected()), n(b.rejected())));
        rows.add(row(sec, "event time from", time(a.firstEvent()), time(b.firstEvent())));
        rows.add(row(sec, "event time to", time(a.lastEvent()), time(b.lastEvent())));
        rows.add(row(sec, "windows emitted", n(a.windows()), n(b.windows())));
        rows.add(row(sec, "replay wall time, s", String.format(Locale.ROOT, "%.1f", a.wallSeconds()),
                String.format(Locale.ROOT, "%.1f", b.wallSeconds())));
        sec = "Alarms by priority";
        rows.add(row(sec, "alarms (annunciated activations)", n(fa.kpis.activations()), n(fb.kpis.activations())));
        for (int p = 1; p <= 4; p++) {
            rows.add(row(sec, "P" + p, share(fa.kpis.priority(p)), share(fb.kpis.priority(p))));
        }
        rows.add(row(sec, "transitions journaled", n(a.transitions().size()), n(b.transitions().size())));
        sec = "Alarms by tag";
        TreeSet<String> tags = new TreeSet<>(fa.byTag.keySet());
        tags.addAll(fb.byTag.keySet());
        for (String tag : tags) {
            rows.add(row(sec, tag, n(fa.byTag.getOrDefault(tag, 0L)), n(fb.byTag.getOrDefault(tag, 0L))));
        }
        sec = "EEMUA 191 KPIs";
        rows.add(row(sec, "average alarms per 10 min", dec(fa.kpis.averagePerOperatorPer10Min()),
                dec(fb.kpis.averagePerOperatorPer10Min())));
        rows.add(row(sec, "peak alarms per 10 min", n(fa.kpis.peakActivationsPer10Min()), n(fb.kpis.peakActivationsPer10Min())));
        rows.add(row(sec, "flood 10-min periods (> 10 alarms)", fa.kpis.floodBuckets() + " of " + fa.kpis.buckets(),
                fb.kpis.floodBuckets() + " of " + fb.kpis.buckets()));
        rows.add(row(sec, "time in flood, %", dec(fa.kpis.floodTimePercent()), dec(fb.kpis.floodTimePercent())));
        rows.add(row(sec, "chattering alarms", n(fa.kpis.chattering().size()), n(fb.kpis.chattering().size())));
        rows.add(row(sec, "standing alarms (> 24 h)", n(fa.kpis.standing().size()), n(fb.kpis.standing().size())));
        rows.add(row(sec, "top-ten share, %", dec(fa.kpis.topTenSharePercent()), dec(fb.kpis.topTenSharePercent())));
        sec = "Anomalies";
        rows.add(row(sec, "anomaly alarms", n(fa.anomalies), n(fb.anomalies)));
        TreeSet<String> sources = new TreeSet<>(fa.anomalyBySource.keySet());
        sources.addAll(fb.anomalyBySource.keySet());
        for (String src : sources) {
            rows.add(row(sec, src, n(fa.anomalyBySource.getOrDefault(src, 0L)), n(fb.anomalyBySource.getOrDefault(src, 0L))));
        }
        return new ReplayComparison(a.label(), b.label(), rows);
    }

    /** The counts of one run. */
    private static final class Facts {
        final AlarmKpis kpis;
        final Map<String, Long> byTag = new TreeMap<>();
        final Map<String, Long> anomalyBySource = new TreeMap<>();
        long anomalies;

        Facts(Run r) {
            long from = r.firstEvent();
            long to = Math.max(r.lastEvent() + 1, from + 1);
            kpis = AlarmKpiCalculator.compute(r.transitions(), from, to, 1);
            for (AlarmTransition t : r.transitions()) {
                boolean annunciated = t.cause() == AlarmTransition.Cause.ACTIVATE
                        && (t.to() == AlarmState.UNACK || t.to() == AlarmState.ACKED);
                if (!annunciated) {
                    continue;
                }
                if (t.level() == LimitLevel.ANOMALY) {
                    anomalies++;
                    anomalyBySource.merge(t.tag(), 1L, Long::sum);
                } else {
                    byTag.merge(t.tag(), 1L, Long::sum);
                }
            }
        }
    }

    private static ReplayComparison.Row row(String section, String measure, String a, String b) {
        return new ReplayComparison.Row(section, measure, a, b);
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String dec(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String share(AlarmKpis.PriorityShare p) {
        return String.format(Locale.ROOT, "%,d (%.0f %%)", p.activations(), p.sharePercent());
    }

    private static String time(long millis) {
        return millis == 0 ? "—" : java.time.Instant.ofEpochMilli(millis).toString();
    }

    /** The table as fixed-width text: section headings, then measure, A and B columns; a '≠' marks a difference. */
    public static String format(ReplayComparison c) {
        int wm = "measure".length();
        int wa = ("A: " + c.labelA()).length();
        for (ReplayComparison.Row r : c.rows()) {
            wm = Math.max(wm, r.measure().length() + 2);
            wa = Math.max(wa, r.a().length());
        }
        StringBuilder out = new StringBuilder();
        String fmt = "%-" + wm + "s  %-" + wa + "s  %s%n";
        out.append(String.format(Locale.ROOT, fmt, "", "A: " + c.labelA(), "B: " + c.labelB()));
        String section = null;
        for (ReplayComparison.Row r : c.rows()) {
            if (!r.section().equals(section)) {
                section = r.section();
                out.append(System.lineSeparator()).append(section).append(System.lineSeparator());
            }
            out.append(String.format(Locale.ROOT, fmt, (r.same() ? "  " : "≠ ") + r.measure(), r.a(), r.b()));
        }
        return out.toString();
    }
}
