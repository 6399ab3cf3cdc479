package io.plantwatch.ui.status;

import io.plantwatch.domain.ConnectionState;

/**
 * One live connection as the status bar shows it, e.g. {@code "MQTT mqtt://broker:1883 — connected"}.
 *
 * @param connection the connection's id ({@link ConnectionState#connection()})
 * @param text       what the operator reads
 * @param severity   how it is drawn: grey when fine, {@link io.plantwatch.ui.Isa101#COMMS_DEGRADED} while
 *                   reconnecting, {@link io.plantwatch.ui.Isa101#COMMS_FAILED} in error
 */
public record ConnectionIndicator(String connection, String text, Severity severity) {

    /** How abnormal a connection's state is. */
    public enum Severity {
        /** Connected, connecting or deliberately disconnected: grey. */
        NORMAL,
        /** Reconnecting after a loss: readings are delayed. */
        DEGRADED,
        /** In error: nothing arrives until the cause is fixed. */
        FAILED
    }

    /** The indicator of a connection state. */
    public static ConnectionIndicator of(ConnectionState s) {
        String name = name(s.connection());
        String detail = s.detail().isBlank() ? "" : s.detail().strip();
        return switch (s.status()) {
            case CONNECTED -> new ConnectionIndicator(s.connection(), name + " — connected", Severity.NORMAL);
            case CONNECTING -> new ConnectionIndicator(s.connection(), name + " — connecting", Severity.NORMAL);
            case DISCONNECTED -> new ConnectionIndicator(s.connection(), name + " — disconnected", Severity.NORMAL);
            case RECONNECTING -> new ConnectionIndicator(s.connection(),
                    name + " — reconnecting" + (detail.isEmpty() ? "" : " (" + detail + ")"), Severity.DEGRADED);
            case ERROR -> new ConnectionIndicator(s.connection(),
                    name + " — error: " + (detail.isEmpty() ? "unknown cause" : detail), Severity.FAILED);
        };
    }

    /** {@code MQTT mqtt://host:1883}, {@code Kafka host:9092}; other ids as they are. */
    static String name(String connection) {
        if (connection.startsWith("mqtt://") || connection.startsWith("mqtts://")) {
            return "MQTT " + connection;
        }
        if (connection.startsWith("kafka://")) {
            return "Kafka " + connection.substring("kafka://".length());
        }
        return connection;
    }
}
