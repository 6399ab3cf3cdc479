package io.plantwatch.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and writes the durations of the site file: {@code 500ms}, {@code 10s}, {@code 5m},
 * {@code 2h}, {@code 1d}. Public for the console's Connections dialog, which validates what the
 * operator types with the loader's own rule.
 */
public final class Durations {

    private static final Pattern FORMAT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)\\s*");

    private Durations() {
    }

    /** @throws IllegalArgumentException when the text is not a number followed by ms, s, m, h or d */
    public static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 500ms, 10s, 5m, 2h or 1d");
        }
        double n = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 86_400_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    /**
     * Writes a duration in the largest unit that holds it exactly: {@code 1d}, {@code 2h},
     * {@code 5m}, {@code 10s}, {@code 500ms}; {@code 0s} for zero. Sub-millisecond parts are dropped.
     * {@link #parse} reads it back to the same number of milliseconds.
     */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
