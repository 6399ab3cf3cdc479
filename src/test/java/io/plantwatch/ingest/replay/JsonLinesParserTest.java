package io.plantwatch.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.domain.Reading;
import io.plantwatch.testsupport.CollectingSink;
import io.plantwatch.testsupport.TestPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON lines recordings, and how {@link Recording#load} picks the format. */
class JsonLinesParserTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void goodLinesBecomeReadingsAndBadLinesAreRejectedWithLineAndReason() throws IOException {
        Path f = write("r.jsonl", """
                {"timestamp":"2020-03-09T13:14:38Z","device":"P-101","sensor":"flow","value":32.0,"unit":"L/min"}
                {"timestamp":1583759679000,"device":"P-101","sensor":"flow","value":-1.5e-3,"extra":true}

                {"timestamp":"2020-03-09T13:14:40Z","device":"P-101","sensor":"flow","value":"32"}
                not json
                [1,2]
                {"timestamp":"09.03.2020","device":"P-101","sensor":"flow","value":1}
                {"timestamp":"2020-03-09T13:14:40Z","device":"P 101","sensor":"flow","value":1}
                {"timestamp":"2020-03-09T13:14:40Z","sensor":"flow","value":1}
                {"timestamp":"2020-03-09T13:14:40Z","device":"P-101","sensor":"flow","value":1,"unit":5}
                """);
        CollectingSink sink = new CollectingSink();
        long lines = new JsonLinesParser().parse(f, sink);

        long t0 = Instant.parse("2020-03-09T13:14:38Z").toEpochMilli();
        assertThat(lines).isEqualTo(9);
        assertThat(sink.accepted).containsExactly(new Reading("P-101/flow", t0, 32.0, "L/min"),
                new Reading("P-101/flow", t0 + 1000, -1.5e-3, ""));
        assertThat(sink.rejected).extracting(r -> r.position() + ": " + r.reason()).containsExactly(
                "4: field 'value' must be a number, was \"32\"",
                "5: not JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                "6: expected a JSON object {\"timestamp\":…,\"device\":…,\"sensor\":…,\"value\":…}",
                "7: timestamp '09.03.2020' is not an ISO-8601 instant (2020-03-09T13:14:38Z)",
                "8: device id 'P 101' must be 1-64 characters of letters, digits, '-', '_' or '.'",
                "9: field 'device' must be a string, was missing",
                "10: field 'unit' must be a string, was 5");
        assertThat(sink.rejected.get(2).raw()).isEqualTo("[1,2]");
    }

    @Test
    void loadPicksTheParserByExtensionAndContent() throws IOException {
        Path jsonl = write("a.jsonl", "{\"timestamp\":1,\"device\":\"D\",\"sensor\":\"s\",\"value\":2}\n");
        Path noExt = write("b.txt", "{\"timestamp\":1,\"device\":\"D\",\"sensor\":\"s\",\"value\":2}\n");
        Path longCsv = write("c.dat", "\uFEFFtimestamp,device,sensor,value,unit\n1,D,s,2,\n");
        Path parquetMagic = dir.resolve("d.bin");
        Files.write(parquetMagic, "PAR1xxxx".getBytes(StandardCharsets.US_ASCII));

        assertThat(RecordingFormat.detect(jsonl)).isEqualTo(RecordingFormat.JSON_LINES);
        assertThat(RecordingFormat.detect(noExt)).isEqualTo(RecordingFormat.JSON_LINES);
        assertThat(RecordingFormat.detect(longCsv)).isEqualTo(RecordingFormat.LONG_CSV);
        assertThat(RecordingFormat.detect(parquetMagic)).isEqualTo(RecordingFormat.PARQUET);
        assertThat(RecordingFormat.detect(dir)).isEqualTo(RecordingFormat.PARQUET);
        assertThat(Recording.load(jsonl).readings()).containsExactly(new Reading("D/s", 1, 2, ""));
        assertThat(Recording.load(noExt).readings()).containsExactly(new Reading("D/s", 1, 2, ""));
        assertThat(Recording.load(longCsv).readings()).containsExactly(new Reading("D/s", 1, 2, ""));
        assertThatThrownBy(() -> Recording.load(parquetMagic))
                .isInstanceOf(RecordingFormatException.class).hasMessageContaining("d.bin is Parquet");
    }

    @Test
    void theBundledRecordingAsJsonLinesGivesTheSameReadings() throws IOException {
        Recording csv = Recording.load(TestPaths.sample("skab-valve1-09.csv"));
        StringBuilder sb = new StringBuilder();
        for (Reading r : csv.readings()) {
            int slash = r.tag().indexOf('/');
            sb.append("{\"timestamp\":\"").append(Instant.ofEpochMilli(r.eventTimeMillis())).append("\",\"device\":\"")
                    .append(r.tag(), 0, slash).append("\",\"sensor\":\"").append(r.tag().substring(slash + 1))
                    .append("\",\"value\":").append(r.value()).append(",\"unit\":\"").append(r.unit()).append("\"}\n");
        }
        Path f = write("skab.jsonl", sb.toString());
        Recording json = Recording.load(f);
        assertThat(json.rejected()).isEmpty();
        assertThat(json.readings()).containsExactlyElementsOf(csv.readings());
    }
}
