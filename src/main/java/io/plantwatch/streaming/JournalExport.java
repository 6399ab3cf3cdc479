package io.plantwatch.streaming;

import io.plantwatch.domain.ExportRequest;
import io.plantwatch.domain.TagId;
import io.plantwatch.journal.ReadingJournal;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports journalled readings of an event-time range and a set of devices to Parquet (with Spark)
 * or to PlantWatch's long CSV (without Spark), for analysis elsewhere and for replay.
 *
 * <h2>Finding the readings</h2>
 * The journal is in arrival order and event time is not monotonic in it (late and out-of-order
 * readings, a recording that steps back), so an event-time range is not an offset range. The export
 * therefore scans the journal's retained offsets once without units (the cheap path, well over
 * 10<sup>7</sup> readings/s) to count the selected readings and find the first and last offset
 * holding one, then reads that offset range again with units and writes the selected readings.
 * The offsets exported are those below {@link ReadingJournal#endOffset()} when the export starts;
 * readings appended meanwhile are not included. Readings that retention deletes during the export
 * are skipped.
 *
 * <h2>Parquet layout</h2>
 * Snappy-compressed Parquet under {@code target/date=YYYY-MM-DD/device=ID/part-*.parquet}
 * (Hive-style partitions; {@code date} is the UTC date of the event time) with the columns
 * {@link #SCHEMA}: {@code event_time} (timestamp, millisecond precision), {@code sensor},
 * {@code tag}, {@code value} (double), {@code unit}, {@code offset} (the journal offset, which keeps
 * the arrival order), plus the partition columns {@code date} and {@code device}. The rows are
 * written in chunks of {@value #CHUNK} readings, each a Spark job appending to a temporary folder
 * beside the target, which is renamed to the target when every chunk is written; a cancelled or
 * failed export leaves nothing at the target.
 *
 * <h2>CSV</h2>
 * {@code timestamp,device,sensor,value,unit} with ISO-8601 UTC timestamps and Java's shortest
 * round-trip decimal for values, so that {@code RecordingParser} reads back the same readings.
 * A unit holding a comma or line break cannot be written in that format: those characters become
 * {@code ;} and a space. The file is written beside the target and moved into place at the end.
 *
 * <p>Threading: blocking; run it off the FX thread. {@link Progress} is called on the calling
 * thread (Spark jobs in between). A journal may be appended to concurrently.
 */
public final class JournalExport {

    private static final Logger LOG = LoggerFactory.getLogger(JournalExport.class);

    /** Readings a Parquet write job takes at once (memory: ~200 bytes a row in the driver). */
    static final int CHUNK = 250_000;
    /** Offsets read between two cancellation checks. */
    private static final int STEP = 1 << 16;

    /** The columns of an exported Parquet file; {@code date} and {@code device} are also the partition folders. */
    public static final StructType SCHEMA = new StructType()
            .add("event_time", DataTypes.TimestampType, false)
            .add("sensor", DataTypes.StringType, false)
            .add("tag", DataTypes.StringType, false)
            .add("value", DataTypes.DoubleType, false)
            .add("unit", DataTypes.StringType, false)
            .add("offset", DataTypes.LongType, false)
            .add("date", DataTypes.DateType, false)
            .add("device", DataTypes.StringType, false);

    private JournalExport() {
    }

    /** Receives the export's progress and may cancel it. */
    public interface Progress {
        /**
         * Called after the scan (done 0) and after every written step.
         *
         * @param done  readings written so far
         * @param total readings selected
         */
        void update(long done, long total);

        /** Polled between steps; true stops the export, which then removes what it wrote. */
        default boolean cancelled() {
            return false;
        }

        /** No progress reporting, never cancelled. */
        Progress NONE = (done, total) -> { };
    }

    /**
     * What an export did.
     *
     * @param exported  readings written (0 when cancelled)
     * @param selected  readings the request selected when the export started
     * @param scanned   journal offsets scanned
     * @param cancelled true when {@link Progress#cancelled()} stopped it; nothing was left at the target
     * @param target    the file or folder written
     */
    public record Result(long exported, long selected, long scanned, boolean cancelled, Path target) {
    }

    /** Offsets holding selected readings: [first, last] and how many. */
    private record Span(long first, long last, long count, long scanned) {
    }

    /**
     * Scans the journal for the request's readings.
     *
     * @return [first offset, last offset + 1) holding selected readings, and their count
     */
    private static Span scan(ReadingJournal journal, ExportRequest request, Progress progress) {
        long end = journal.endOffset();
        long[] s = {Long.MAX_VALUE, -1, 0};
        long start = journal.startOffset();
        for (long o = start; o < end && !progress.cancelled(); o += STEP) {
            long from = Math.max(o, journal.startOffset());
            long to = Math.min(end, o + STEP);
            if (from >= to) {
                continue;
            }
            journal.read(from, to, (offset, tag, t, v) -> {
                if (request.selects(tag, t)) {
                    if (offset < s[0]) {
                        s[0] = offset;
                    }
                    s[1] = offset;
                    s[2]++;
                }
            });
        }
        return new Span(s[0], s[1], s[2], end - start);
    }

    /**
     * Counts the readings a request selects (the scan of {@link #toCsv} and {@link #toParquet}).
     *
     * @return readings selected among the offsets below the current end
     */
    public static long count(ReadingJournal journal, ExportRequest request) {
        return scan(journal, request, Progress.NONE).count();
    }

    /**
     * Writes the selected readings as long CSV ({@link ExportRequest#target()} is replaced).
     *
     * @throws IOException when the file cannot be written (nothing is left at the target)
     */
    public static Result toCsv(ReadingJournal journal, ExportRequest request, Progress progress) throws IOException {
        Path target = request.target().toAbsolutePath();
        Span span = scan(journal, request, progress);
        progress.update(0, span.count());
        if (progress.cancelled()) {
            return new Result(0, span.count(), span.scanned(), true, target);
        }
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling("." + target.getFileName() + ".part");
        long[] done = {0};
        boolean cancelled = false;
        try (BufferedWriter out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
            out.write("timestamp,device,sensor,value,unit\n");
            StringBuilder line = new StringBuilder(96);
            long[] lastTime = {Long.MIN_VALUE};
            String[] lastText = {null};
            for (long o = span.first(); o <= span.last(); o += STEP) {
                if (progress.cancelled()) {
                    cancelled = true;
                    break;
                }
                long from = Math.max(o, journal.startOffset());
                long to = Math.min(span.last() + 1, o + STEP);
                if (from >= to) {
                    continue;
                }
                journal.readWithUnits(from, to, (offset, tag, t, v, unit) -> {
                    if (!request.selects(tag, t)) {
                        return;
                    }
                    if (t != lastTime[0]) {
                        lastTime[0] = t;
                        lastText[0] = Instant.ofEpochMilli(t).toString();
                    }
                    line.setLength(0);
                    line.append(lastText[0]).append(',').append(tag, 0, tag.indexOf('/')).append(',')
                            .append(tag, tag.indexOf('/') + 1, tag.length()).append(',').append(v).append(',')
                            .append(csvUnit(unit)).append('\n');
                    try {
                        out.append(line);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    done[0]++;
                });
                progress.update(done[0], span.count());
            }
        } catch (UncheckedIOException e) {
            Files.deleteIfExists(part);
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        if (cancelled) {
            Files.deleteIfExists(part);
            LOG.info("export to {} cancelled after {} of {} readings", target, done[0], span.count());
            return new Result(0, span.count(), span.scanned(), true, target);
        }
        move(part, target);
        LOG.info("exported {} readings ({} offsets scanned) to {}", done[0], span.scanned(), target);
        return new Result(done[0], span.count(), span.scanned(), false, target);
    }

    private static String csvUnit(String unit) {
        return unit.indexOf(',') < 0 && unit.indexOf('\n') < 0 && unit.indexOf('\r') < 0 ? unit
                : unit.replace(',', ';').replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * Writes the selected readings as partitioned Parquet with Spark. The target folder must not
     * exist or be empty.
     *
     * @param spark a running session (the console's, or {@link SparkSessions#local})
     * @throws IOException              when the folder cannot be written (nothing is left at the target)
     * @throws IllegalArgumentException when the target exists and is not an empty folder
     */
    public static Result toParquet(SparkSession spark, ReadingJournal journal, ExportRequest request, Progress progress)
            throws IOException {
        Path target = request.target().toAbsolutePath();
        if (Files.exists(target) && !(Files.isDirectory(target) && isEmpty(target))) {
            throw new IllegalArgumentException(target + " already exists; export Parquet to a new or empty folder");
        }
        Span span = scan(journal, request, progress);
        progress.update(0, span.count());
        if (progress.cancelled()) {
            return new Result(0, span.count(), span.scanned(), true, target);
        }
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling("." + target.getFileName() + ".part");
        deleteRecursively(part);
        long done = 0;
        boolean cancelled = false;
        try {
            List<Row> rows = new ArrayList<>(CHUNK);
            long[] lastDay = {Long.MIN_VALUE};
            LocalDate[] lastDate = {null};
            for (long o = span.first(); o <= span.last(); o += STEP) {
                if (progress.cancelled()) {
                    cancelled = true;
                    break;
                }
                long from = Math.max(o, journal.startOffset());
                long to = Math.min(span.last() + 1, o + STEP);
                if (from < to) {
                    journal.readWithUnits(from, to, (offset, tag, t, v, unit) -> {
                        if (!request.selects(tag, t)) {
                            return;
                        }
                        long day = Math.floorDiv(t, 86_400_000L);
                        if (day != lastDay[0]) {
                            lastDay[0] = day;
                            lastDate[0] = LocalDate.ofEpochDay(day);
                        }
                        rows.add(RowFactory.create(Instant.ofEpochMilli(t), TagId.sensor(tag), tag, v, unit, offset,
                                lastDate[0], TagId.device(tag)));
                    });
                }
                if (rows.size() >= CHUNK || o + STEP > span.last()) {
                    if (!rows.isEmpty()) {
                        write(spark, rows, part);
                        done += rows.size();
                        rows.clear();
                    }
                    progress.update(done, span.count());
                }
            }
            if (!cancelled && !rows.isEmpty()) {
                write(spark, rows, part);
                done += rows.size();
                progress.update(done, span.count());
            }
        } catch (RuntimeException e) {
            deleteRecursively(part);
            throw new IOException("Parquet export to " + target + " failed: " + e.getMessage(), e);
        }
        if (cancelled) {
            deleteRecursively(part);
            LOG.info("Parquet export to {} cancelled after {} of {} readings", target, done, span.count());
            return new Result(0, span.count(), span.scanned(), true, target);
        }
        if (done == 0) {
            Files.createDirectories(part);
        }
        if (Files.isDirectory(target)) {
            Files.delete(target);
        }
        move(part, target);
        LOG.info("exported {} readings ({} offsets scanned) as Parquet to {}", done, span.scanned(), target);
        return new Result(done, span.count(), span.scanned(), false, target);
    }

    /**
     * {@link #toParquet(SparkSession, ReadingJournal, ExportRequest, Progress)} on the embedded local
     * session ({@link SparkSessions#local}): the running one (the console's), or a new one.
     *
     * @param stopAfter stop the session when done (the command line); false for the console's session
     * @throws IOException              as the other {@code toParquet}
     * @throws IllegalArgumentException as the other {@code toParquet}
     */
    public static Result toParquet(String master, io.plantwatch.domain.StreamingSettings settings, Path dataDir,
            boolean stopAfter, ReadingJournal journal, ExportRequest request, Progress progress) throws IOException {
        SparkSession spark = SparkSessions.local(master, settings, dataDir);
        try {
            return toParquet(spark, journal, request, progress);
        } finally {
            if (stopAfter) {
                spark.stop();
            }
        }
    }

    private static void write(SparkSession spark, List<Row> rows, Path dir) {
        spark.createDataFrame(rows, SCHEMA)
                .write()
                .mode(SaveMode.Append)
                .option("compression", "snappy")
                .partitionBy("date", "device")
                .parquet(dir.toString());
    }

    /** The UTC date folder name of an event time, {@code date=YYYY-MM-DD}. */
    public static String dateFolder(long eventTimeMillis) {
        return "date=" + Instant.ofEpochMilli(eventTimeMillis).atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
