package io.plantwatch.ui.overview;

import io.plantwatch.domain.TagDefinition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * One tag's tile: its definition, newest value, data quality (stale when its source said it stopped
 * reporting) and alarm status (most urgent active priority, whether any of its alarms waits for
 * acknowledgement). FX thread only.
 */
public final class TileViewModel {

    private final TagDefinition tag;
    private final ReadOnlyDoubleWrapper value = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyIntegerWrapper alarmPriority = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyBooleanWrapper unacknowledged = new ReadOnlyBooleanWrapper(false);
    private final javafx.beans.property.ReadOnlyStringWrapper alarmText = new javafx.beans.property.ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(false);
    private final javafx.beans.property.ReadOnlyStringWrapper staleReason = new javafx.beans.property.ReadOnlyStringWrapper("");
    private long lastEventTime = Long.MIN_VALUE;

    TileViewModel(TagDefinition tag) {
        this.tag = tag;
    }

    public TagDefinition tag() {
        return tag;
    }

    /** Newest process value, NaN before the first. */
    public ReadOnlyDoubleProperty valueProperty() {
        return value.getReadOnlyProperty();
    }

    /** 0 when no alarm of the tag is active, else the most urgent active priority (1–4). */
    public ReadOnlyIntegerProperty alarmPriorityProperty() {
        return alarmPriority.getReadOnlyProperty();
    }

    /** True when an active alarm of the tag is not yet acknowledged. */
    public ReadOnlyBooleanProperty unacknowledgedProperty() {
        return unacknowledged.getReadOnlyProperty();
    }

    /** The active alarms of the tag, e.g. {@code "LO P2 · LOLO P1"}, empty when none. */
    public javafx.beans.property.ReadOnlyStringProperty alarmTextProperty() {
        return alarmText.getReadOnlyProperty();
    }

    /**
     * True while the tag's value is stale: its source said it no longer reports (Sparkplug
     * NDEATH/DDEATH) and no reading has come since. The value shown is the last one, dimmed.
     */
    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    /** Why the tag is stale (e.g. "DDEATH from gateway G1"), empty when it is not. */
    public javafx.beans.property.ReadOnlyStringProperty staleReasonProperty() {
        return staleReason.getReadOnlyProperty();
    }

    /** @return true when the stale state or its reason changed */
    boolean stale(boolean isStale, String reason) {
        String r = isStale ? reason : "";
        if (stale.get() == isStale && staleReason.get().equals(r)) {
            return false;
        }
        staleReason.set(r);
        stale.set(isStale);
        return true;
    }

    boolean update(double v, long eventTime) {
        if (eventTime == lastEventTime && Double.compare(v, value.get()) == 0) {
            return false;
        }
        lastEventTime = eventTime;
        value.set(v);
        return true;
    }

    void alarm(int priority, boolean unacked, String text) {
        alarmText.set(text);
        alarmPriority.set(priority);
        unacknowledged.set(unacked);
    }
}
