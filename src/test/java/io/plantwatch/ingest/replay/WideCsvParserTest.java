package io.plantwatch.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.domain.CsvPreview;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.WideCsvMapping;
import io.plantwatch.testsupport.CollectingSink;
import io.plantwatch.testsupport.TestPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wide CSV through a mapping, on SKAB's real rig file and on small hand-made files. */
class WideCsvParserTest {

    @TempDir
    Path dir;

    /** SKAB data/valve1/9.csv, unchanged (test resource with its licence note). */
    private Path skabCopy(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = WideCsvParserTest.class.getResourceAsStream("/skab/valve1-9.csv")) {
            Files.copy(in, file);
        }
        return file;
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void skabFileThroughItsMappingGivesExactlyTheBundledLongConversion() throws IOException {
        Path wide = skabCopy("9.csv");
        CollectingSink sink = new CollectingSink();
        long rows = new WideCsvParser(WideCsvMapping.skab("P-101")).parse(wide, sink);

        Recording bundled = Recording.load(TestPaths.sample("skab-valve1-09.csv"));
        assertThat(rows).isEqualTo(1148);
        assertThat(sink.rejected).isEmpty();
        assertThat(bundled.readings()).hasSize(9184);
        assertThat(sink.accepted).containsExactlyElementsOf(bundled.readings());
    }

    @Test
    void recordingLoadFindsTheMappingFileBesideTheCsv() throws IOException {
        Path wide = skabCopy("9.csv");
        Files.copy(TestPaths.sample("skab.mapping.yaml"), dir.resolve("9.mapping.yaml"));

        Recording r = Recording.load(wide);

        assertThat(r.readings()).containsExactlyElementsOf(Recording.load(TestPaths.sample("skab-valve1-09.csv")).readings());
        assertThat(r.rejected()).isEmpty();
        assertThat(RecordingFormat.detect(wide)).isEqualTo(RecordingFormat.WIDE_CSV);
    }

    @Test
    void wideCsvWithoutMappingIsRefusedWithTheFix() throws IOException {
        Path wide = skabCopy("9.csv");
        assertThatThrownBy(() -> Recording.load(wide))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining("9.csv line 1")
                .hasMessageContaining("9.mapping.yaml")
                .hasMessageContaining("--mapping");
    }

    @Test
    void bundledSkabMappingFileEqualsThePresetAndSurvivesWriteAndLoad() throws IOException {
        WideCsvMapping fromFile = WideCsvMappings.load(TestPaths.sample("skab.mapping.yaml"));
        assertThat(fromFile).isEqualTo(WideCsvMapping.skab("P-101"));

        Path yaml = dir.resolve("m.mapping.yaml");
        WideCsvMappings.write(fromFile, yaml);
        assertThat(WideCsvMappings.load(yaml)).isEqualTo(fromFile);
        Path json = dir.resolve("m.mapping.json");
        WideCsvMapping tabs = new WideCsvMapping('\t', "t", WideCsvMapping.EPOCH_SECONDS, ZoneId.of("Europe/Berlin"), "X-1",
                List.of(new WideCsvMapping.Column("a: b # c", "a", "°C")), List.of("note"));
        WideCsvMappings.write(tabs, json);
        assertThat(WideCsvMappings.load(json)).isEqualTo(tabs);
        WideCsvMappings.write(tabs, yaml);
        assertThat(WideCsvMappings.load(yaml)).isEqualTo(tabs);
    }

    @Test
    void mappingFileErrorsNameTheFileAndLine() throws IOException {
        Path bad = write("x.mapping.yaml", "delimiter: \";\"\ntimestamp: {column: t}\ndevice: P-1\ncolums: []\n");
        assertThatThrownBy(() -> WideCsvMappings.load(bad))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining("x.mapping.yaml line 4")
                .hasMessageContaining("colums");
        Path badSensor = write("y.mapping.yaml", "delimiter: \";\"\ntimestamp: {column: t}\ndevice: P-1\n"
                + "columns: [{name: a, sensor: 'no spaces'}]\n");
        assertThatThrownBy(() -> WideCsvMappings.load(badSensor))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining("y.mapping.yaml")
                .hasMessageContaining("sensor id 'no spaces'");
    }

    @Test
    void badCellsAndRowsAreRejectedWithLineNumbersAndTheRestIsKept() throws IOException {
        Path f = write("w.csv", """
                time;a;b;label
                2020-03-09 13:14:38;1.5;2;0
                2020-03-09 13:14:39;x;3;0

                2020-03-09 13:14:40;4
                yesterday;5;6;0
                "2020-03-09 13:14:41";;NaN;1
                """);
        WideCsvMapping m = new WideCsvMapping(';', "time", "yyyy-MM-dd HH:mm:ss", ZoneId.of("UTC"), "D-1",
                List.of(new WideCsvMapping.Column("a", "sa", "bar"), new WideCsvMapping.Column("b", "sb", "")),
                List.of("label"));
        CollectingSink sink = new CollectingSink();
        new WideCsvParser(m).parse(f, sink);

        long t0 = Instant.parse("2020-03-09T13:14:38Z").toEpochMilli();
        assertThat(sink.accepted).containsExactly(
                new Reading("D-1/sa", t0, 1.5, "bar"),
                new Reading("D-1/sb", t0, 2, ""),
                new Reading("D-1/sb", t0 + 1000, 3, ""));
        assertThat(sink.rejected).extracting(r -> r.position() + ": " + r.reason()).containsExactly(
                "3: column 'a': value 'x' is not a number",
                "5: expected 4 ';'-separated fields as in the header, found 2",
                "6: timestamp 'yesterday' does not match the format 'yyyy-MM-dd HH:mm:ss'",
                "7: column 'b': value 'NaN' is not finite");
    }

    @Test
    void headerThatDoesNotFitTheMappingIsRefused() throws IOException {
        Path f = write("w.csv", "time,a,b,extra\n1583759678000,1,2,3\n");
        WideCsvMapping m = new WideCsvMapping(',', "time", WideCsvMapping.EPOCH_MILLIS, null, "D-1",
                List.of(new WideCsvMapping.Column("a", "sa", ""), new WideCsvMapping.Column("b", "sb", "")), List.of());
        assertThatThrownBy(() -> new WideCsvParser(m).parse(f, new CollectingSink()))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining("[extra] are neither mapped nor skipped");
        WideCsvMapping missing = new WideCsvMapping(',', "time", WideCsvMapping.EPOCH_MILLIS, null, "D-1",
                List.of(new WideCsvMapping.Column("c", "sc", "")), List.of("a", "b", "extra"));
        assertThatThrownBy(() -> new WideCsvParser(missing).parse(f, new CollectingSink()))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining("[c] that the header does not have");
    }

    @Test
    void timestampFormatsAndZones() throws IOException {
        Path f = write("w.csv", "t,v\n2020-03-09T14:14:38,1\n2020-03-09 14:14:39,2\n2020-03-09T13:14:40Z,3\n");
        WideCsvMapping iso = new WideCsvMapping(',', "t", WideCsvMapping.ISO, ZoneId.of("Europe/Berlin"), "D",
                List.of(new WideCsvMapping.Column("v", "v", "")), List.of());
        CollectingSink sink = new CollectingSink();
        new WideCsvParser(iso).parse(f, sink);
        long t0 = Instant.parse("2020-03-09T13:14:38Z").toEpochMilli();
        assertThat(sink.accepted).extracting(Reading::eventTimeMillis).containsExactly(t0, t0 + 1000, t0 + 2000);

        Path s = write("s.csv", "t\tv\n1583759678.25\t1\n");
        CollectingSink secs = new CollectingSink();
        new WideCsvParser(new WideCsvMapping('\t', "t", WideCsvMapping.EPOCH_SECONDS, null, "D",
                List.of(new WideCsvMapping.Column("v", "v", "")), List.of())).parse(s, secs);
        assertThat(secs.accepted).extracting(Reading::eventTimeMillis).containsExactly(t0 + 250);
    }

    @Test
    void quotedFieldsMayHoldTheDelimiterAndQuotes() {
        assertThat(WideCsvParser.split("a;\"b;c\";\"say \"\"hi\"\"\";", ';')).containsExactly("a", "b;c", "say \"hi\"", "");
    }

    @Test
    void guessRecognisesSkabAndOtherwiseMapsEveryColumn() throws IOException {
        Path wide = skabCopy("9.csv");
        CsvPreview raw = WideCsvMappings.preview(wide, ';', null, 3);
        assertThat(WideCsvMappings.sniffDelimiter(String.join(";", raw.header()))).isEqualTo(';');
        assertThat(WideCsvMappings.guess(raw.header(), ';', "P-101", raw.rows().get(0).get(0)))
                .isEqualTo(WideCsvMapping.skab("P-101"));

        WideCsvMapping g = WideCsvMappings.guess(List.of("id", "Time stamp", "Flow (L/min)", "flow_l_min"), ',', "D", "1583759678000");
        assertThat(g.timestampColumn()).isEqualTo("Time stamp");
        assertThat(g.timestampFormat()).isEqualTo(WideCsvMapping.EPOCH_MILLIS);
        assertThat(g.columns()).extracting(WideCsvMapping.Column::sensor).containsExactly("id", "flow_l_min", "flow_l_min_2");
    }

    @Test
    void previewShowsRawRowsAndWhatTheMappingMakesOfThem() throws IOException {
        Path wide = skabCopy("9.csv");
        CsvPreview p = WideCsvMappings.preview(wide, ';', WideCsvMapping.skab("P-101"), 2);
        assertThat(p.header()).hasSize(11).startsWith("datetime", "Accelerometer1RMS");
        assertThat(p.rows()).hasSize(2);
        assertThat(p.readings()).hasSize(16);
        assertThat(p.problem()).isEmpty();

        CsvPreview wrong = WideCsvMappings.preview(wide, ',', WideCsvMapping.skab("P-101").withDelimiter(','), 2);
        assertThat(wrong.header()).hasSize(1);
        assertThat(wrong.readings()).isEmpty();
        assertThat(wrong.problem()).contains("that the header does not have");
    }
}
