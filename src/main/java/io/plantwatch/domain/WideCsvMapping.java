package io.plantwatch.domain;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a wide CSV file (one row per instant, one column per sensor, e.g. SKAB's rig files) becomes
 * {@link Reading}s: every mapped column of a row gives one reading of tag
 * {@code device/sensor} at the row's timestamp. Kept in a small YAML or JSON file next to the CSV
 * ({@code ingest.replay.WideCsvMappings}); README "Wide CSV mapping file" shows the format.
 *
 * <p>Columns of the header that are neither the timestamp, nor mapped, nor listed in {@code skip}
 * make the file refused (so that a sensor is never dropped silently).
 *
 * @param delimiter       field separator, e.g. {@code ';'} (SKAB) or {@code ','}
 * @param timestampColumn header name of the timestamp column
 * @param timestampFormat {@value #ISO} (ISO-8601 instant, or local date-time read in {@code zone}),
 *                        {@value #EPOCH_MILLIS}, {@value #EPOCH_SECONDS} (fractions allowed), or a
 *                        {@link java.time.format.DateTimeFormatter} pattern such as
 *                        {@code yyyy-MM-dd HH:mm:ss}, read in {@code zone}
 * @param zone            zone of local (offset-less) timestamps; UTC when the source gives none
 * @param device          device id of every reading (a {@link TagId} part, e.g. {@code P-101})
 * @param columns         mapped columns, each to a sensor id and engineering unit
 * @param skip            header names that are not readings (labels, row numbers); may be empty
 */
public record WideCsvMapping(char delimiter, String timestampColumn, String timestampFormat, ZoneId zone,
        String device, List<Column> columns, List<String> skip) {

    /** ISO-8601 timestamps. */
    public static final String ISO = "iso";
    /** Epoch milliseconds. */
    public static final String EPOCH_MILLIS = "epoch-ms";
    /** Epoch seconds, fractions allowed. */
    public static final String EPOCH_SECONDS = "epoch-s";

    /**
     * One mapped column.
     *
     * @param name   header name in the CSV, exactly (surrounding blanks ignored)
     * @param sensor sensor id (a {@link TagId} part), e.g. {@code flow}
     * @param unit   engineering unit, e.g. {@code L/min}; empty when unknown
     */
    public record Column(String name, String sensor, String unit) {

        /** @throws IllegalArgumentException when the name is blank or the sensor id invalid */
        public Column {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a mapped column needs its header name");
            }
            name = name.strip();
            TagId.of("d", sensor);
            unit = Objects.requireNonNullElse(unit, "").strip();
        }
    }

    /**
     * @throws IllegalArgumentException when the delimiter is a letter, digit, quote or line break;
     *                                  a name is missing or listed twice; the device or a sensor id is
     *                                  invalid; no column is mapped; or two columns give the same sensor
     */
    public WideCsvMapping {
        if (Character.isLetterOrDigit(delimiter) || delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("delimiter '" + delimiter + "' cannot separate fields; use ';', ',' or a tab");
        }
        if (timestampColumn == null || timestampColumn.isBlank()) {
            throw new IllegalArgumentException("timestampColumn is missing: name the header of the time column");
        }
        timestampColumn = timestampColumn.strip();
        timestampFormat = timestampFormat == null || timestampFormat.isBlank() ? ISO : timestampFormat.strip();
        zone = Objects.requireNonNullElse(zone, ZoneId.of("UTC"));
        TagId.of(device, "s");
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        skip = skip == null ? List.of() : skip.stream().map(String::strip).toList();
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no column is mapped to a sensor");
        }
        Set<String> names = new HashSet<>();
        names.add(timestampColumn);
        Set<String> sensors = new HashSet<>();
        for (Column c : columns) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("column '" + c.name() + "' is mapped twice (or is the timestamp column)");
            }
            if (!sensors.add(c.sensor())) {
                throw new IllegalArgumentException("sensor '" + c.sensor() + "' is given to two columns");
            }
        }
        for (String s : skip) {
            if (!names.add(s)) {
                throw new IllegalArgumentException("column '" + s + "' is both skipped and mapped (or the timestamp)");
            }
        }
    }

    /** This mapping with another delimiter. @throws IllegalArgumentException as the constructor */
    public WideCsvMapping withDelimiter(char d) {
        return new WideCsvMapping(d, timestampColumn, timestampFormat, zone, device, columns, skip);
    }

    /**
     * The mapping of SKAB's rig files ({@code data/valve1/*.csv} and friends): {@code ;}-separated,
     * {@code datetime} as {@code yyyy-MM-dd HH:mm:ss} read as UTC (the clock values are kept, as in
     * sample-data/README.md), the 8 sensors with the sensor ids and units of the demo plant, and the
     * label columns {@code anomaly} and {@code changepoint} skipped.
     *
     * @param device e.g. {@code P-101}
     */
    public static WideCsvMapping skab(String device) {
        return new WideCsvMapping(';', "datetime", "yyyy-MM-dd HH:mm:ss", ZoneId.of("UTC"), device, List.of(
                new Column("Accelerometer1RMS", "vibration_1", "g"),
                new Column("Accelerometer2RMS", "vibration_2", "g"),
                new Column("Current", "motor_current", "A"),
                new Column("Pressure", "discharge_pressure", "bar"),
                new Column("Temperature", "motor_temperature", "degC"),
                new Column("Thermocouple", "fluid_temperature", "degC"),
                new Column("Voltage", "motor_voltage", "V"),
                new Column("Volume Flow RateRMS", "flow", "L/min")), List.of("anomaly", "changepoint"));
    }
}
