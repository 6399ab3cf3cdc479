package io.plantwatch.storage;

import io.plantwatch.domain.AlarmTransition;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes alarm transitions as CSV after RFC 4180: a header row, one record per transition, CRLF
 * line ends, and a field in double quotes (with its quotes doubled) when it contains a comma, a
 * double quote, CR or LF. Times are ISO-8601 in UTC with a fixed number of fraction digits (event
 * time to the millisecond, wall time to the microsecond, as journaled); a value that does not apply
 * (NaN) is an empty field. Stateless and thread-safe.
 */
public final class AlarmJournalCsv {

    /** The header row's column names, in order. */
    public static final List<String> HEADER = List.of("event_time_utc", "wall_time_utc", "alarm_id", "tag", "level",
            "priority", "cause", "from_state", "to_state", "value", "limit", "actor", "comment");

    private static final String EOL = "\r\n";
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WALL_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private AlarmJournalCsv() {
    }

    /**
     * Writes the header and the transitions in the given order. The writer is flushed, not closed.
     *
     * @param transitions what to write
     * @param out         where to write (the caller chooses the encoding; UTF-8 is recommended)
     * @throws IOException when writing fails
     */
    public static void write(List<AlarmTransition> transitions, Writer out) throws IOException {
        out.write(String.join(",", HEADER));
        out.write(EOL);
        StringBuilder line = new StringBuilder(256);
        for (AlarmTransition t : transitions) {
            line.setLength(0);
            line.append(EVENT_TIME.format(Instant.ofEpochMilli(t.eventTimeMillis()))).append(',')
                    .append(WALL_TIME.format(t.wallTime())).append(',');
            field(line, t.alarmId()).append(',');
            field(line, t.tag()).append(',');
            field(line, t.level() == null ? "" : t.level().name()).append(',');
            line.append(t.priority()).append(',')
                    .append(t.cause().name()).append(',')
                    .append(t.from().name()).append(',')
                    .append(t.to().name()).append(',')
                    .append(number(t.value())).append(',')
                    .append(number(t.limit())).append(',');
            field(line, t.actor()).append(',');
            field(line, t.comment());
            out.write(line.toString());
            out.write(EOL);
        }
        out.flush();
    }

    /** Appends one field, quoted when RFC 4180 requires it. */
    static StringBuilder field(StringBuilder line, String value) {
        String v = value == null ? "" : value;
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        if (!quote) {
            return line.append(v);
        }
        return line.append('"').append(v.replace("\"", "\"\"")).append('"');
    }

    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }
}
