package io.plantwatch.domain;

import java.util.Objects;

/**
 * One process value of one tag at one instant of event time.
 *
 * <p>{@code tag} is {@code device/sensor} (see {@link TagId}); {@code eventTimeMillis} is the
 * device's or the recording's timestamp in epoch milliseconds (UTC), never the time the console
 * received it; {@code value} is in the tag's engineering unit {@code unit} (for example
 * {@code L/min}). Immutable and thread-safe.
 *
 * @param tag             tag id, {@code device/sensor}
 * @param eventTimeMillis event time, epoch milliseconds UTC
 * @param value           process value, finite
 * @param unit            engineering unit as sent by the source; empty when the source gave none
 */
public record Reading(String tag, long eventTimeMillis, double value, String unit) {

    /**
     * @throws IllegalArgumentException when the value is NaN or infinite, or the tag is not a
     *                                  valid {@link TagId}
     */
    public Reading {
        TagId.requireValid(tag);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value of " + tag + " is not finite: " + value);
        }
        unit = Objects.requireNonNullElse(unit, "");
    }
}
