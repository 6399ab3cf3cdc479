package io.plantwatch.app;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The console's host name, for principals and the audit trail. */
public final class ConsoleHost {

    private static volatile String name;

    private ConsoleHost() {
    }

    /**
     * The local host's name: {@link InetAddress#getLocalHost()}'s host name, else {@code $HOSTNAME} /
     * {@code %COMPUTERNAME%}, else {@code localhost}. Looked up once (it may take a DNS query).
     */
    public static String name() {
        String n = name;
        if (n == null) {
            n = lookUp();
            name = n;
        }
        return n;
    }

    private static String lookUp() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            if (h != null && !h.isBlank()) {
                return h;
            }
        } catch (UnknownHostException | SecurityException e) {
            // fall back to the environment
        }
        for (String v : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String h = System.getenv(v);
            if (h != null && !h.isBlank()) {
                return h.strip();
            }
        }
        return "localhost";
    }
}
