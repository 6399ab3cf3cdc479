package io.plantwatch.ingest.payload;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds a live payload must respect before {@link PayloadDecoder} turns it into readings.
 * Immutable and thread-safe.
 *
 * @param maxBytes    largest payload accepted, bytes of the raw message (checked before decoding or
 *                    parsing, so an oversized message costs nothing); default 256 KiB
 * @param maxElements most elements in one batch (JSON array); default 10,000
 * @param maxAbsValue largest accepted {@code |value|}, in the tag's engineering unit; default 1e12.
 *                    Larger values are almost always a unit or scaling fault in the gateway
 * @param maxFuture   how far an event time may lie ahead of the receive time; default 5 min
 * @param maxPast     how far an event time may lie behind the receive time; default 7 days
 */
public record PayloadLimits(int maxBytes, int maxElements, double maxAbsValue, Duration maxFuture,
        Duration maxPast) {

    /** 256 KiB. */
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;
    /** 10,000 elements. */
    public static final int DEFAULT_MAX_ELEMENTS = 10_000;
    /** 1e12. */
    public static final double DEFAULT_MAX_ABS_VALUE = 1e12;
    /** 5 minutes. */
    public static final Duration DEFAULT_MAX_FUTURE = Duration.ofMinutes(5);
    /** 7 days. */
    public static final Duration DEFAULT_MAX_PAST = Duration.ofDays(7);

    /**
     * @throws IllegalArgumentException when a bound is not positive (durations: negative), or
     *                                  {@code maxAbsValue} is not finite
     * @throws NullPointerException     when a duration is missing
     */
    public PayloadLimits {
        Objects.requireNonNull(maxFuture, "maxFuture");
        Objects.requireNonNull(maxPast, "maxPast");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        if (maxElements <= 0) {
            throw new IllegalArgumentException("maxElements must be positive, was " + maxElements);
        }
        if (!Double.isFinite(maxAbsValue) || maxAbsValue <= 0) {
            throw new IllegalArgumentException("maxAbsValue must be finite and positive, was " + maxAbsValue);
        }
        if (maxFuture.isNegative() || maxPast.isNegative()) {
            throw new IllegalArgumentException("maxFuture and maxPast must not be negative, were "
                    + maxFuture + " and " + maxPast);
        }
    }

    /** The defaults listed on the record. */
    public static PayloadLimits defaults() {
        return new PayloadLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_ELEMENTS, DEFAULT_MAX_ABS_VALUE,
                DEFAULT_MAX_FUTURE, DEFAULT_MAX_PAST);
    }
}
