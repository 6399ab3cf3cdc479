package io.plantwatch.ingest.mqtt;

import com.hivemq.client.mqtt.exceptions.ConnectionClosedException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathValidatorException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns connection failures into words an operator can act on, and sorts them into transient
 * (network, broker restart: {@code RECONNECTING}) and configuration faults that will not heal by
 * retrying (refused credentials, TLS trust, unknown host: {@code ERROR}). Both keep retrying; a
 * configuration fault retries at the longest backoff.
 */
final class ConnectionErrors {

    private ConnectionErrors() {
    }

    /** A readable reason, e.g. "broker refused the connection: NOT_AUTHORIZED". */
    static String describe(Throwable t, String server) {
        if (t == null) {
            return "connection lost";
        }
        if (t instanceof Mqtt5ConnAckException e) {
            var ack = e.getMqttMessage();
            return "broker refused the connection: " + ack.getReasonCode()
                    + ack.getReasonString().map(r -> " (" + r + ")").orElse("") + hint(ack.getReasonCode().name());
        }
        if (t instanceof Mqtt3ConnAckException e) {
            var code = e.getMqttMessage().getReturnCode();
            return "broker refused the connection: " + code + hint(code.name());
        }
        if (t instanceof Mqtt5DisconnectException e) {
            var d = e.getMqttMessage();
            return "broker closed the connection: " + d.getReasonCode()
                    + d.getReasonString().map(r -> " (" + r + ")").orElse("");
        }
        Throwable tls = find(t, SSLException.class);
        if (tls != null) {
            if (find(t, CertPathValidatorException.class) != null || contains(t, "PKIX path")) {
                return "TLS handshake with " + server + " failed: the broker's certificate is not signed by a CA in"
                        + " tls.trustStore (" + rootMessage(t) + ")";
            }
            if (contains(t, "No subject alternative") || contains(t, "No name matching")
                    || contains(t, "Hostname verification failed")) {
                return "TLS handshake with " + server + " failed: the broker's certificate does not name this host"
                        + " (" + rootMessage(t) + "); connect by a name in the certificate or set tls.verifyHostname"
                        + " false";
            }
            if (find(t, SSLHandshakeException.class) != null && contains(t, "bad_certificate")
                    || contains(t, "certificate_required")) {
                return "TLS handshake with " + server + " failed: the broker did not accept the client certificate"
                        + " (tls.keyStore): " + rootMessage(t);
            }
            return "TLS handshake with " + server + " failed: " + rootMessage(t);
        }
        if (find(t, UnknownHostException.class) != null || find(t, UnresolvedAddressException.class) != null) {
            return "unknown host in " + server + " (check the MQTT URL and DNS)";
        }
        if (find(t, ConnectException.class) != null) {
            return "cannot reach " + server + ": " + rootMessage(t) + " (is the broker running and the port right?)";
        }
        if (find(t, NoRouteToHostException.class) != null) {
            return "no route to " + server;
        }
        if (t instanceof ConnectionClosedException) {
            return "connection to " + server + " closed: " + rootMessage(t);
        }
        return rootMessage(t);
    }

    /**
     * True for faults of the configuration (credentials, authorisation, TLS trust, host name) that
     * retrying will not fix; false for network trouble and broker restarts.
     */
    static boolean isConfigurationFault(Throwable t) {
        if (t == null) {
            return false;
        }
        if (t instanceof Mqtt5ConnAckException e) {
            String code = e.getMqttMessage().getReasonCode().name();
            return !(code.equals("SERVER_UNAVAILABLE") || code.equals("SERVER_BUSY") || code.equals("QUOTA_EXCEEDED")
                    || code.equals("CONNECTION_RATE_EXCEEDED") || code.equals("SERVER_MOVED")
                    || code.equals("USE_ANOTHER_SERVER"));
        }
        if (t instanceof Mqtt3ConnAckException e) {
            return !e.getMqttMessage().getReturnCode().name().equals("SERVER_UNAVAILABLE");
        }
        return find(t, SSLHandshakeException.class) != null
                || find(t, UnknownHostException.class) != null
                || find(t, UnresolvedAddressException.class) != null;
    }

    private static String hint(String code) {
        return switch (code) {
            case "BAD_USER_NAME_OR_PASSWORD" -> "; check mqtt.username and the password secret";
            case "NOT_AUTHORIZED" -> "; the broker does not authorise these credentials";
            case "CLIENT_IDENTIFIER_NOT_VALID", "IDENTIFIER_REJECTED" -> "; check mqtt.clientId";
            case "UNSUPPORTED_PROTOCOL_VERSION", "UNACCEPTABLE_PROTOCOL_VERSION" -> "; try mqtt.version 3.1.1";
            default -> "";
        };
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static boolean contains(Throwable t, String text) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && c.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m;
    }
}
