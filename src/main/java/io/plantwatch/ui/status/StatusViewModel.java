package io.plantwatch.ui.status;

import io.plantwatch.ui.ConsoleFeed;
import io.plantwatch.ui.StatusSnapshot;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status bar's texts: Spark state, readings per second, watermark, replay position. The rate
 * is smoothed over about one second of refreshes. FX thread only.
 */
public final class StatusViewModel {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final ReadOnlyStringWrapper spark = new ReadOnlyStringWrapper("Spark: starting");
    private final ReadOnlyStringWrapper rate = new ReadOnlyStringWrapper("0 readings/s");
    private final ReadOnlyStringWrapper watermark = new ReadOnlyStringWrapper("watermark —");
    private final ReadOnlyStringWrapper replay = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rejected = new ReadOnlyStringWrapper("0 rejected");
    private long lastCount;
    private long lastNanos;
    private double smoothedRate;

    public ReadOnlyStringProperty sparkProperty() {
        return spark.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rateProperty() {
        return rate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty watermarkProperty() {
        return watermark.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty replayProperty() {
        return replay.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rejectedProperty() {
        return rejected.getReadOnlyProperty();
    }

    /** Updates the texts from a status sample. */
    public void refresh(StatusSnapshot s, ConsoleFeed feed) {
        long now = System.nanoTime();
        long count = feed.readingCount();
        if (lastNanos != 0 && now > lastNanos) {
            double instant = (count - lastCount) / ((now - lastNanos) / 1e9);
            smoothedRate = smoothedRate == 0 ? instant : smoothedRate * 0.9 + instant * 0.1;
        }
        lastNanos = now;
        lastCount = count;
        spark.set("Spark: " + s.sparkState().toLowerCase() + (s.sparkDetail().isEmpty() ? "" : " (" + s.sparkDetail() + ")")
                + " · " + s.windowsEmitted() + " windows");
        rate.set(String.format("%,.0f readings/s", smoothedRate));
        watermark.set(s.watermarkMillis() <= 0 ? "watermark —" : "watermark " + TIME.format(Instant.ofEpochMilli(s.watermarkMillis())));
        String speed = Double.isInfinite(s.speed()) ? "max" : String.format("%.0fx", s.speed());
        double pct = s.total() == 0 ? 0 : 100.0 * s.replayed() / s.total();
        replay.set(String.format("replay %s %s %.0f%% · %s", s.recording(), speed, pct,
                s.replayEventMillis() <= 0 ? "—" : TIME.format(Instant.ofEpochMilli(s.replayEventMillis()))));
        rejected.set(s.readingsRejected() + " rejected");
    }
}
