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
 * One SKAB experiment file: naive timestamps, the sensor columns and, for anomalous experiments, the
 * {@code anomaly} and {@code changepoint} label columns.
 *
 * <p>Format (SKAB v0.9 {@code data/**}.csv, read there with {@code pd.read_csv(sep=';',
 * index_col='datetime')}): {@code ;} separator, {@code .} decimal point, one header row, CRLF or LF
 * line endings, first column {@code datetime} ({@code yyyy-MM-dd HH:mm:ss}, no time zone), every other
 * cell a float; labels are written {@code 0.0}/{@code 1.0}. {@code anomaly-free.csv} has no label
 * columns. Every column other than {@code datetime}, {@code anomaly} and {@code changepoint} is a sensor
 * column (e.g. {@code Volume Flow RateRMS}, name kept exactly as in the header).
 */
public final class SkabFile {

    /** Header of the timestamp column. */
    public static final String DATETIME = "datetime";
    /** Header of the point-wise anomaly label column. */
    public static final String ANOMALY = "anomaly";
    /** Header of the changepoint label column. */
    public static final String CHANGEPOINT = "changepoint";

    private final List<LocalDateTime> timestamps;
    private final List<String> sensorNames;
    private final double[][] sensors;
    private final boolean[] anomaly;
    private final boolean[] changepoint;

    /**
     * @param timestamps  row timestamps in file order, size n
     * @param sensorNames sensor column names in header order, distinct
     * @param sensors     {@code sensors[c][row]}: one array of length n per sensor name
     * @param anomaly     anomaly label per row (length n), or null when the file has no labels
     * @param changepoint changepoint label per row (length n), or null when the file has no labels
     * @throws IllegalArgumentException when lengths disagree, names repeat, or only one label column is given
     */
    public SkabFile(List<LocalDateTime> timestamps, List<String> sensorNames, double[][] sensors, boolean[] anomaly,
                    boolean[] changepoint) {
        this.timestamps = List.copyOf(timestamps);
        this.sensorNames = List.copyOf(sensorNames);
        Objects.requireNonNull(sensors, "sensors");
        int n = this.timestamps.size();
        if (sensors.length != this.sensorNames.size()) {
            throw new IllegalArgumentException(sensorNames.size() + " sensor names but " + sensors.length + " columns");
        }
        if (this.sensorNames.stream().distinct().count() != this.sensorNames.size()) {
            throw new IllegalArgumentException("repeated sensor names: " + sensorNames);
        }
        this.sensors = new double[sensors.length][];
        for (int c = 0; c < sensors.length; c++) {
            if (sensors[c].length != n) {
                throw new IllegalArgumentException("column '" + sensorNames.get(c) + "' has " + sensors[c].length
                        + " values for " + n + " rows");
            }
            this.sensors[c] = sensors[c].clone();
        }
        if ((anomaly == null) != (changepoint == null)) {
            throw new IllegalArgumentException("give both label columns or neither");
        }
        if (anomaly != null && (anomaly.length != n || changepoint.length != n)) {
            throw new IllegalArgumentException("label columns must have " + n + " rows");
        }
        this.anomaly = anomaly == null ? null : anomaly.clone();
        this.changepoint = changepoint == null ? null : changepoint.clone();
    }

    /**
     * Reads a SKAB CSV file.
     *
     * @param path the file
     * @return the parsed file
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when the first column is not {@code datetime}, only one of the
     *                                  two label columns is present, a row has the wrong number of
     *                                  cells, a number or timestamp cannot be parsed, or a label is
     *                                  neither 0 nor 1 (messages give the line number)
     */
    public static SkabFile load(Path path) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String headerLine = in.readLine();
            if (headerLine == null) {
                throw new IllegalArgumentException(path + ": empty file");
            }
            String[] header = headerLine.replace("\uFEFF", "").split(";", -1);
            if (!header[0].trim().equals(DATETIME)) {
                throw new IllegalArgumentException(path + ": first column must be 'datetime', was '" + header[0] + "'");
            }
            int anomalyCol = -1;
            int changepointCol = -1;
            List<String> names = new ArrayList<>();
            List<Integer> sensorCols = new ArrayList<>();
            for (int c = 1; c < header.length; c++) {
                String name = header[c].trim();
                if (name.equals(ANOMALY)) {
                    anomalyCol = c;
                } else if (name.equals(CHANGEPOINT)) {
                    changepointCol = c;
                } else {
                    names.add(name);
                    sensorCols.add(c);
                }
            }
            if ((anomalyCol < 0) != (changepointCol < 0)) {
                throw new IllegalArgumentException(path + ": has only one of the columns 'anomaly' and 'changepoint'");
            }
            boolean labelled = anomalyCol >= 0;
            List<LocalDateTime> ts = new ArrayList<>();
            double[][] cols = new double[names.size()][1024];
            boolean[] an = new boolean[1024];
            boolean[] cp = new boolean[1024];
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(";", -1);
                if (cells.length != header.length) {
                    throw new IllegalArgumentException(path + ":" + lineNo + ": expected " + header.length
                            + " cells, found " + cells.length);
                }
                int row = ts.size();
                if (row == an.length) {
                    int cap = row * 2;
                    for (int c = 0; c < cols.length; c++) {
                        cols[c] = Arrays.copyOf(cols[c], cap);
                    }
                    an = Arrays.copyOf(an, cap);
                    cp = Arrays.copyOf(cp, cap);
                }
                try {
                    ts.add(EvalTimestamps.parse(cells[0]));
                    for (int s = 0; s < sensorCols.size(); s++) {
                        cols[s][row] = Double.parseDouble(cells[sensorCols.get(s)].trim());
                    }
                    if (labelled) {
                        an[row] = label(cells[anomalyCol], ANOMALY);
                        cp[row] = label(cells[changepointCol], CHANGEPOINT);
                    }
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(path + ":" + lineNo + ": " + e.getMessage(), e);
                }
            }
            int n = ts.size();
            for (int c = 0; c < cols.length; c++) {
                cols[c] = Arrays.copyOf(cols[c], n);
            }
            return new SkabFile(ts, names, cols, labelled ? Arrays.copyOf(an, n) : null,
                    labelled ? Arrays.copyOf(cp, n) : null);
        }
    }

    private static boolean label(String cell, String column) {
        double v = Double.parseDouble(cell.trim());
        if (v == 1.0) {
            return true;
        }
        if (v == 0.0) {
            return false;
        }
        throw new IllegalArgumentException(column + " label must be 0 or 1, was " + cell);
    }

    /** Number of data rows (header excluded). */
    public int rows() {
        return timestamps.size();
    }

    /** Row timestamps in file order, naive local clock time (unmodifiable). */
    public List<LocalDateTime> timestamps() {
        return timestamps;
    }

    /** Row timestamps as ms of naive clock time (see the package doc), length {@link #rows()}. */
    public long[] timestampMillis() {
        return EvalTimestamps.toMillis(timestamps);
    }

    /** Sensor column names in header order (unmodifiable). */
    public List<String> sensorNames() {
        return sensorNames;
    }

    /** A copy of all sensor columns: {@code [column][row]}, columns in {@link #sensorNames()} order. */
    public double[][] sensors() {
        double[][] out = new double[sensors.length][];
        for (int c = 0; c < sensors.length; c++) {
            out[c] = sensors[c].clone();
        }
        return out;
    }

    /**
     * A copy of one sensor column, length {@link #rows()}.
     *
     * @throws IllegalArgumentException when the file has no such column
     */
    public double[] sensor(String name) {
        int c = sensorNames.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("no sensor column '" + name + "'; columns are " + sensorNames);
        }
        return sensors[c].clone();
    }

    /** True when the file has the {@code anomaly} and {@code changepoint} columns. */
    public boolean hasLabels() {
        return anomaly != null;
    }

    /**
     * A copy of the {@code anomaly} labels (true = row lies in the anomalous period), length {@link #rows()}.
     *
     * @throws IllegalStateException when the file has no label columns
     */
    public boolean[] anomaly() {
        requireLabels();
        return anomaly.clone();
    }

    /**
     * A copy of the {@code changepoint} labels (true = row is a changepoint), length {@link #rows()}.
     *
     * @throws IllegalStateException when the file has no label columns
     */
    public boolean[] changepoint() {
        requireLabels();
        return changepoint.clone();
    }

    private void requireLabels() {
        if (anomaly == null) {
            throw new IllegalStateException("this SKAB file has no label columns");
        }
    }
}
