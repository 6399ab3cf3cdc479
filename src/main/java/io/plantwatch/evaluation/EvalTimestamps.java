package io.plantwatch.evaluation;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;

/** Parsing and conversion of the benchmarks' naive timestamps (package-private helper). */
final class EvalTimestamps {

    /** {@code yyyy-MM-dd HH:mm:ss} with an optional fraction of up to 9 digits (NAB windows use {@code .000000}). */
    static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

    private EvalTimestamps() {
    }

    /** @throws IllegalArgumentException when {@code text} is not {@code yyyy-MM-dd HH:mm:ss[.fffffffff]} */
    static LocalDateTime parse(String text) {
        try {
            return LocalDateTime.parse(text.trim(), FORMAT);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a 'yyyy-MM-dd HH:mm:ss[.f]' timestamp: '" + text + "'", e);
        }
    }

    /** The naive clock reading as milliseconds since 1970-01-01T00:00 of the same clock. */
    static long toMillis(LocalDateTime t) {
        return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    static long[] toMillis(List<LocalDateTime> ts) {
        long[] out = new long[ts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toMillis(ts.get(i));
        }
        return out;
    }
}
