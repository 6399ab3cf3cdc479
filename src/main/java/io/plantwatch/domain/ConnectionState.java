package io.plantwatch.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The state of one live connection (an MQTT broker, a Kafka cluster), as shown to the operator.
 *
 * @param connection which connection, e.g. {@code mqtt://broker:1883} or {@code kafka://host:9092}
 * @param status     where it stands
 * @param detail     the reason for {@link Status#ERROR} and {@link Status#RECONNECTING} (last failure), else empty
 * @param since      wall time of the last change
 */
public record ConnectionState(String connection, Status status, String detail, Instant since) {

    /** Where a connection stands. */
    public enum Status { DISCONNECTED, CONNECTING, CONNECTED, RECONNECTING, ERROR }

    public ConnectionState {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(status, "status");
        detail = Objects.requireNonNullElse(detail, "");
        Objects.requireNonNull(since, "since");
    }

    /** Receives state changes; called on the connection's own thread, must not block. */
    @FunctionalInterface
    public interface Listener {
        void onState(ConnectionState state);
    }
}
