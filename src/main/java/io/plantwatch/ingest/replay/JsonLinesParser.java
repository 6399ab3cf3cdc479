package io.plantwatch.ingest.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Parses a JSON lines recording: one object per line,
 * {@code {"timestamp":"2020-03-09T13:14:38Z","device":"P-101","sensor":"flow","value":32.0,"unit":"L/min"}}.
 *
 * <p>{@code timestamp} is an ISO-8601 instant string or a number of epoch milliseconds;
 * {@code value} a JSON number (finite); {@code unit} optional (empty when absent); other fields are
 * ignored. Blank lines are skipped. A line that is not such an object goes to
 * {@link ReadingSink#reject} with its 1-based line number and the reason; the parse continues.
 *
 * <p>Not thread-safe; one instance per parse.
 */
public final class JsonLinesParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Parses a whole file into the sink.
     *
     * @return lines that were not blank
     * @throws IOException when the file cannot be read
     */
    public long parse(Path file, ReadingSink sink) throws IOException {
        String source = file.getFileName().toString();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long lines = 0;
            long lineNo = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1) {
                    line = WideCsvParser.stripBom(line);
                }
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                parseLine(source, lineNo, line, sink);
            }
            return lines;
        }
    }

    /** Parses one line; the result goes to {@code sink.accept} or {@code sink.reject}. */
    public void parseLine(String source, long lineNo, String line, ReadingSink sink) {
        Reading reading;
        try {
            reading = reading(line);
        } catch (IllegalArgumentException e) {
            sink.reject(new RejectedReading(source, lineNo, e.getMessage(), WideCsvParser.truncate(line)));
            return;
        }
        sink.accept(reading);
    }

    private static Reading reading(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("expected a JSON object {\"timestamp\":…,\"device\":…,\"sensor\":…,\"value\":…}");
        }
        String device = text(n, "device");
        String sensor = text(n, "sensor");
        JsonNode ts = n.get("timestamp");
        long time;
        if (ts == null || ts.isNull()) {
            throw new IllegalArgumentException("field 'timestamp' is missing");
        } else if (ts.isIntegralNumber() && ts.canConvertToLong()) {
            time = ts.longValue();
        } else if (ts.isTextual()) {
            try {
                time = Instant.parse(ts.textValue()).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException("timestamp '" + WideCsvParser.truncate(ts.textValue())
                        + "' is not an ISO-8601 instant (2020-03-09T13:14:38Z)");
            }
        } else {
            throw new IllegalArgumentException("timestamp must be an ISO-8601 string or epoch milliseconds, was " + ts);
        }
        JsonNode v = n.get("value");
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("field 'value' must be a number, was " + (v == null ? "missing" : v));
        }
        double value = v.doubleValue();
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value " + v + " is not finite");
        }
        JsonNode u = n.get("unit");
        if (u != null && !u.isNull() && !u.isTextual()) {
            throw new IllegalArgumentException("field 'unit' must be a string, was " + u);
        }
        return new Reading(TagId.of(device, sensor), time, value, u == null || u.isNull() ? "" : u.textValue());
    }

    private static String text(JsonNode n, String field) {
        JsonNode f = n.get(field);
        if (f == null || !f.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string, was " + (f == null ? "missing" : f));
        }
        return f.textValue();
    }
}
