package io.plantwatch.app;

import io.plantwatch.config.SiteConfig;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.DetectorClass;
import io.plantwatch.domain.DetectorSettings;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.domain.StreamingSettings;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.evaluation.NabDataFile;
import io.plantwatch.evaluation.NabLabels;
import io.plantwatch.evaluation.NabProfile;
import io.plantwatch.evaluation.NabScorer;
import io.plantwatch.evaluation.NabWindow;
import io.plantwatch.evaluation.SkabFile;
import io.plantwatch.evaluation.SkabProfile;
import io.plantwatch.evaluation.SkabScorer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plantwatch evaluate}: replays the shared SKAB valve1 and NAB files through the real
 * pipeline (journal → Spark windows → anomaly detectors → alarm engine, max speed), takes the
 * ANOMALY alarms from the alarm journal, scores them with SKAB's and NAB's own methods
 * ({@code io.plantwatch.evaluation}) and writes {@code docs/DETECTION.md} beside the published
 * baselines. Detector parameters are the site defaults ({@link DetectorSettings#DEFAULTS}), the
 * same for every file.
 *
 * <ul>
 *   <li>SKAB: the 16 valve1 runs are replayed as 16 devices (they do not overlap in time). The six
 *       fast sensors form each device's T² vector; the two temperatures are thermal (their 3-day
 *       warm-up never ends in a 20-minute run). A row is predicted anomalous when its 10 s window
 *       lies between the device's ANOMALY activation and return.</li>
 *   <li>NAB: the two series are replayed as two thermal tags, merged in event-time order. A row is
 *       a detection when an ANOMALY activation falls in its window. NAB's machine file repeats an
 *       hour after a clock step; merged in time order, each repeated timestamp shares one window.</li>
 * </ul>
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score the anomaly detectors on the shared SKAB and NAB files through the real pipeline.")
public final class EvaluateCommand implements Callable<Integer> {

    private static final String[][] SKAB_SENSORS = {
        {"Accelerometer1RMS", "vibration_1", "FAST"}, {"Accelerometer2RMS", "vibration_2", "FAST"},
        {"Current", "motor_current", "FAST"}, {"Pressure", "discharge_pressure", "FAST"},
        {"Temperature", "motor_temperature", "THERMAL"}, {"Thermocouple", "fluid_temperature", "THERMAL"},
        {"Voltage", "motor_voltage", "FAST"}, {"Volume Flow RateRMS", "flow", "FAST"},
    };
    private static final String[] NAB_FILES = {"machine_temperature_system_failure.csv",
        "ambient_temperature_system_failure.csv"};

    @Option(names = "--shared", defaultValue = "../shared", description = "The steering repository's shared folder. Default: ${DEFAULT-VALUE}.")
    Path shared;

    @Option(names = "--out", defaultValue = "docs/DETECTION.md", description = "Report to write. Default: ${DEFAULT-VALUE}.")
    Path out;

    private final StreamingSettings streaming = new StreamingSettings(Duration.ofSeconds(10), Duration.ofSeconds(5),
            Duration.ZERO, 2, 1_000_000);

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("plantwatch-evaluate-");
        long t0 = System.nanoTime();
        String skab = skab(work);
        String nab = nab(work);
        double minutes = (System.nanoTime() - t0) / 6e10;
        String report = "# Anomaly detection scored on the shared SKAB and NAB files\n\n"
                + "Written by `bin/plantwatch evaluate` (" + String.format(Locale.ROOT, "%.1f", minutes)
                + " min on 2 cores). Every file went through the real pipeline at max speed: journal, Spark"
                + " event-time windows (10 s, watermark 5 s), anomaly detectors, alarm engine. Scores are"
                + " computed from the ANOMALY alarms in the alarm journal, with the benchmarks' own methods"
                + " (`io.plantwatch.evaluation`). One parameter set for all files: the defaults of ADR 0005.\n\n"
                + skab + "\n" + nab;
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println(report);
        return 0;
    }

    /** Runs a recording through the pipeline; returns the ANOMALY transitions of the journal. */
    private List<AlarmTransition> run(Path work, String name, Path recording, List<TagDefinition> tags) throws IOException {
        SiteConfig site = new SiteConfig(recording, "evaluation", streaming,
                new SiteConfig.ReplaySettings(recording, Double.POSITIVE_INFINITY), tags, SiteConfig.AlarmSettings.DEFAULTS,
                DetectorSettings.DEFAULTS);
        PlantWatchContext.Options opts = new PlantWatchContext.Options(site, work.resolve(name), recording,
                Double.POSITIVE_INFINITY, "local[*]", streaming);
        try (PlantWatchContext ctx = new PlantWatchContext(opts, Clock.systemUTC())) {
            ctx.start();
            ctx.finishReplay(Duration.ofMinutes(30));
            return ctx.alarmJournal().all().stream().filter(t -> t.level() == LimitLevel.ANOMALY).toList();
        }
    }

    private String skab(Path work) throws IOException {
        Path dir = shared.resolve("datasets/skab/data/valve1");
        List<SkabFile> files = new ArrayList<>();
        List<TagDefinition> tags = new ArrayList<>();
        Path recording = work.resolve("skab-valve1-all.csv");
        try (BufferedWriter w = Files.newBufferedWriter(recording)) {
            w.write("timestamp,device,sensor,value,unit\n");
            for (int f = 0; f < 16; f++) {
                SkabFile file = SkabFile.load(dir.resolve(f + ".csv"));
                files.add(file);
                String device = String.format("V1-%02d", f);
                for (String[] s : SKAB_SENSORS) {
                    tags.add(new TagDefinition(device + "/" + s[1], s[0], "", -1e9, 1e9, List.of(), null,
                            DetectorClass.valueOf(s[2])));
                }
                long[] ts = file.timestampMillis();
                for (int r = 0; r < file.rows(); r++) {
                    String time = Instant.ofEpochMilli(ts[r]).toString();
                    for (String[] s : SKAB_SENSORS) {
                        w.write(time + "," + device + "," + s[1] + "," + file.sensor(s[0])[r] + ",\n");
                    }
                }
            }
        }
        List<AlarmTransition> anomalies = run(work, "skab", recording, tags);
        long width = streaming.window().toMillis();
        List<boolean[]> labels = new ArrayList<>();
        List<boolean[]> predictions = new ArrayList<>();
        List<long[]> times = new ArrayList<>();
        List<boolean[]> changepoints = new ArrayList<>();
        StringBuilder perFile = new StringBuilder("| file | F1 | FAR, % | MAR, % | anomaly alarms |\n|---|---|---|---|---|\n");
        for (int f = 0; f < 16; f++) {
            SkabFile file = files.get(f);
            String source = String.format("V1-%02d/T2", f);
            List<long[]> intervals = intervals(anomalies, source, width);
            long[] ts = file.timestampMillis();
            boolean[] pred = new boolean[ts.length];
            for (int r = 0; r < ts.length; r++) {
                long windowStart = Math.floorDiv(ts[r], width) * width;
                for (long[] iv : intervals) {
                    pred[r] |= windowStart >= iv[0] && windowStart < iv[1];
                }
            }
            labels.add(file.anomaly());
            predictions.add(pred);
            times.add(ts);
            changepoints.add(file.changepoint());
            SkabScorer.OutlierMetrics m = SkabScorer.outlierMetrics(List.of(file.anomaly()), List.of(pred));
            perFile.append(String.format(Locale.ROOT, "| valve1/%d.csv | %.3f | %.2f | %.2f | %d |%n", f, m.f1(),
                    m.falseAlarmRate(), m.missedAlarmRate(), intervals.size()));
        }
        SkabScorer.OutlierMetrics pooled = SkabScorer.outlierMetrics(labels, predictions);
        StringBuilder cp = new StringBuilder();
        for (SkabProfile p : SkabProfile.values()) {
            cp.append(String.format(Locale.ROOT, "%s %.2f; ", p, SkabScorer.changepointScore(times, changepoints,
                    predictions.stream().map(SkabScorer::predictedChangepoints).toList(), p).normalised()));
        }
        boolean met = pooled.f1() >= 0.6 && pooled.falseAlarmRate() <= 15;
        return "## SKAB valve1 (16 files, first 400 rows of each unscored)\n\n"
                + "Detector: each run's device-level Hotelling T² over its six fast sensors' window averages (ADR 0005).\n\n"
                + String.format(Locale.ROOT, "**Pooled: F1 %.3f, FAR %.2f %%, MAR %.2f %%** (TP %d, FP %d, TN %d, FN %d). "
                        + "Target F1 ≥ 0.6 with FAR ≤ 15 %%: **%s**.%n%n", pooled.f1(), pooled.falseAlarmRate(),
                        pooled.missedAlarmRate(), pooled.truePositives(), pooled.falsePositives(), pooled.trueNegatives(),
                        pooled.falseNegatives(), met ? "met" : "not met")
                + "SKAB's NAB-style changepoint score (60 s windows): " + cp + "\n\n"
                + perFile
                + "\nPublished SKAB leaderboard (all 34 files, so not directly comparable): Conv-AE F1 0.78 / FAR 13.55 %;"
                + " MSET 0.78 / 39.73 %; T-squared+Q 0.76 / 26.62 %; T-squared 0.66 / 19.21 %; Isolation forest 0.29 / 2.56 %.\n";
    }

    private String nab(Path work) throws IOException {
        Path nab = shared.resolve("datasets/nab");
        Map<String, List<NabWindow>> windows = NabLabels.loadWindows(nab.resolve("labels/combined_windows_subset.json"));
        List<NabDataFile> files = new ArrayList<>();
        List<TagDefinition> tags = new ArrayList<>();
        List<String[]> lines = new ArrayList<>();
        for (int f = 0; f < NAB_FILES.length; f++) {
            NabDataFile file = NabDataFile.load(nab.resolve("data/realKnownCause").resolve(NAB_FILES[f]));
            files.add(file);
            String tag = (f == 0 ? "M-301" : "A-401") + "/temperature";
            tags.add(new TagDefinition(tag, NAB_FILES[f], "", -1e9, 1e9, List.of(), null, DetectorClass.THERMAL));
            for (int r = 0; r < file.rows(); r++) {
                lines.add(new String[] {file.timestamps().get(r).toInstant(ZoneOffset.UTC).toString(), tag,
                        Double.toString(file.values()[r])});
            }
        }
        lines.sort(java.util.Comparator.comparing((String[] l) -> Instant.parse(l[0])));
        Path recording = work.resolve("nab-two-files.csv");
        try (BufferedWriter w = Files.newBufferedWriter(recording)) {
            w.write("timestamp,device,sensor,value,unit\n");
            for (String[] l : lines) {
                String[] ds = l[1].split("/");
                w.write(l[0] + "," + ds[0] + "," + ds[1] + "," + l[2] + ",\n");
            }
        }
        List<AlarmTransition> anomalies = run(work, "nab", recording, tags);
        long width = streaming.window().toMillis();
        StringBuilder table = new StringBuilder("| profile | normalised (2 files) | machine raw | ambient raw |\n|---|---|---|---|\n");
        String standardLine = "";
        for (NabProfile p : NabProfile.values()) {
            List<NabScorer.FileScore> scores = new ArrayList<>();
            for (int f = 0; f < files.size(); f++) {
                NabDataFile file = files.get(f);
                String tag = tags.get(f).tag();
                boolean[] detections = new boolean[file.rows()];
                List<Long> onsets = anomalies.stream()
                        .filter(t -> t.tag().equals(tag) && t.cause() == AlarmTransition.Cause.ACTIVATE)
                        .map(t -> t.eventTimeMillis() - width).toList();
                for (long onset : onsets) {
                    for (int r = 0; r < file.rows(); r++) {
                        long ts = file.timestamps().get(r).toInstant(ZoneOffset.UTC).toEpochMilli();
                        if (Math.floorDiv(ts, width) * width == onset) {
                            detections[r] = true;
                            break;
                        }
                    }
                }
                scores.add(NabScorer.score(file.timestamps(), detections, windows.get("realKnownCause/" + NAB_FILES[f]), p));
            }
            double norm = NabScorer.normalise(scores);
            table.append(String.format(Locale.ROOT, "| %s | %.1f | %.3f | %.3f |%n", p, norm, scores.get(0).rawScore(),
                    scores.get(1).rawScore()));
            if (p == NabProfile.STANDARD) {
                standardLine = String.format(Locale.ROOT, "**Standard profile: %.1f** (Windowed Gaussian 0.0): **%s**.",
                        norm, norm > 0 ? "beaten" : "not beaten");
            }
        }
        return "## NAB (machine_temperature and ambient_temperature, 6 windows)\n\n"
                + "Detector: thermal z-score of each tag's window averages, one detection per alarm onset (ADR 0005).\n\n"
                + standardLine + "\n\n" + table
                + "\nPublished per-file raw scores at the corpus-wide thresholds, standard profile, normalised over these two"
                + " files (from ../shared/datasets/nab/README.md): ARTime 85.1, earthgeckoSkyline 76.1,"
                + " numentaTM 72.5, htmjava 65.4, numenta 55.0, randomCutForest 47.0, contextOSE 46.0, twitterADVec 31.4,"
                + " relativeEntropy 30.7, knncad 19.8, skyline 15.6, expose 7.4, bayesChangePt 5.7, **windowedGaussian 0.0**.\n"
                + "\nCaveat (ADR 0005): two files and six windows are far too few to rank detectors; the parameters were"
                + " chosen on these files, so expect less on NAB's held-back series.\n";
    }

    /** [first alarmed window start, first normal window start) of each anomaly alarm of a source. */
    private static List<long[]> intervals(List<AlarmTransition> anomalies, String source, long width) {
        List<long[]> out = new ArrayList<>();
        long start = Long.MIN_VALUE;
        for (AlarmTransition t : anomalies) {
            if (!t.tag().equals(source)) {
                continue;
            }
            if (t.cause() == AlarmTransition.Cause.ACTIVATE && start == Long.MIN_VALUE) {
                start = t.eventTimeMillis() - width;
            } else if (t.cause() == AlarmTransition.Cause.RETURN && start != Long.MIN_VALUE) {
                out.add(new long[] {start, t.eventTimeMillis() - width});
                start = Long.MIN_VALUE;
            }
        }
        if (start != Long.MIN_VALUE) {
            out.add(new long[] {start, Long.MAX_VALUE});
        }
        return out;
    }
}
