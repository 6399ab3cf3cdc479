package io.plantwatch.ui.trend;

import io.fair_acc.dataset.spi.CircularDoubleErrorDataSet;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.ui.ConsoleFeed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Trend pens: for every tag a rolling raw-value data set ({@value #RAW_POINTS} points) and a
 * window-average data set ({@value #AVG_POINTS} points), filled at every refresh whether the tag
 * is selected or not, so selecting a tag shows its recent history at once. X is event time in
 * seconds since the epoch (ChartFX's time axis unit). FX thread only.
 */
public final class TrendViewModel {

    /** Raw points kept per tag (an hour at 1 Hz). */
    public static final int RAW_POINTS = 3600;
    /** Window averages kept per tag. */
    public static final int AVG_POINTS = 720;

    /** The two pens of one tag. */
    public record Pens(TagDefinition tag, CircularDoubleErrorDataSet raw, CircularDoubleErrorDataSet average) {
    }

    private final Map<String, Pens> pens = new LinkedHashMap<>();
    private final ObservableList<String> selected = FXCollections.observableArrayList();

    public TrendViewModel(List<TagDefinition> tags) {
        for (TagDefinition t : tags) {
            var raw = new CircularDoubleErrorDataSet(t.tag(), RAW_POINTS);
            var avg = new CircularDoubleErrorDataSet(t.tag() + " window avg", AVG_POINTS);
            pens.put(t.tag(), new Pens(t, raw, avg));
        }
        if (!tags.isEmpty()) {
            selected.add(tags.get(0).tag());
        }
    }

    /** Tags that can be trended, in configuration order. */
    public List<String> tags() {
        return List.copyOf(pens.keySet());
    }

    /** The pens of a tag, or null. */
    public Pens pens(String tag) {
        return pens.get(tag);
    }

    /** The tags currently on the chart; the view edits it. */
    public ObservableList<String> selectedTags() {
        return selected;
    }

    /** Empties every pen (after a replay's seek: the trend restarts at the seek point). */
    public void clear() {
        for (Pens p : pens.values()) {
            p.raw().reset();
            p.average().reset();
        }
    }

    /** Appends the feed's pending points to every pen. */
    public void refresh(ConsoleFeed feed) {
        for (Pens p : pens.values()) {
            append(p.raw(), feed.drainRaw(p.tag().tag()));
            append(p.average(), feed.drainAverages(p.tag().tag()));
        }
    }

    private static void append(CircularDoubleErrorDataSet ds, double[][] points) {
        int n = points[0].length;
        if (n == 0) {
            return;
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = points[0][i] / 1000.0;
        }
        ds.add(x, points[1], new double[n], new double[n]);
    }
}
