package io.plantwatch.ui.status;

import io.plantwatch.ui.ConsoleFeed;
import io.plantwatch.ui.StatusSnapshot;
import java.time.Instant;
import java.util.List;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The status bar's texts: the source ("REPLAY: " and the replay position, or "LIVE" with one indicator per live
 * connection), Spark state, readings per second, watermark and rejected input. The rate is
 * smoothed over about one second of refreshes. FX thread only.
 */
public final class StatusViewModel {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final ReadOnlyStringWrapper spark = new ReadOnlyStringWrapper("Spark: starting");
    private final ReadOnlyStringWrapper rate = new ReadOnlyStringWrapper("0 readings/s");
    private final ReadOnlyStringWrapper watermark = new ReadOnlyStringWrapper("watermark —");
    private final ReadOnlyStringWrapper replay = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rejected = new ReadOnlyStringWrapper("0 rejected");
    private final javafx.beans.property.ReadOnlyBooleanWrapper live = new javafx.beans.property.ReadOnlyBooleanWrapper(false);
    private final ObservableList<ConnectionIndicator> connections = FXCollections.observableArrayList();
    private final ObservableList<ConnectionIndicator> connectionsView = FXCollections.unmodifiableObservableList(connections);
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

    /** True when readings come from the live connections, false while a recording is replayed. */
    public javafx.beans.property.ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rejectedProperty() {
        return rejected.getReadOnlyProperty();
    }

    /**
     * One indicator per live connection, sorted by connection id; empty while a recording is
     * replayed. Changes only when a connection's text or severity changes.
     */
    public ObservableList<ConnectionIndicator> connections() {
        return connectionsView;
    }

    /** Updates the texts from a status sample and the connection states in the feed. */
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
        live.set(s.live());
        if (s.live()) {
            replay.set("LIVE");
        } else {
            replay.set(String.format("REPLAY: %s %s %.0f%% · %s", s.recording(), speed, pct,
                    s.replayEventMillis() <= 0 ? "—" : TIME.format(Instant.ofEpochMilli(s.replayEventMillis()))));
        }
        List<ConnectionIndicator> shown = s.live()
                ? feed.connectionStates().stream().map(ConnectionIndicator::of).toList() : List.of();
        if (!shown.equals(connections)) {
            connections.setAll(shown);
        }
        rejected.set(String.format("%,d rejected", s.readingsRejected()));
    }
}
