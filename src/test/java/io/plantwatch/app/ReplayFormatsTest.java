package io.plantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantwatch.domain.ExportRequest;
import io.plantwatch.ingest.replay.Recording;
import io.plantwatch.journal.MemoryJournal;
import io.plantwatch.streaming.JournalExport;
import io.plantwatch.streaming.SharedSpark;
import io.plantwatch.testsupport.TestPaths;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code plantwatch replay} from SKAB's wide CSV with {@code --mapping} and from a Parquet export:
 * the full pipeline gives the same report as the bundled long CSV of the same experiment
 * (9,184 readings, 121 windows × 8 tags, 3 alarms; see ReplayCommandTest).
 */
@Timeout(600)
class ReplayFormatsTest {

    @TempDir
    Path dir;

    private JsonNode replay(String name, String... extra) throws Exception {
        Path report = dir.resolve(name + ".json");
        String[] base = {"--speed", "max", "--report", report.toString(), "--config",
            TestPaths.sample("demo-site.yaml").toString(), "--data-dir", dir.resolve("data-" + name).toString()};
        String[] args = new String[extra.length + base.length];
        System.arraycopy(extra, 0, args, 0, extra.length);
        System.arraycopy(base, 0, args, extra.length, base.length);
        assertThat(new CommandLine(new ReplayCommand()).execute(args)).isZero();
        return new ObjectMapper().readTree(report.toFile());
    }

    private static void assertSameAsBundled(JsonNode r) {
        assertThat(r.get("readingsIn").asLong()).isEqualTo(9184);
        assertThat(r.get("readingsRejected").asLong()).isZero();
        assertThat(r.get("windowsEmitted").asLong()).isEqualTo(121 * 8);
        assertThat(r.get("alarmsRaised").asLong()).isEqualTo(3);
        assertThat(r.get("firstEventTime").asText()).isEqualTo("2020-03-09T13:14:38Z");
        assertThat(r.get("lastEventTime").asText()).isEqualTo("2020-03-09T13:34:38Z");
    }

    @Test
    void skabWideCsvWithMappingReplaysLikeItsLongConversion() throws Exception {
        Path wide = dir.resolve("9.csv");
        try (InputStream in = ReplayFormatsTest.class.getResourceAsStream("/skab/valve1-9.csv")) {
            Files.copy(in, wide);
        }
        assertSameAsBundled(replay("wide", wide.toString(), "--mapping", TestPaths.sample("skab.mapping.yaml").toString()));
    }

    @Test
    void parquetExportReplaysLikeTheCsvItCameFrom() throws Exception {
        MemoryJournal j = new MemoryJournal();
        Recording.load(TestPaths.sample("skab-valve1-09.csv")).readings().forEach(j::append);
        Path pq = dir.resolve("skab-parquet");
        JournalExport.toParquet(SharedSpark.session(), j, new ExportRequest(ExportRequest.Format.PARQUET, pq, null, null,
                Set.of()), JournalExport.Progress.NONE);
        assertSameAsBundled(replay("parquet", pq.toString()));
    }
}
