package io.plantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.domain.JournalSettings;
import io.plantwatch.domain.Reading;
import io.plantwatch.ingest.replay.Recording;
import io.plantwatch.journal.SegmentJournal;
import io.plantwatch.streaming.ParquetRecordings;
import io.plantwatch.streaming.SharedSpark;
import io.plantwatch.testsupport.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code plantwatch export} on a durable journal: CSV and Parquet, filters, a journal in use, no journal. */
@Timeout(300)
class ExportCommandTest {

    @TempDir
    Path dir;

    private Path dataDir;
    private List<Reading> readings;

    /** A data directory whose journal holds the bundled SKAB recording (as a stopped live console leaves it). */
    @BeforeEach
    void journal() throws IOException {
        dataDir = dir.resolve("data");
        readings = Recording.load(TestPaths.sample("skab-valve1-09.csv")).readings();
        try (SegmentJournal j = SegmentJournal.open(dataDir.resolve("journal"), JournalSettings.defaults())) {
            readings.forEach(j::append);
        }
    }

    private static ExportCommand parse(String... args) {
        ExportCommand cmd = new ExportCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd;
    }

    @Test
    void csvExportOfARangeAndADeviceReplaysToTheSameReadings() throws Exception {
        Path csv = dir.resolve("out.csv");
        int exit = new CommandLine(new ExportCommand()).execute("--data-dir", dataDir.toString(),
                "--from", "2020-03-09T13:20:00Z", "--to", "2020-03-09T13:25:00Z", "--devices", "P-101", "--csv", csv.toString());

        assertThat(exit).isZero();
        long from = Instant.parse("2020-03-09T13:20:00Z").toEpochMilli();
        long to = Instant.parse("2020-03-09T13:25:00Z").toEpochMilli();
        List<Reading> want = readings.stream().filter(r -> r.eventTimeMillis() >= from && r.eventTimeMillis() < to).toList();
        assertThat(want).hasSizeGreaterThan(2000).hasSizeLessThan(readings.size() / 3);
        assertThat(Recording.load(csv).readings()).containsExactlyElementsOf(want);

        // another device: nothing
        Path none = dir.resolve("none.csv");
        assertThat(new CommandLine(new ExportCommand()).execute("--data-dir", dataDir.toString(), "--devices", "P-102",
                "--csv", none.toString())).isZero();
        assertThat(Files.readAllLines(none)).containsExactly("timestamp,device,sensor,value,unit");
    }

    @Test
    void parquetExportIsPartitionedAndReadsBackExactly() throws Exception {
        Path out = dir.resolve("pq");
        int exit = new CommandLine(new ExportCommand()).execute("--data-dir", dataDir.toString(), "--parquet", out.toString());

        assertThat(exit).isZero();
        assertThat(out.resolve("date=2020-03-09/device=P-101")).isDirectory();
        assertThat(Recording.load(out, null, new ParquetRecordings(SharedSpark::session)).readings())
                .containsExactlyElementsOf(readings);
    }

    @Test
    void journalInUseIsRefusedWithWhatToDo() throws IOException {
        try (SegmentJournal running = SegmentJournal.open(dataDir.resolve("journal"), JournalSettings.defaults())) {
            assertThat(running.endOffset()).isEqualTo(readings.size());
            assertThatThrownBy(() -> parse("--data-dir", dataDir.toString(), "--csv", dir.resolve("x.csv").toString()).call())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("is already open")
                    .hasMessageContaining("Export… dialog");
        }
        assertThat(dir.resolve("x.csv")).doesNotExist();
    }

    @Test
    void badOptionsAreRefusedClearly() {
        assertThatThrownBy(() -> parse("--data-dir", dir.resolve("nothing").toString(), "--csv", "x.csv").call())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no journal in");
        assertThatThrownBy(() -> parse("--data-dir", dataDir.toString(), "--from", "yesterday", "--csv", "x.csv").call())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--from 'yesterday'");
        assertThatThrownBy(() -> parse("--data-dir", dataDir.toString(), "--devices", "P 1", "--csv", "x.csv").call())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("device id 'P 1'");
        assertThat(new CommandLine(new ExportCommand()).execute("--data-dir", dataDir.toString())).isEqualTo(2);
        assertThat(new CommandLine(new ExportCommand()).execute("--data-dir", dataDir.toString(), "--csv", "a.csv",
                "--parquet", "b")).isEqualTo(2);
    }
}
