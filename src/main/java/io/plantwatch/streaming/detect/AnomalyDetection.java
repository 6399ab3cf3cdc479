package io.plantwatch.streaming.detect;

import io.plantwatch.domain.AnomalyEvent;
import io.plantwatch.domain.DetectorClass;
import io.plantwatch.domain.DetectorSettings;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.domain.TagId;
import io.plantwatch.domain.WindowStats;
import io.plantwatch.streaming.WindowSink;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The anomaly detectors of ADR 0005 behind the window-statistics query: fed with each micro-batch's
 * closed windows, it emits an {@link AnomalyEvent} when a detector's alarm starts or ends.
 *
 * <ul>
 *   <li><b>FAST</b> tags: per device, the window averages of its fast tags (in tag-name order) form
 *       one vector per window. A window that misses one of them is skipped. The run's first
 *       {@code t2BaselineWindows} vectors fit a {@link HotellingT2Detector}; later ones are scored.
 *       Source {@code device/T2}.</li>
 *   <li><b>THERMAL</b> tags: each window average, at the window's end time, feeds the tag's
 *       {@link ThermalZDetector}. Source: the tag.</li>
 *   <li>Every tag with a class: a {@link StuckDetector} (source {@code device/sensor.stuck}); with a
 *       {@code maxRate}: a {@link RateOfChangeDetector} (source {@code device/sensor.roc}).</li>
 * </ul>
 *
 * The append-mode query closes all windows that end at the same time in the same micro-batch, so a
 * device's vector is complete within one batch. State lives for the run of the pipeline: a new run
 * fits a new baseline.
 *
 * <p>Threading: called on Spark's stream execution thread, one batch at a time; the consumer is
 * called on that thread.
 */
public final class AnomalyDetection implements WindowSink {

    private final DetectorSettings settings;
    private final Consumer<AnomalyEvent> out;
    private final Map<String, Device> devices = new HashMap<>();
    private final Map<String, Thermal> thermal = new HashMap<>();
    private final Map<String, Single<StuckDetector>> stuck = new HashMap<>();
    private final Map<String, Single<RateOfChangeDetector>> rates = new HashMap<>();
    private final Map<String, Double> rateLimits = new HashMap<>();

    /** A one-tag detector and whether it is in alarm. */
    private static final class Single<D> {
        final D detector;
        final String source;
        boolean alarm;

        Single(D detector, String source) {
            this.detector = detector;
            this.source = source;
        }
    }

    private final class Device {
        final String source;
        final List<String> tags;
        final HotellingT2Detector detector = new HotellingT2Detector(new HotellingT2Detector.Params(
                settings.t2Quantile(), settings.t2K(), settings.t2N(), settings.t2Alpha(), settings.t2Shrinkage()));
        final List<double[]> baseline = new ArrayList<>();
        boolean alarm;

        Device(String device, List<String> tags) {
            this.source = TagId.of(device, "T2");
            this.tags = tags;
        }
    }

    private final class Thermal {
        final ThermalZDetector detector = new ThermalZDetector(new ThermalZDetector.Params(
                settings.zMeanHalfLife().toMillis() / 1000.0, settings.zVarianceHalfLife().toMillis() / 1000.0,
                settings.zOn(), settings.zOff(), settings.zWarmup().toMillis() / 1000.0));
        boolean alarm;
    }

    /**
     * @param tags     configured tags; their {@link DetectorClass} decides which detector watches them
     * @param settings     detector parameters
     * @param windowMillis length of the statistics windows (to turn the stuck duration into windows)
     * @param out          receives every start and end of an anomaly
     */
    public AnomalyDetection(Collection<TagDefinition> tags, DetectorSettings settings, long windowMillis,
            Consumer<AnomalyEvent> out) {
        this.settings = settings;
        this.out = out;
        Map<String, List<String>> fastByDevice = new TreeMap<>();
        for (TagDefinition t : tags) {
            if (t.detectorClass() == DetectorClass.FAST) {
                fastByDevice.computeIfAbsent(TagId.device(t.tag()), d -> new ArrayList<>()).add(t.tag());
            } else if (t.detectorClass() == DetectorClass.THERMAL) {
                thermal.put(t.tag(), new Thermal());
            }
            if (t.detectorClass() != DetectorClass.NONE) {
                int windows = (int) Math.max(2, settings.stuckDuration().toMillis() / Math.max(1, windowMillis));
                stuck.put(t.tag(), new Single<>(new StuckDetector(windows), t.tag() + ".stuck"));
            }
            if (!Double.isNaN(t.maxRatePerSecond())) {
                rateLimits.put(t.tag(), t.maxRatePerSecond());
                rates.put(t.tag(), new Single<>(new RateOfChangeDetector(t.maxRatePerSecond()), t.tag() + ".roc"));
            }
        }
        fastByDevice.forEach((device, list) -> {
            list.sort(Comparator.naturalOrder());
            devices.put(device, new Device(device, List.copyOf(list)));
        });
    }

    /** True when at least one tag is watched. */
    public boolean active() {
        return !devices.isEmpty() || !thermal.isEmpty() || !stuck.isEmpty() || !rates.isEmpty();
    }

    @Override
    public void onWindows(long batchId, List<WindowStats> windows) {
        List<WindowStats> ordered = new ArrayList<>(windows);
        ordered.sort(Comparator.comparingLong(WindowStats::windowStartMillis).thenComparing(WindowStats::tag));
        Map<String, Map<Long, Map<String, WindowStats>>> vectors = new HashMap<>();
        for (WindowStats w : ordered) {
            Thermal z = thermal.get(w.tag());
            if (z != null) {
                thermal(w, z);
            }
            Single<StuckDetector> s = stuck.get(w.tag());
            if (s != null) {
                StuckDetector.Result r = s.detector.update(w.count(), w.min(), w.max());
                emitIfChanged(s, r.alarm(), w, "STUCK", r.flatWindows(), s.detector.windows());
            }
            Single<RateOfChangeDetector> roc = rates.get(w.tag());
            if (roc != null) {
                RateOfChangeDetector.Result r = roc.detector.update(
                        (w.windowStartMillis() + w.windowEndMillis()) / 2000.0, w.avg());
                emitIfChanged(roc, r.alarm(), w, "ROC", r.rate(), w.tag().isEmpty() ? 0 : maxRate(w.tag()));
            }
            Device d = devices.get(TagId.device(w.tag()));
            if (d != null && d.tags.contains(w.tag())) {
                vectors.computeIfAbsent(d.source, k -> new TreeMap<>())
                        .computeIfAbsent(w.windowStartMillis(), k -> new HashMap<>()).put(w.tag(), w);
            }
        }
        for (Device d : devices.values()) {
            Map<Long, Map<String, WindowStats>> byWindow = vectors.get(d.source);
            if (byWindow != null) {
                byWindow.values().forEach(v -> fast(d, v));
            }
        }
    }

    private double maxRate(String tag) {
        return rateLimits.getOrDefault(tag, Double.NaN);
    }

    private void emitIfChanged(Single<?> s, boolean alarm, WindowStats w, String detector, double score, double limit) {
        if (alarm != s.alarm) {
            s.alarm = alarm;
            out.accept(new AnomalyEvent(s.source, detector, alarm, w.windowStartMillis(), w.windowEndMillis(),
                    Double.isFinite(score) ? score : 0, limit, settings.otherPriority()));
        }
    }

    private void fast(Device d, Map<String, WindowStats> window) {
        if (window.size() != d.tags.size()) {
            return;   // a tag sent nothing in this window: no complete vector
        }
        double[] x = new double[d.tags.size()];
        WindowStats any = null;
        for (int i = 0; i < x.length; i++) {
            any = window.get(d.tags.get(i));
            x[i] = any.avg();
        }
        if (!d.detector.fitted()) {
            d.baseline.add(x);
            if (d.baseline.size() == settings.t2BaselineWindows()) {
                d.detector.fit(d.baseline.toArray(double[][]::new));
                d.baseline.clear();
            }
            return;
        }
        HotellingT2Detector.Result r = d.detector.update(x);
        if (r.alarm() != d.alarm) {
            d.alarm = r.alarm();
            out.accept(new AnomalyEvent(d.source, "T2", r.alarm(), any.windowStartMillis(), any.windowEndMillis(),
                    r.t2(), r.limit(), settings.t2Priority()));
        }
    }

    private void thermal(WindowStats w, Thermal z) {
        for (ThermalZDetector.Result r : z.detector.update(w.windowEndMillis() / 1000.0, w.avg())) {
            if (r.alarm() != z.alarm) {
                z.alarm = r.alarm();
                out.accept(new AnomalyEvent(w.tag(), "Z", r.alarm(), w.windowStartMillis(), w.windowEndMillis(),
                        Math.abs(r.z()), settings.zOn(), settings.zPriority()));
            }
        }
    }
}
