package io.plantwatch.domain;

import java.util.Objects;

/**
 * An anomaly detector's alarm started or ended.
 *
 * @param source            what it is about: {@code device/T2} for a device's Hotelling T², the tag for a thermal z-score
 * @param detector          {@code T2} or {@code Z}
 * @param active            true at the onset, false at the end
 * @param windowStartMillis start of the window that triggered it, epoch ms
 * @param windowEndMillis   end of that window (exclusive), epoch ms: the event time of the alarm
 * @param score             the detector's statistic in that window (T² or |z|)
 * @param limit             the statistic's alarm limit
 * @param priority          priority of the ANOMALY alarm, 1–4 (from the site's detector settings)
 */
public record AnomalyEvent(String source, String detector, boolean active, long windowStartMillis, long windowEndMillis,
        double score, double limit, int priority) {

    /** @throws IllegalArgumentException on an invalid source id or priority */
    public AnomalyEvent {
        TagId.requireValid(source);
        Objects.requireNonNull(detector, "detector");
        if (priority < 1 || priority > 4) {
            throw new IllegalArgumentException("priority must be 1 to 4, was " + priority);
        }
    }
}
