package io.plantwatch.ingest.replay;

import io.plantwatch.testsupport.CollectingSink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordingParserTest {

    private static final String HEADER = "timestamp,device,sensor,value,unit";
    /** 2020-03-09T13:14:38Z. */
    private static final long T0 = 1_583_759_678_000L;

    @TempDir
    Path dir;


    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private CollectingSink parse(String content) throws IOException {
        CollectingSink sink = new CollectingSink();
        new RecordingParser().parse(write("rec.csv", content), sink);
        return sink;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # line                                              | tag               | eventTimeMillis | value    | unit
            2020-03-09T13:14:38Z,P-101,flow,32.5,L/min          | P-101/flow        | 1583759678000   | 32.5     | L/min
            2020-03-09T14:14:38+01:00,P-101,flow,32.5,L/min     | P-101/flow        | 1583759678000   | 32.5     | L/min
            2020-03-09T08:44:38-04:30,P-101,flow,32.5,L/min     | P-101/flow        | 1583759678000   | 32.5     | L/min
            2020-03-09T13:14:38.123Z,P-101,flow,32.5,L/min      | P-101/flow        | 1583759678123   | 32.5     | L/min
            2020-03-09T13:14:38.5Z,P-101,flow,-0.25,bar         | P-101/flow        | 1583759678500   | -0.25    | bar
            1583759678000,P-101,flow,32.5,L/min                 | P-101/flow        | 1583759678000   | 32.5     | L/min
            0,M-301,temperature,1e2,deg                         | M-301/temperature | 0               | 100.0    | deg
            2020-03-09T13:14:38Z,P-101,flow,32.5,               | P-101/flow        | 1583759678000   | 32.5     | ""
            " 2020-03-09T13:14:38Z , P-101 , flow , 7 , A "     | P-101/flow        | 1583759678000   | 7.0      | A
            2020-03-09T13:14:38Z,dev_1.a,s-2_x.y,0,             | dev_1.a/s-2_x.y   | 1583759678000   | 0.0      | ""
            """)
    void goodRowParsesToTheExactReading(String line, String tag, long eventTime, double value, String unit) {
        CollectingSink sink = new CollectingSink();
        new RecordingParser().parseLine("rec.csv", 2, line, sink);

        assertThat(sink.rejected).isEmpty();
        assertThat(sink.accepted).containsExactly(new Reading(tag, eventTime, value, unit));
    }

    @Test
    void crlfLineEndingsParseLikeLf() throws IOException {
        CollectingSink sink = parse(HEADER + "\r\n"
                + "2020-03-09T13:14:38Z,P-101,flow,32.5,L/min\r\n"
                + "2020-03-09T13:14:39Z,P-101,flow,33.0,\r\n");

        assertThat(sink.rejected).isEmpty();
        assertThat(sink.accepted).containsExactly(
                new Reading("P-101/flow", T0, 32.5, "L/min"),
                new Reading("P-101/flow", T0 + 1000, 33.0, ""));
    }

    @Test
    void headerWithBomAndCrlfIsAccepted() throws IOException {
        CollectingSink sink = parse("\uFEFF" + HEADER + "\r\n2020-03-09T13:14:38Z,P-101,flow,1,A\r\n");

        assertThat(sink.accepted).containsExactly(new Reading("P-101/flow", T0, 1, "A"));
    }

    @Test
    void blankLinesAreSkippedButStillCountForLineNumbers() throws IOException {
        CollectingSink sink = new CollectingSink();
        Path file = write("blank.csv", HEADER + "\n"
                + "\n"                                             // line 2
                + "2020-03-09T13:14:38Z,P-101,flow,32.5,L/min\n"   // line 3
                + "   \n"                                          // line 4
                + "\t\n"                                           // line 5
                + "2020-03-09T13:14:39Z,P-101,flow,bad,L/min\n"    // line 6
                + "\n");                                           // line 7

        long dataLines = new RecordingParser().parse(file, sink);

        assertThat(dataLines).isEqualTo(2);
        assertThat(sink.accepted).containsExactly(new Reading("P-101/flow", T0, 32.5, "L/min"));
        assertThat(sink.rejected).singleElement().satisfies(r -> {
            assertThat(r.position()).isEqualTo(6);
            assertThat(r.source()).isEqualTo("blank.csv");
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # bad row                                              | reason must contain
            2020-03-09T13:14:38Z,P-101,flow,32.5                   | expected 5 comma-separated fields
            2020-03-09T13:14:38Z,P-101,flow,32.5,L/min,extra       | found 6
            2020-03-09T13:14:38Z                                   | found 1
            2020-03-09 13:14:38,P-101,flow,32.5,L/min              | timestamp '2020-03-09 13:14:38'
            2020-03-09T13:14:38,P-101,flow,32.5,L/min              | timestamp '2020-03-09T13:14:38' is neither an ISO-8601 instant
            yesterday,P-101,flow,32.5,L/min                        | timestamp 'yesterday'
            ,P-101,flow,32.5,L/min                                 | timestamp ''
            99999999999999999999999,P-101,flow,32.5,L/min          | out of range for epoch milliseconds
            2020-03-09T13:14:38Z,P-101,flow,abc,L/min              | value 'abc' is not a number
            2020-03-09T13:14:38Z,P-101,flow,,L/min                 | value '' is not a number
            2020-03-09T13:14:38Z,P-101,flow,32;5,L/min             | value '32;5' is not a number
            2020-03-09T13:14:38Z,P-101,flow,NaN,L/min              | value 'NaN' is not finite
            2020-03-09T13:14:38Z,P-101,flow,Infinity,L/min         | value 'Infinity' is not finite
            2020-03-09T13:14:38Z,P-101,flow,-Infinity,L/min        | value '-Infinity' is not finite
            2020-03-09T13:14:38Z,P-101,flow,1e999,L/min            | value '1e999' is not finite
            2020-03-09T13:14:38Z,P+101,flow,32.5,L/min             | device id 'P+101'
            2020-03-09T13:14:38Z,P#101,flow,32.5,L/min             | device id 'P#101'
            2020-03-09T13:14:38Z,P 101,flow,32.5,L/min             | device id 'P 101'
            2020-03-09T13:14:38Z,P/101,flow,32.5,L/min             | device id 'P/101'
            2020-03-09T13:14:38Z,,flow,32.5,L/min                  | device id ''
            2020-03-09T13:14:38Z,P-101,,32.5,L/min                 | sensor id ''
            2020-03-09T13:14:38Z,P-101,fl+ow,32.5,L/min            | sensor id 'fl+ow'
            """)
    void malformedRowIsRejectedWithLineAndReason(String row, String reasonFragment) throws IOException {
        Path file = write("bad.csv", HEADER + "\n"
                + "2020-03-09T13:14:38Z,P-101,flow,32.5,L/min\n"
                + row + "\n");
        CollectingSink sink = new CollectingSink();

        new RecordingParser().parse(file, sink);

        assertThat(sink.accepted).hasSize(1);
        assertThat(sink.rejected).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo("bad.csv");
            assertThat(r.position()).isEqualTo(3);
            assertThat(r.reason()).contains(reasonFragment);
            assertThat(r.raw()).isEqualTo(row);
        });
    }

    @Test
    void longRejectedLineIsTruncatedToMaxRawWithEllipsis() {
        String line = "x".repeat(5000);
        CollectingSink sink = new CollectingSink();

        new RecordingParser().parseLine("rec.csv", 9, line, sink);

        assertThat(sink.rejected).singleElement().satisfies(r -> {
            assertThat(r.position()).isEqualTo(9);
            assertThat(r.raw()).hasSize(RecordingParser.MAX_RAW + 1).endsWith("…");
            assertThat(r.reason()).contains("found 1");
        });
    }

    @ParameterizedTest(name = "[{index}] header ''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            time,device,sensor,value,unit
            timestamp,device,sensor,value
            timestamp;device;sensor;value;unit
            2020-03-09T13:14:38Z,P-101,flow,32.5,L/min
            timestamp,P-101/flow
            """)
    void wrongHeaderThrowsNamingFileLineAndFix(String header) throws IOException {
        Path file = write("wide-format.csv", header + "\n2020-03-09T13:14:38Z,P-101,flow,32.5,L/min\n");
        CollectingSink sink = new CollectingSink();

        assertThatThrownBy(() -> new RecordingParser().parse(file, sink))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining("wide-format.csv")
                .hasMessageContaining("line 1")
                .hasMessageContaining(HEADER)
                .hasMessageContaining("found '" + header + "'")
                .hasMessageContaining("Fix:");
        assertThat(sink.accepted).isEmpty();
        assertThat(sink.rejected).isEmpty();
    }

    @Test
    void emptyFileThrowsForMissingHeader() throws IOException {
        Path file = write("empty.csv", "");

        assertThatThrownBy(() -> new RecordingParser().parse(file, new CollectingSink()))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining("empty.csv line 1")
                .hasMessageContaining("Fix:");
    }

    @Test
    void fileMixingGoodAndBadRowsAccountsForEveryDataLine() throws IOException {
        Path file = write("mixed.csv", HEADER + "\n"
                + "2020-03-09T13:14:38Z,P-101,flow,32.5,L/min\n"        // 2 ok
                + "2020-03-09T13:14:38Z,P-101,flow,NaN,L/min\n"         // 3 bad
                + "1583759679000,P-101,motor_current,1.5,A\n"           // 4 ok
                + "\n"                                                  // 5 blank
                + "2020-03-09T13:14:40Z,P-101,flow\n"                   // 6 bad
                + "2020-03-09T13:14:40Z,P-101,flow,31.0,L/min\n"        // 7 ok
                + "2020-03-09T13:14:41Z,P#1,flow,31.0,L/min\n"          // 8 bad
                + "2020-03-09T13:14:41+00:00,P-101,flow,30.0,L/min\n"); // 9 ok
        CollectingSink sink = new CollectingSink();

        long dataLines = new RecordingParser().parse(file, sink);

        assertThat(dataLines).isEqualTo(7);
        assertThat(sink.accepted.size() + sink.rejected.size()).isEqualTo(dataLines);
        assertThat(sink.accepted).containsExactly(
                new Reading("P-101/flow", T0, 32.5, "L/min"),
                new Reading("P-101/motor_current", T0 + 1000, 1.5, "A"),
                new Reading("P-101/flow", T0 + 2000, 31.0, "L/min"),
                new Reading("P-101/flow", T0 + 3000, 30.0, "L/min"));
        assertThat(sink.rejected).extracting(RejectedReading::position).containsExactly(3L, 6L, 8L);
    }

    @Test
    void timestampCacheDoesNotLeakAcrossDifferentTexts() throws IOException {
        CollectingSink sink = parse(HEADER + "\n"
                + "2020-03-09T13:14:38Z,P-101,a,1,\n"
                + "2020-03-09T13:14:38Z,P-101,b,2,\n"
                + "2020-03-09T13:14:39Z,P-101,a,3,\n"
                + "bogus,P-101,a,4,\n"
                + "2020-03-09T13:14:39Z,P-101,b,5,\n");

        assertThat(sink.accepted).extracting(Reading::eventTimeMillis)
                .containsExactly(T0, T0, T0 + 1000, T0 + 1000);
        assertThat(sink.rejected).extracting(RejectedReading::position).containsExactly(5L);
    }

    @Test
    void bundledValveRecordingLoadsCompletely() throws IOException {
        Path root = Path.of(System.getProperty("plantwatch.repo", "."));

        Recording recording = Recording.load(root.resolve("sample-data/skab-valve1-09.csv"));

        assertThat(recording.source()).isEqualTo("skab-valve1-09.csv");
        assertThat(recording.readings()).hasSize(9184);
        assertThat(recording.rejected()).isEmpty();
        assertThat(recording.readings().get(0)).isEqualTo(new Reading("P-101/vibration_1", T0, 0.0272946, "g"));
        assertThat(recording.firstEventTime()).isEqualTo(T0).isLessThan(recording.lastEventTime());
    }
}
