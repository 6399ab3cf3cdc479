package io.plantwatch.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One NAB data file: rows in file order, each a naive timestamp and a value.
 *
 * <p>Format (NAB v1.1 {@code data/**}.csv): header {@code timestamp,value}, comma separator, timestamps
 * {@code yyyy-MM-dd HH:mm:ss}, no time zone. Duplicate and backward timestamps are kept as they are
 * (NAB scores by row order; {@code machine_temperature_system_failure.csv} repeats 12 timestamps).
 *
 * @param timestamps row timestamps in file order, naive local clock time, size n
 * @param values     row values in file order (unit not given by NAB), length n
 */
public record NabDataFile(List<LocalDateTime> timestamps, double[] values) {

    /** @throws IllegalArgumentException when the two columns differ in length; NPE on null */
    public NabDataFile {
        timestamps = List.copyOf(timestamps);
        values = Objects.requireNonNull(values, "values").clone();
        if (timestamps.size() != values.length) {
            throw new IllegalArgumentException(timestamps.size() + " timestamps but " + values.length + " values");
        }
    }

    /** A copy of the values, length {@link #rows()}. */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** Number of data rows (header excluded). */
    public int rows() {
        return values.length;
    }

    /**
     * Reads a NAB CSV file (LF or CRLF line endings).
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when the header is not {@code timestamp,value} or a row is
     *                                  malformed (the message gives the line number)
     */
    public static NabDataFile load(Path path) throws IOException {
        List<LocalDateTime> ts = new ArrayList<>();
        double[] vals = new double[1024];
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.replace("\uFEFF", "").trim().equals("timestamp,value")) {
                throw new IllegalArgumentException(path + ": header must be 'timestamp,value', was '" + header + "'");
            }
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != 2) {
                    throw new IllegalArgumentException(path + ":" + lineNo + ": expected 2 cells, found " + cells.length);
                }
                try {
                    LocalDateTime t = EvalTimestamps.parse(cells[0]);
                    double v = Double.parseDouble(cells[1].trim());
                    if (ts.size() == vals.length) {
                        vals = Arrays.copyOf(vals, vals.length * 2);
                    }
                    vals[ts.size()] = v;
                    ts.add(t);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(path + ":" + lineNo + ": " + e.getMessage(), e);
                }
            }
        }
        return new NabDataFile(ts, Arrays.copyOf(vals, ts.size()));
    }
}
