package io.plantwatch.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the sizes written in the site file: {@code 500MB}, {@code 10GiB}, {@code 2TB}, {@code 1048576}
 * (bytes). Decimal units (kB, MB, GB, TB) are powers of 1000, binary ones (KiB, MiB, GiB, TiB) powers of
 * 1024, as in IEC 80000-13.
 */
final class ByteSizes {

    private static final Pattern FORMAT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b|b)?\\s*", Pattern.CASE_INSENSITIVE);

    private ByteSizes() {
    }

    /** @throws IllegalArgumentException when the text is not a number with an optional unit */
    static long parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("size '" + text + "' must be a number of bytes or a size such as 500MB or 10GiB");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        double factor = switch (unit) {
            case "b" -> 1;
            case "kb" -> 1e3;
            case "mb" -> 1e6;
            case "gb" -> 1e9;
            case "tb" -> 1e12;
            case "kib" -> 1024d;
            case "mib" -> 1024d * 1024;
            case "gib" -> 1024d * 1024 * 1024;
            default -> 1024d * 1024 * 1024 * 1024;
        };
        return Math.round(n * factor);
    }
}
