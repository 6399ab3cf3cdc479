package io.plantwatch.streaming;

import static org.apache.spark.sql.functions.col;

import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import io.plantwatch.domain.TagId;
import io.plantwatch.ingest.ReadingSink;
import io.plantwatch.ingest.replay.ParquetRecordingReader;
import io.plantwatch.ingest.replay.RecordingFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Reads Parquet recordings with Spark, for the replay ({@link ParquetRecordingReader}): the journal
 * export's folder ({@link JournalExport#SCHEMA}, partitioned by {@code date} and {@code device}),
 * or any Parquet file or folder with these columns:
 * <ul>
 *   <li>{@code event_time}: timestamp (UTC; a timestamp without zone is read as UTC) or epoch
 *       milliseconds (long);
 *   <li>{@code tag} ({@code device/sensor}), or {@code device} and {@code sensor};
 *   <li>{@code value}: any number;
 *   <li>{@code unit}: string, optional.
 * </ul>
 * Rows are delivered in journal order when there is an {@code offset} column, else by event time
 * (ties in no particular order). A row with a null, non-finite value or an invalid tag is rejected
 * with its row number (1-based, in that order) and the reason. The export's folder is read with
 * its schema given, so that a device id such as {@code 101} stays a string (Spark would otherwise
 * infer a number from the {@code device=101} folder name).
 *
 * <p>Threading: {@link #read} blocks for Spark's jobs; any thread. The rows stream to the driver one
 * partition at a time ({@code toLocalIterator}).
 */
public final class ParquetRecordings implements ParquetRecordingReader {

    private final Supplier<SparkSession> spark;

    /** @param spark gives the running session (called once per read, on the reading thread) */
    public ParquetRecordings(Supplier<SparkSession> spark) {
        this.spark = spark;
    }

    /**
     * A reader on the embedded local session ({@link SparkSessions#local}): the running one, or one
     * started on the first read (~3–8 s), which the streaming pipeline then shares.
     */
    public static ParquetRecordings local(String master, io.plantwatch.domain.StreamingSettings settings, Path dataDir) {
        return new ParquetRecordings(() -> SparkSessions.local(master, settings, dataDir));
    }

    @Override
    public long read(Path fileOrFolder, ReadingSink sink) throws IOException {
        if (!Files.exists(fileOrFolder)) {
            throw new NoSuchFileException(fileOrFolder.toString());
        }
        if (Files.isDirectory(fileOrFolder) && !hasParquetFiles(fileOrFolder)) {
            return 0;
        }
        String source = fileOrFolder.getFileName().toString();
        SparkSession s = spark.get();
        String path = fileOrFolder.toAbsolutePath().toString();
        Dataset<Row> df = s.read().parquet(path);
        List<String> names = Arrays.asList(df.schema().fieldNames());
        if (names.containsAll(Arrays.asList(JournalExport.SCHEMA.fieldNames()))) {
            df = s.read().schema(JournalExport.SCHEMA).parquet(path);
        }
        boolean hasTag = names.contains("tag");
        boolean hasDeviceSensor = names.contains("device") && names.contains("sensor");
        if (!names.contains("event_time") || !names.contains("value") || !(hasTag || hasDeviceSensor)) {
            throw new RecordingFormatException(source + ": a Parquet recording needs the columns event_time, value, and tag "
                    + "or device and sensor (unit optional); it has " + names + ". Fix: export it with plantwatch export "
                    + "--parquet, or rename the columns");
        }
        df = df.orderBy(col(names.contains("offset") ? "offset" : "event_time"));
        StructType schema = df.schema();
        int iTime = schema.fieldIndex("event_time");
        int iValue = schema.fieldIndex("value");
        int iTag = hasTag ? schema.fieldIndex("tag") : -1;
        int iDevice = hasTag ? -1 : schema.fieldIndex("device");
        int iSensor = hasTag ? -1 : schema.fieldIndex("sensor");
        int iUnit = names.contains("unit") ? schema.fieldIndex("unit") : -1;
        long row = 0;
        Iterator<Row> it = df.toLocalIterator();
        while (it.hasNext()) {
            Row r = it.next();
            row++;
            Reading reading;
            try {
                String tag = iTag >= 0 ? r.getString(iTag) : TagId.of(r.getString(iDevice), r.getString(iSensor));
                Object v = r.get(iValue);
                if (!(v instanceof Number n)) {
                    throw new IllegalArgumentException("value is " + (v == null ? "null" : "not a number: " + v));
                }
                Object u = iUnit >= 0 ? r.get(iUnit) : null;
                reading = new Reading(tag, millis(r.get(iTime)), n.doubleValue(), u == null ? "" : u.toString());
            } catch (IllegalArgumentException e) {
                sink.reject(new RejectedReading(source, row, e.getMessage(), truncate(r.toString())));
                continue;
            }
            sink.accept(reading);
        }
        return row;
    }

    private static long millis(Object t) {
        if (t instanceof Instant i) {
            return i.toEpochMilli();
        }
        if (t instanceof java.sql.Timestamp ts) {
            return ts.getTime();
        }
        if (t instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (t instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException("event_time is " + (t == null ? "null" : "not a timestamp: " + t));
    }

    private static boolean hasParquetFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".parquet") && Files.isRegularFile(p));
        }
    }

    private static String truncate(String s) {
        return s.length() <= 1024 ? s : s.substring(0, 1024) + "…";
    }
}
