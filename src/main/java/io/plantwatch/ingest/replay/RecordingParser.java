package io.plantwatch.ingest.replay;

import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import io.plantwatch.domain.TagId;
import io.plantwatch.ingest.ReadingSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Parses PlantWatch's long recording format: a header {@code timestamp,device,sensor,value,unit}
 * then one reading per line, e.g. {@code 2020-03-09T13:14:38Z,P-101,flow,32.0,L/min}.
 *
 * <p>{@code timestamp} is an ISO-8601 instant (offset required, fractions allowed) or epoch
 * milliseconds; {@code unit} may be empty. Lines may end in LF or CRLF; blank lines are skipped.
 * A malformed line never stops the parse: it goes to {@link ReadingSink#reject} with its line
 * number and the reason (raw text truncated to {@value #MAX_RAW} characters). Stateless apart
 * from a one-entry timestamp cache; use one instance per thread.
 */
public final class RecordingParser {

    /** The header line the format requires. */
    public static final String HEADER = "timestamp,device,sensor,value,unit";
    /** Longest raw text kept with a rejected line. */
    public static final int MAX_RAW = 1024;

    private String lastTimestampText;
    private long lastTimestampMillis;

    /**
     * Parses a whole file into the sink.
     *
     * @return number of lines that were neither header nor blank
     * @throws IOException when the file cannot be read
     * @throws RecordingFormatException when the header is not {@link #HEADER}
     */
    public long parse(Path file, ReadingSink sink) throws IOException {
        String source = file.getFileName().toString();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !stripBom(header).trim().equalsIgnoreCase(HEADER)) {
                throw new RecordingFormatException(source + " line 1: header must be '" + HEADER + "', found '"
                        + (header == null ? "" : truncate(header)) + "'. Fix: convert the file to the long format "
                        + "(see sample-data/README.md)");
            }
            long lines = 0;
            long lineNo = 1;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                parseLine(source, lineNo, line, sink);
            }
            return lines;
        }
    }

    /**
     * Parses one data line; the result goes to {@code sink.accept} or {@code sink.reject}.
     *
     * @param lineNo 1-based line number, for the rejection
     */
    public void parseLine(String source, long lineNo, String line, ReadingSink sink) {
        String error = null;
        Reading reading = null;
        int c1 = line.indexOf(',');
        int c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1);
        int c3 = c2 < 0 ? -1 : line.indexOf(',', c2 + 1);
        int c4 = c3 < 0 ? -1 : line.indexOf(',', c3 + 1);
        if (c4 < 0 || line.indexOf(',', c4 + 1) >= 0) {
            error = "expected 5 comma-separated fields (timestamp,device,sensor,value,unit), found "
                    + (line.chars().filter(ch -> ch == ',').count() + 1);
        } else {
            String ts = line.substring(0, c1).trim();
            String device = line.substring(c1 + 1, c2).trim();
            String sensor = line.substring(c2 + 1, c3).trim();
            String valueText = line.substring(c3 + 1, c4).trim();
            String unit = line.substring(c4 + 1).trim();
            try {
                long time = timestamp(ts);
                double value = value(valueText);
                reading = new Reading(TagId.of(device, sensor), time, value, unit);
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
            }
        }
        if (reading != null) {
            sink.accept(reading);
        } else {
            sink.reject(new RejectedReading(source, lineNo, error, truncate(line)));
        }
    }

    private long timestamp(String text) {
        if (text.equals(lastTimestampText)) {
            return lastTimestampMillis;
        }
        long millis;
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            try {
                millis = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("timestamp '" + text + "' is out of range for epoch milliseconds");
            }
        } else {
            try {
                millis = Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException("timestamp '" + truncate(text)
                        + "' is neither an ISO-8601 instant (2020-03-09T13:14:38Z) nor epoch milliseconds");
            }
        }
        lastTimestampText = text;
        lastTimestampMillis = millis;
        return millis;
    }

    private static double value(String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("value '" + truncate(text) + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("value '" + text + "' is not finite");
        }
        return v;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static String truncate(String s) {
        return s.length() <= MAX_RAW ? s : s.substring(0, MAX_RAW) + "…";
    }
}
