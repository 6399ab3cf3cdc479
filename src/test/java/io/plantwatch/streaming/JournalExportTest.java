package io.plantwatch.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.domain.ExportRequest;
import io.plantwatch.domain.Reading;
import io.plantwatch.ingest.replay.Recording;
import io.plantwatch.journal.MemoryJournal;
import io.plantwatch.testsupport.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journal → Parquet (read back with Spark and with {@link ParquetRecordings}) and journal → long
 * CSV (read back by the replay parser): the same readings, exact values, event times and units;
 * partition folders; range and device filters; cancel.
 */
@Timeout(300)
class JournalExportTest {

    private static final long T0 = Instant.parse("2020-03-09T23:59:58Z").toEpochMilli();

    @TempDir
    Path dir;

    private final MemoryJournal journal = new MemoryJournal();
    private final List<Reading> appended = new ArrayList<>();

    /** Two devices across midnight UTC, event time stepping back, awkward values and units. */
    @BeforeEach
    void fill() {
        double[] values = {0.1 + 0.2, -0.0, 1e-300, 123456789.123456789, -42, Double.MIN_VALUE, 7.5};
        String[] units = {"degC", "", "L/min", "µS/cm", "bar", "g", "%"};
        for (int i = 0; i < 40; i++) {
            long t = T0 + (i % 10 == 9 ? -5_000 : i * 250L); // every tenth reading is late
            String tag = (i % 2 == 0 ? "P-101" : "101") + "/s" + (i % 3);
            append(new Reading(tag, t, values[i % values.length] + (i / 7), units[i % units.length]));
        }
    }

    private void append(Reading r) {
        journal.append(r);
        appended.add(r);
    }

    private static SparkSession spark() {
        return SharedSpark.session();
    }

    @Test
    void parquetRoundTripKeepsEveryReadingExactlyInPartitionFolders() throws IOException {
        Path out = dir.resolve("export");
        List<long[]> progress = new ArrayList<>();
        JournalExport.Result r = JournalExport.toParquet(spark(), journal,
                new ExportRequest(ExportRequest.Format.PARQUET, out, null, null, Set.of()),
                (done, total) -> progress.add(new long[] {done, total}));

        assertThat(r.exported()).isEqualTo(40);
        assertThat(r.cancelled()).isFalse();
        assertThat(progress.get(0)).containsExactly(0, 40);
        assertThat(progress.get(progress.size() - 1)).containsExactly(40, 40);
        assertThat(out.resolve("date=2020-03-09/device=P-101")).isDirectory();
        assertThat(out.resolve("date=2020-03-10/device=P-101")).isDirectory();
        assertThat(out.resolve("date=2020-03-09/device=101")).isDirectory();
        assertThat(out.resolve("date=2020-03-10/device=101")).isDirectory();
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")).toList())
                    .isNotEmpty().allMatch(n -> n.endsWith(".snappy.parquet"));
        }
        assertThat(dir.resolve(".export.part")).doesNotExist();

        // read back with Spark, the export's schema given
        List<Row> rows = spark().read().schema(JournalExport.SCHEMA).parquet(out.toString()).orderBy("offset").collectAsList();
        assertThat(rows).hasSize(40);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Reading want = appended.get(i);
            assertThat(row.<Long>getAs("offset")).isEqualTo(i);
            assertThat(row.<Instant>getAs("event_time").toEpochMilli()).isEqualTo(want.eventTimeMillis());
            assertThat(row.<String>getAs("tag")).isEqualTo(want.tag());
            assertThat(row.<String>getAs("device") + "/" + row.<String>getAs("sensor")).isEqualTo(want.tag());
            assertThat(Double.doubleToRawLongBits(row.<Double>getAs("value"))).isEqualTo(Double.doubleToRawLongBits(want.value()));
            assertThat(row.<String>getAs("unit")).isEqualTo(want.unit());
            assertThat(row.getAs("date").toString()).isEqualTo(
                    Instant.ofEpochMilli(want.eventTimeMillis()).toString().substring(0, 10));
        }

        // and as a replay input: same readings in journal order
        Recording rec = Recording.load(out, null, new ParquetRecordings(JournalExportTest::spark));
        assertThat(rec.rejected()).isEmpty();
        assertThat(rec.readings()).containsExactlyElementsOf(appended);
    }

    @Test
    void csvRoundTripThroughTheReplayParserGivesTheSameReadings() throws IOException {
        Path out = dir.resolve("sub/export.csv");
        JournalExport.Result r = JournalExport.toCsv(journal,
                new ExportRequest(ExportRequest.Format.CSV, out, null, null, Set.of()), JournalExport.Progress.NONE);

        assertThat(r.exported()).isEqualTo(40);
        assertThat(Files.readAllLines(out).get(0)).isEqualTo("timestamp,device,sensor,value,unit");
        Recording rec = Recording.load(out);
        assertThat(rec.rejected()).isEmpty();
        assertThat(rec.readings()).containsExactlyElementsOf(appended);
    }

    @Test
    void bundledRecordingSurvivesCsvAndParquetExport() throws IOException {
        MemoryJournal j = new MemoryJournal();
        Recording src = Recording.load(TestPaths.sample("skab-valve1-09.csv"));
        src.readings().forEach(j::append);
        Path csv = dir.resolve("skab.csv");
        Path pq = dir.resolve("skab");
        JournalExport.toCsv(j, new ExportRequest(ExportRequest.Format.CSV, csv, null, null, Set.of()), JournalExport.Progress.NONE);
        JournalExport.toParquet(spark(), j, new ExportRequest(ExportRequest.Format.PARQUET, pq, null, null, Set.of()),
                JournalExport.Progress.NONE);
        assertThat(Files.readString(csv)).isEqualTo(Files.readString(TestPaths.sample("skab-valve1-09.csv")));
        assertThat(Recording.load(pq, null, new ParquetRecordings(JournalExportTest::spark)).readings())
                .containsExactlyElementsOf(src.readings());
    }

    @Test
    void rangeAndDeviceFiltersSelectByEventTimeNotByOffset() throws IOException {
        Instant from = Instant.ofEpochMilli(T0 + 500);
        Instant to = Instant.ofEpochMilli(T0 + 5_000);
        ExportRequest req = new ExportRequest(ExportRequest.Format.CSV, dir.resolve("r.csv"), from, to, Set.of("P-101"));
        List<Reading> want = appended.stream().filter(x -> x.tag().startsWith("P-101/")
                && x.eventTimeMillis() >= from.toEpochMilli() && x.eventTimeMillis() < to.toEpochMilli()).toList();
        assertThat(want).hasSizeBetween(5, 30);

        assertThat(JournalExport.count(journal, req)).isEqualTo(want.size());
        JournalExport.toCsv(journal, req, JournalExport.Progress.NONE);
        assertThat(Recording.load(req.target()).readings()).containsExactlyElementsOf(want);

        ExportRequest pq = new ExportRequest(ExportRequest.Format.PARQUET, dir.resolve("r"), from, to, Set.of("P-101"));
        JournalExport.Result r = JournalExport.toParquet(spark(), journal, pq, JournalExport.Progress.NONE);
        assertThat(r.exported()).isEqualTo(want.size());
        assertThat(dir.resolve("r/date=2020-03-10/device=P-101")).isDirectory();
        assertThat(dir.resolve("r/date=2020-03-10/device=101")).doesNotExist();
        assertThat(Recording.load(pq.target(), null, new ParquetRecordings(JournalExportTest::spark)).readings())
                .containsExactlyElementsOf(want);

        // late readings before the range, only at the end of the journal, are found too
        Instant lateFrom = Instant.ofEpochMilli(T0 - 5_000);
        ExportRequest late = new ExportRequest(ExportRequest.Format.CSV, dir.resolve("late.csv"), lateFrom,
                lateFrom.plusMillis(1), Set.of());
        JournalExport.toCsv(journal, late, JournalExport.Progress.NONE);
        assertThat(Recording.load(late.target()).readings()).hasSize(4)
                .allMatch(x -> x.eventTimeMillis() == lateFrom.toEpochMilli());
    }

    @Test
    void emptySelectionWritesAnEmptyExport() throws IOException {
        ExportRequest none = new ExportRequest(ExportRequest.Format.PARQUET, dir.resolve("none"), null, null, Set.of("X-9"));
        assertThat(JournalExport.toParquet(spark(), journal, none, JournalExport.Progress.NONE).exported()).isZero();
        assertThat(dir.resolve("none")).isEmptyDirectory();
        assertThat(Recording.load(dir.resolve("none"), null, new ParquetRecordings(JournalExportTest::spark)).readings()).isEmpty();
    }

    @Test
    void cancelLeavesNothingAtTheTarget() throws IOException {
        MemoryJournal big = new MemoryJournal();
        for (int i = 0; i < 300_000; i++) {
            big.append(new Reading("P-1/s", T0 + i, i, "bar"));
        }
        AtomicInteger updates = new AtomicInteger();
        JournalExport.Progress cancelAfterFirstStep = new JournalExport.Progress() {
            @Override
            public void update(long done, long total) {
                updates.incrementAndGet();
            }

            @Override
            public boolean cancelled() {
                return updates.get() >= 2;
            }
        };
        Path csv = dir.resolve("c.csv");
        JournalExport.Result r = JournalExport.toCsv(big, new ExportRequest(ExportRequest.Format.CSV, csv, null, null, Set.of()),
                cancelAfterFirstStep);
        assertThat(r.cancelled()).isTrue();
        assertThat(r.exported()).isZero();
        assertThat(r.selected()).isEqualTo(300_000);
        assertThat(csv).doesNotExist();
        assertThat(dir.resolve(".c.csv.part")).doesNotExist();

        updates.set(0);
        Path pq = dir.resolve("p");
        JournalExport.Result rp = JournalExport.toParquet(spark(), big,
                new ExportRequest(ExportRequest.Format.PARQUET, pq, null, null, Set.of()), cancelAfterFirstStep);
        assertThat(rp.cancelled()).isTrue();
        assertThat(pq).doesNotExist();
        assertThat(dir.resolve(".p.part")).doesNotExist();
    }

    @Test
    void parquetTargetThatHoldsFilesIsRefused() throws IOException {
        Path out = Files.createDirectories(dir.resolve("used"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> JournalExport.toParquet(spark(), journal,
                new ExportRequest(ExportRequest.Format.PARQUET, out, null, null, Set.of()), JournalExport.Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("new or empty folder");
        assertThat(out.resolve("keep.txt")).hasContent("mine");
    }
}
