package io.plantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantwatch.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code plantwatch replay FILE --speed max --report OUT.json} on real data with malformed lines mixed in. */
class ReplayCommandTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void malformedLinesAreCountedWithReasonsAndTheRunCompletes() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(TestPaths.sample("skab-valve1-09.csv")));
        lines.add(100, "2020-03-09T13:16:00Z,P-101,flow,not-a-number,L/min");
        lines.add(200, "2020-03-09T13:17:00Z,P-101,flow,NaN,L/min");
        lines.add(300, "yesterday,P-101,flow,32.0,L/min");
        lines.add(400, "2020-03-09T13:18:00Z,P+101,flow,32.0,L/min");
        lines.add(500, "2020-03-09T13:19:00Z,P-101,flow");
        Path recording = dir.resolve("with-bad-lines.csv");
        Files.write(recording, lines);
        Path report = dir.resolve("report.json");

        int exit = new CommandLine(new ReplayCommand()).execute(recording.toString(), "--speed", "max",
                "--report", report.toString(), "--config", TestPaths.sample("demo-site.yaml").toString(),
                "--data-dir", dir.resolve("data").toString());

        assertThat(exit).isZero();
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        assertThat(r.get("readingsIn").asLong()).isEqualTo(9184);
        assertThat(r.get("readingsRejected").asLong()).isEqualTo(5);
        assertThat(r.get("windowsEmitted").asLong()).isEqualTo(121 * 8);
        // flow LO and LOLO (limit alarms) and P-101/T2:ANOMALY (the pump's Hotelling T², ADR 0005)
        assertThat(r.get("alarmsRaised").asLong()).isEqualTo(3);
        assertThat(r.get("wallSeconds").asDouble()).isPositive();
        assertThat(r.get("firstEventTime").asText()).isEqualTo("2020-03-09T13:14:38Z");
        assertThat(r.get("lastEventTime").asText()).isEqualTo("2020-03-09T13:34:38Z");
        JsonNode sample = r.get("rejectedSample");
        assertThat(sample).hasSize(5);
        assertThat(sample.get(0).get("line").asLong()).isEqualTo(101);
        assertThat(sample.get(0).get("reason").asText()).contains("not-a-number").contains("not a number");
        assertThat(sample.get(1).get("reason").asText()).contains("not finite");
        assertThat(sample.get(2).get("reason").asText()).contains("ISO-8601");
        assertThat(sample.get(3).get("reason").asText()).contains("device id 'P+101'");
        assertThat(sample.get(4).get("reason").asText()).contains("expected 5");
        long byReason = 0;
        for (JsonNode n : r.get("rejectedByReason")) {
            byReason += n.asLong();
        }
        assertThat(byReason).isEqualTo(5);
    }
}
