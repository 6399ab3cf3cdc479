package io.plantwatch.ingest.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.plantwatch.domain.CsvPreview;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import io.plantwatch.domain.WideCsvMapping;
import io.plantwatch.ingest.ReadingSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Mapping files for wide CSV recordings: reading and writing them (YAML, or JSON by extension),
 * finding the one next to a CSV file, guessing one from a header, and the preview the console's
 * mapping dialog shows.
 *
 * <p>File format (README "Wide CSV mapping file"):
 * <pre>
 * delimiter: ";"            # one character; "\t" or tab for a tab
 * timestamp:
 *   column: datetime
 *   format: yyyy-MM-dd HH:mm:ss   # iso | epoch-ms | epoch-s | a java.time pattern
 *   zone: UTC                     # zone of local times
 * device: P-101
 * columns:
 *   - {name: Current, sensor: motor_current, unit: A}
 * skip: [anomaly, changepoint]
 * </pre>
 * The mapping of {@code dir/9.csv} is looked for as {@code dir/9.mapping.yaml}, {@code .yml} or
 * {@code .json} ({@link #nextTo}).
 *
 * <p>Stateless and thread-safe.
 */
public final class WideCsvMappings {

    /** Suffixes tried after the CSV's base name, in order. */
    public static final List<String> SUFFIXES = List.of(".mapping.yaml", ".mapping.yml", ".mapping.json");

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private WideCsvMappings() {
    }

    /** The file's shape; public for Jackson only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class MappingFile {
        public String delimiter;
        public Timestamp timestamp;
        public String device;
        public List<ColumnFile> columns;
        public List<String> skip;
    }

    /** {@code timestamp:} block; public for Jackson only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Timestamp {
        public String column;
        public String format;
        public String zone;
    }

    /** One {@code columns:} entry; public for Jackson only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class ColumnFile {
        public String name;
        public String sensor;
        public String unit;
    }

    /**
     * Reads a mapping file (YAML; JSON when the name ends in {@code .json}).
     *
     * @throws IOException              when the file cannot be read
     * @throws RecordingFormatException when it is not a valid mapping (file, line and reason in the message)
     */
    public static WideCsvMapping load(Path file) throws IOException {
        ObjectMapper m = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
        MappingFile f;
        try {
            f = m.readValue(Files.readAllBytes(file), MappingFile.class);
        } catch (JsonProcessingException e) {
            throw new RecordingFormatException(file.getFileName() + " line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage() + ". Fix: see README, \"Wide CSV mapping file\"");
        }
        if (f == null) {
            throw new RecordingFormatException(file.getFileName() + " is empty. Fix: see README, \"Wide CSV mapping file\"");
        }
        try {
            return toMapping(f);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new RecordingFormatException(file.getFileName() + ": " + e.getMessage());
        }
    }

    private static WideCsvMapping toMapping(MappingFile f) {
        if (f.delimiter == null || f.delimiter.isEmpty()) {
            throw new IllegalArgumentException("delimiter is missing, e.g. delimiter: \";\"");
        }
        String d = f.delimiter.equalsIgnoreCase("tab") || f.delimiter.equals("\\t") ? "\t" : f.delimiter;
        if (d.length() != 1) {
            throw new IllegalArgumentException("delimiter must be one character, was '" + f.delimiter + "'");
        }
        if (f.timestamp == null) {
            throw new IllegalArgumentException("timestamp block is missing (column, format, zone)");
        }
        if (f.columns == null) {
            throw new IllegalArgumentException("columns is missing: map at least one column to a sensor");
        }
        List<WideCsvMapping.Column> cols = new ArrayList<>();
        for (ColumnFile c : f.columns) {
            cols.add(new WideCsvMapping.Column(c.name, c.sensor, c.unit));
        }
        return new WideCsvMapping(d.charAt(0), f.timestamp.column, f.timestamp.format,
                f.timestamp.zone == null ? null : ZoneId.of(f.timestamp.zone), f.device, cols, f.skip);
    }

    /**
     * Writes a mapping file (YAML; JSON when the name ends in {@code .json}), replacing it.
     *
     * @throws IOException when it cannot be written
     */
    public static void write(WideCsvMapping mapping, Path file) throws IOException {
        MappingFile f = new MappingFile();
        f.delimiter = mapping.delimiter() == '\t' ? "tab" : String.valueOf(mapping.delimiter());
        f.timestamp = new Timestamp();
        f.timestamp.column = mapping.timestampColumn();
        f.timestamp.format = mapping.timestampFormat();
        f.timestamp.zone = mapping.zone().getId();
        f.device = mapping.device();
        f.columns = mapping.columns().stream().map(c -> {
            ColumnFile cf = new ColumnFile();
            cf.name = c.name();
            cf.sensor = c.sensor();
            cf.unit = c.unit();
            return cf;
        }).toList();
        f.skip = mapping.skip();
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        String text = json ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(f)
                : "# PlantWatch wide CSV mapping (README, \"Wide CSV mapping file\")\n" + YAML.writeValueAsString(f);
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Where {@link #write} puts the mapping of a CSV file by default: {@code <base>.mapping.yaml} beside it. */
    public static Path defaultFileFor(Path csv) {
        return csv.resolveSibling(baseName(csv) + SUFFIXES.get(0));
    }

    /** The mapping file beside a CSV file ({@link #SUFFIXES}), if there is one. */
    public static Optional<Path> nextTo(Path csv) {
        for (String s : SUFFIXES) {
            Path p = csv.resolveSibling(baseName(csv) + s);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static String baseName(Path csv) {
        String n = csv.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** The delimiter among {@code ; , tab |} that occurs most often in a header line ({@code ,} when none does). */
    public static char sniffDelimiter(String header) {
        char best = ',';
        long most = 0;
        for (char c : new char[] {';', ',', '\t', '|'}) {
            long n = header.chars().filter(ch -> ch == c).count();
            if (n > most) {
                most = n;
                best = c;
            }
        }
        return best;
    }

    /**
     * A first mapping for a header, for the operator to correct: SKAB's preset when the header is
     * SKAB's; otherwise the first column whose name contains "time" or "date" (else the first
     * column) is the timestamp, with the format guessed from the first data value, and every other
     * column becomes a sensor of the same name (lower case, other characters replaced by {@code _}),
     * without a unit.
     *
     * @param firstValue the timestamp column's value in the first data row, or null
     */
    public static WideCsvMapping guess(List<String> header, char delimiter, String device, String firstValue) {
        WideCsvMapping skab = WideCsvMapping.skab(device);
        Set<String> skabNames = new HashSet<>(skab.skip());
        skabNames.add(skab.timestampColumn());
        skab.columns().forEach(c -> skabNames.add(c.name()));
        if (delimiter == skab.delimiter() && new HashSet<>(header).equals(skabNames)) {
            return skab;
        }
        int ts = 0;
        for (int i = 0; i < header.size(); i++) {
            String n = header.get(i).toLowerCase(Locale.ROOT);
            if (n.contains("time") || n.contains("date")) {
                ts = i;
                break;
            }
        }
        List<WideCsvMapping.Column> cols = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            if (i == ts || header.get(i).isBlank()) {
                continue;
            }
            String sensor = sensorId(header.get(i));
            String unique = sensor;
            for (int k = 2; !used.add(unique); k++) {
                unique = sensor.substring(0, Math.min(sensor.length(), 60)) + "_" + k;
            }
            cols.add(new WideCsvMapping.Column(header.get(i), unique, ""));
        }
        return new WideCsvMapping(delimiter, header.isEmpty() ? "timestamp" : header.get(ts), guessFormat(firstValue),
                ZoneId.of("UTC"), device, cols, List.of());
    }

    /** A valid sensor id from a column name: lower case, runs of other characters as {@code _}, at most 64. */
    public static String sensorId(String name) {
        String s = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.\\-]+", "_").replaceAll("^_+|_+$", "");
        if (s.isEmpty()) {
            s = "value";
        }
        return s.length() > 64 ? s.substring(0, 64) : s;
    }

    private static String guessFormat(String v) {
        if (v == null) {
            return WideCsvMapping.ISO;
        }
        String t = v.strip();
        if (t.matches("\\d{13}")) {
            return WideCsvMapping.EPOCH_MILLIS;
        }
        if (t.matches("\\d{9,10}(\\.\\d+)?")) {
            return WideCsvMapping.EPOCH_SECONDS;
        }
        if (t.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")) {
            return "yyyy-MM-dd HH:mm:ss";
        }
        return WideCsvMapping.ISO;
    }

    /**
     * The first rows of a delimited file and what a mapping makes of them (the mapping dialog's
     * preview). Never throws for bad content: a mapping that cannot read the file gives a
     * {@link CsvPreview#problem()}.
     *
     * @param mapping null for the raw rows only
     * @param rows    data rows to read, at least 1
     * @throws IOException when the file cannot be read
     */
    public static CsvPreview preview(Path file, char delimiter, WideCsvMapping mapping, int rows) throws IOException {
        List<String> header;
        List<List<String>> raw = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String h = in.readLine();
            header = h == null ? List.of() : WideCsvParser.split(WideCsvParser.stripBom(h), delimiter).stream()
                    .map(String::strip).toList();
            String line;
            while (raw.size() < rows && (line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    raw.add(WideCsvParser.split(line, delimiter));
                }
            }
        }
        List<Reading> readings = new ArrayList<>();
        List<RejectedReading> rejected = new ArrayList<>();
        String problem = "";
        if (mapping != null) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                new WideCsvParser(mapping).parse(file.getFileName().toString(), in, rows,
                        ReadingSink.of(readings::add, rejected::add));
            } catch (RecordingFormatException e) {
                problem = e.getMessage();
            }
        }
        return new CsvPreview(header, raw, readings, rejected, problem);
    }
}
