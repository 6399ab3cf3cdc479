package io.plantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.domain.ReplayComparison;
import io.plantwatch.testsupport.TestPaths;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code plantwatch compare} in-process on the sample data: one recording (SKAB valve1/9) with the
 * demo site (A) and with the demo site whose flow LOLO limit is moved below anything recorded (B).
 */
class CompareCommandTest {

    /**
     * The comparison runs on the JVM's Spark session if there is one ({@code startShared}): make it the
     * shared test session, whose scratch directory outlives this class's temporary directories.
     */
    @org.junit.jupiter.api.BeforeAll
    static void sharedSession() {
        io.plantwatch.streaming.SharedSpark.session();
    }

    @TempDir
    Path dir;

    @Test
    @Timeout(600)
    void oneRecordingWithTwoSiteFilesShowsTheDifferenceInAlarmsSideBySide() throws Exception {
        Path siteB = dir.resolve("site-b.yaml");
        String demo = Files.readString(TestPaths.sample("demo-site.yaml"));
        assertThat(demo).contains("        value: 30.5\n");
        Files.writeString(siteB, demo.replace("        value: 30.5\n", "        value: 10.0\n")
                .replace("recording: skab-valve1-09.csv", "recording: " + TestPaths.sample("skab-valve1-09.csv")));
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new CompareCommand()).execute("--a", TestPaths.sample("skab-valve1-09.csv").toString(),
                    "--config-a", TestPaths.sample("demo-site.yaml").toString(), "--config-b", siteB.toString(),
                    "--work-dir", dir.resolve("work").toString());
        } finally {
            System.setOut(out);
        }
        String table = captured.toString(StandardCharsets.UTF_8);

        assertThat(exit).isZero();
        assertThat(table).contains("A: skab-valve1-09.csv · demo-site.yaml", "B: skab-valve1-09.csv · site-b.yaml",
                "Alarms by priority", "Alarms by tag", "EEMUA 191 KPIs", "Anomalies");
        assertThat(line(table, "readings replayed")).containsPattern("^  readings replayed\\s+9,184\\s+9,184$");
        assertThat(line(table, "windows emitted")).containsPattern("^  windows emitted\\s+968\\s+968$");
        // A: flow LO (P2) and LOLO (P1), and the pump's T² anomaly (P3); B: no LOLO
        assertThat(line(table, "alarms (annunciated")).containsPattern("^≠ alarms \\(annunciated activations\\)\\s+3\\s+2$");
        assertThat(line(table, "P1 ")).containsPattern("^≠ P1\\s+1 \\(33 %\\)\\s+0 \\(0 %\\)$");
        assertThat(line(table, "P-101/flow")).containsPattern("^≠ P-101/flow\\s+2\\s+1$");
        assertThat(line(table, "P-101/T2")).containsPattern("^  P-101/T2\\s+1\\s+1$");
    }

    @Test
    @Timeout(600)
    void theSameRunTwiceAgreesOnEveryMeasureButWallTime() throws Exception {
        ReplayComparison c = ReplayComparer.compare(new ReplayComparison.Request(TestPaths.sample("skab-valve1-09.csv"),
                TestPaths.sample("demo-site.yaml"), null, null), TestPaths.sample("demo-site.yaml"), dir.resolve("work"),
                java.time.Duration.ofMinutes(5), m -> { });

        // wall time may differ (or, on a fast run, round to the same seconds); nothing else may
        assertThat(c.rows()).filteredOn(r -> !r.same()).extracting(ReplayComparison.Row::measure)
                .isSubsetOf("replay wall time, s");
        assertThat(c.rows()).extracting(ReplayComparison.Row::measure).contains("replay wall time, s", "readings replayed",
                "windows emitted");
        assertThat(c.rows()).extracting(ReplayComparison.Row::section).containsSubsequence("Readings and windows",
                "Alarms by priority", "Alarms by tag", "EEMUA 191 KPIs", "Anomalies");
    }

    private static String line(String table, String start) {
        return table.lines().filter(l -> l.length() > 2 && l.substring(2).startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + start + "' in\n" + table)).stripTrailing();
    }
}
