package io.plantwatch.domain;


/**
 * Tag ids: {@code device/sensor}, the two levels of an MQTT topic {@code sensors/{device}/{sensor}}.
 *
 * <p>Each part is 1–64 characters of letters, digits, {@code - _ .}; MQTT wildcards, spaces and
 * control characters are refused so that a tag id is always a valid topic level.
 */
public final class TagId {


    private TagId() {
    }

    /**
     * Builds a tag id.
     *
     * @throws IllegalArgumentException when either part violates the naming rule
     */
    public static String of(String device, String sensor) {
        requirePart("device", device);
        requirePart("sensor", sensor);
        return device + "/" + sensor;
    }

    /** The device part of a valid tag id. */
    public static String device(String tag) {
        return tag.substring(0, tag.indexOf('/'));
    }

    /** The sensor part of a valid tag id. */
    public static String sensor(String tag) {
        return tag.substring(tag.indexOf('/') + 1);
    }

    /**
     * Checks a whole tag id.
     *
     * @throws IllegalArgumentException when it is not {@code device/sensor} with valid parts
     */
    public static void requireValid(String tag) {
        if (tag == null) {
            throw new IllegalArgumentException("tag id is missing");
        }
        int slash = tag.indexOf('/');
        if (slash < 0 || tag.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("tag id '" + tag + "' must be device/sensor");
        }
        if (!validPart(tag, 0, slash)) {
            requirePart("device", tag.substring(0, slash));
        }
        if (!validPart(tag, slash + 1, tag.length())) {
            requirePart("sensor", tag.substring(slash + 1));
        }
    }

    private static void requirePart(String what, String part) {
        if (part == null || !validPart(part, 0, part.length())) {
            throw new IllegalArgumentException(what + " id '" + part
                    + "' must be 1-64 characters of letters, digits, '-', '_' or '.'");
        }
    }

    /**
     * {@code s[from, to)} is a valid part, {@code [A-Za-z0-9_.-]{1,64}}; a loop, not a regex,
     * since it runs for every live reading (twice: decoder and {@link Reading}).
     */
    private static boolean validPart(String s, int from, int to) {
        int n = to - from;
        if (n < 1 || n > 64) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
