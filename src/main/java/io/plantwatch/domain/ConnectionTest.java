package io.plantwatch.domain;

import java.util.Objects;

/**
 * The outcome of a connection test from the Connections dialog: the broker (or cluster) was reached
 * and answered, with the round-trip time, or it was not, with the reason.
 *
 * @param ok               true when the connection was established (and, for MQTT, the subscription granted)
 * @param roundTripMillis  time from the connection attempt to the broker's answer, ms; 0 when not ok
 * @param detail           the reason when not ok (for the operator, e.g. "connection refused: localhost:1883");
 *                         optional detail when ok (e.g. the broker's name), else empty
 */
public record ConnectionTest(boolean ok, long roundTripMillis, String detail) {

    /** @throws IllegalArgumentException for a negative round trip */
    public ConnectionTest {
        if (roundTripMillis < 0) {
            throw new IllegalArgumentException("roundTripMillis must be >= 0, was " + roundTripMillis);
        }
        detail = Objects.requireNonNullElse(detail, "");
    }

    /** A successful test that took {@code roundTripMillis} ms. */
    public static ConnectionTest ok(long roundTripMillis) {
        return new ConnectionTest(true, roundTripMillis, "");
    }

    /** A failed test with the reason. */
    public static ConnectionTest failed(String reason) {
        return new ConnectionTest(false, 0, reason);
    }
}
