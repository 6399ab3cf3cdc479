package io.plantwatch.ingest.replay;

import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import io.plantwatch.domain.TagId;
import io.plantwatch.domain.WideCsvMapping;
import io.plantwatch.ingest.ReadingSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a wide CSV file (a header, then one row per instant with one column per sensor) into
 * readings through a {@link WideCsvMapping}: each mapped, non-empty cell of a row becomes one
 * reading of {@code device/sensor} at the row's timestamp, in header order, rows in file order.
 *
 * <p>Fields may be quoted with {@code "} (a quote inside is doubled). An empty cell is "no sample"
 * and gives no reading. A row with the wrong number of fields or a bad timestamp is rejected as a
 * whole; a cell that is not a finite number is rejected alone (its column named), the row's other
 * cells still count. Every rejection carries the 1-based line number (header = line 1). Header
 * problems (timestamp or mapped column missing, an unmapped column not listed in {@code skip})
 * refuse the file with a {@link RecordingFormatException}.
 *
 * <p>Not thread-safe (one-entry timestamp cache); one instance per parse.
 */
public final class WideCsvParser {

    private final WideCsvMapping mapping;
    private final DateTimeFormatter pattern;
    private final String[] tags;
    private String lastTimestampText;
    private long lastTimestampMillis;

    /**
     * @throws RecordingFormatException when the mapping's timestamp format is not a valid pattern
     */
    public WideCsvParser(WideCsvMapping mapping) {
        this.mapping = mapping;
        String f = mapping.timestampFormat();
        if (f.equals(WideCsvMapping.ISO) || f.equals(WideCsvMapping.EPOCH_MILLIS) || f.equals(WideCsvMapping.EPOCH_SECONDS)) {
            pattern = null;
        } else {
            try {
                pattern = DateTimeFormatter.ofPattern(f);
            } catch (IllegalArgumentException e) {
                throw new RecordingFormatException("timestampFormat '" + f + "' is not a date-time pattern (" + e.getMessage()
                        + "). Fix: use iso, epoch-ms, epoch-s or a pattern such as yyyy-MM-dd HH:mm:ss");
            }
        }
        tags = new String[mapping.columns().size()];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = TagId.of(mapping.device(), mapping.columns().get(i).sensor());
        }
    }

    /**
     * Parses a whole file into the sink.
     *
     * @return data lines read (not blank, not the header)
     * @throws IOException              when the file cannot be read
     * @throws RecordingFormatException when the header does not fit the mapping
     */
    public long parse(Path file, ReadingSink sink) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.getFileName().toString(), in, Long.MAX_VALUE, sink);
        }
    }

    /**
     * Parses at most {@code maxRows} data lines from a reader positioned at the header (the
     * console's preview uses a small limit).
     *
     * @return data lines read
     * @throws IOException              when reading fails
     * @throws RecordingFormatException when the header does not fit the mapping
     */
    public long parse(String source, BufferedReader in, long maxRows, ReadingSink sink) throws IOException {
        String header = in.readLine();
        if (header == null) {
            throw new RecordingFormatException(source + " is empty: a wide CSV needs a header line");
        }
        List<String> names = split(stripBom(header), mapping.delimiter()).stream().map(String::strip).toList();
        int[] index = columnIndexes(source, names);
        int timeIndex = index[0];
        long rows = 0;
        long lineNo = 1;
        String line;
        while (rows < maxRows && (line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            rows++;
            List<String> fields = split(line, mapping.delimiter());
            if (fields.size() != names.size()) {
                sink.reject(new RejectedReading(source, lineNo, "expected " + names.size() + " '" + mapping.delimiter()
                        + "'-separated fields as in the header, found " + fields.size(), truncate(line)));
                continue;
            }
            long time;
            try {
                time = timestamp(fields.get(timeIndex).strip());
            } catch (IllegalArgumentException e) {
                sink.reject(new RejectedReading(source, lineNo, e.getMessage(), truncate(line)));
                continue;
            }
            for (int c = 0; c < tags.length; c++) {
                String cell = fields.get(index[c + 1]).strip();
                if (cell.isEmpty()) {
                    continue;
                }
                double v;
                try {
                    v = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    sink.reject(new RejectedReading(source, lineNo, "column '" + mapping.columns().get(c).name()
                            + "': value '" + truncate(cell) + "' is not a number", truncate(line)));
                    continue;
                }
                if (!Double.isFinite(v)) {
                    sink.reject(new RejectedReading(source, lineNo, "column '" + mapping.columns().get(c).name()
                            + "': value '" + cell + "' is not finite", truncate(line)));
                    continue;
                }
                sink.accept(new Reading(tags[c], time, v, mapping.columns().get(c).unit()));
            }
        }
        return rows;
    }

    /** [timestamp index, index of mapped column 0, 1, …]; refuses a header that does not fit. */
    private int[] columnIndexes(String source, List<String> names) {
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (at.putIfAbsent(names.get(i), i) != null) {
                throw new RecordingFormatException(source + " line 1: column '" + names.get(i) + "' appears twice in the header");
            }
        }
        int[] index = new int[tags.length + 1];
        List<String> missing = new ArrayList<>();
        Integer t = at.get(mapping.timestampColumn());
        if (t == null) {
            missing.add(mapping.timestampColumn());
        } else {
            index[0] = t;
        }
        for (int c = 0; c < tags.length; c++) {
            Integer i = at.get(mapping.columns().get(c).name());
            if (i == null) {
                missing.add(mapping.columns().get(c).name());
            } else {
                index[c + 1] = i;
            }
        }
        if (!missing.isEmpty()) {
            throw new RecordingFormatException(source + " line 1: the mapping names column(s) " + missing
                    + " that the header does not have (header: " + names + ", delimiter '" + mapping.delimiter()
                    + "'). Fix: correct the names or the delimiter in the mapping");
        }
        Set<String> known = new LinkedHashSet<>(mapping.skip());
        known.add(mapping.timestampColumn());
        mapping.columns().forEach(c -> known.add(c.name()));
        List<String> unmapped = names.stream().filter(n -> !known.contains(n)).toList();
        if (!unmapped.isEmpty()) {
            throw new RecordingFormatException(source + " line 1: column(s) " + unmapped + " are neither mapped nor "
                    + "skipped. Fix: map each to a sensor, or list it under skip in the mapping");
        }
        return index;
    }

    private long timestamp(String text) {
        if (text.equals(lastTimestampText)) {
            return lastTimestampMillis;
        }
        long millis;
        try {
            millis = switch (mapping.timestampFormat()) {
                case WideCsvMapping.EPOCH_MILLIS -> Long.parseLong(text);
                case WideCsvMapping.EPOCH_SECONDS -> new BigDecimal(text).movePointRight(3).longValueExact();
                case WideCsvMapping.ISO -> iso(text);
                default -> patterned(text);
            };
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("timestamp '" + truncate(text) + "' does not match the format '"
                    + mapping.timestampFormat() + "'");
        }
        lastTimestampText = text;
        lastTimestampMillis = millis;
        return millis;
    }

    private long iso(String text) {
        if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
            return java.time.OffsetDateTime.parse(text.replace(' ', 'T')).toInstant().toEpochMilli();
        }
        return LocalDateTime.parse(text.replace(' ', 'T')).atZone(mapping.zone()).toInstant().toEpochMilli();
    }

    private long patterned(String text) {
        TemporalAccessor t = pattern.parseBest(text, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
        Instant i = t instanceof ZonedDateTime z ? z.toInstant()
                : t instanceof LocalDateTime l ? l.atZone(mapping.zone()).toInstant()
                : ((LocalDate) t).atStartOfDay(mapping.zone()).toInstant();
        return i.toEpochMilli();
    }

    /**
     * Splits one CSV line at the delimiter; fields in {@code "} may hold the delimiter, and {@code ""}
     * inside them is one quote.
     */
    public static List<String> split(String line, char delimiter) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.toString().isBlank()) {
                quoted = true;
                field.setLength(0);
            } else if (ch == delimiter) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        out.add(field.toString());
        return out;
    }

    static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    static String truncate(String s) {
        return s.length() <= RecordingParser.MAX_RAW ? s : s.substring(0, RecordingParser.MAX_RAW) + "…";
    }
}
