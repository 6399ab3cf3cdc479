package io.plantwatch.app;

import io.plantwatch.domain.ReplayComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plantwatch compare --a REC1 [--config-a SITE1] [--b REC2] [--config-b SITE2]}: runs two
 * recordings, or one recording with two site configurations (other limits or detector settings),
 * through the replay pipeline at max speed ({@link ReplayComparer}) and prints readings, windows,
 * alarm counts by priority and by tag, EEMUA 191 KPIs and anomalies side by side. Nothing is written
 * to any alarm journal.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Replay two recordings (or one with two site configs) at max speed and compare alarms, KPIs and anomalies.")
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--a", required = true, paramLabel = "REC1", description = "Recording of run A (any replay format).")
    Path recordingA;

    @Option(names = "--config-a", paramLabel = "SITE1.yaml", description = "Site configuration of run A (default: the bundled demo site).")
    Path configA;

    @Option(names = "--b", paramLabel = "REC2", description = "Recording of run B (default: REC1, to compare two configs).")
    Path recordingB;

    @Option(names = "--config-b", paramLabel = "SITE2.yaml", description = "Site configuration of run B (default: SITE1).")
    Path configB;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Scratch directory (default: a new temporary directory).")
    Path workDir;

    @Option(names = "--timeout", defaultValue = "600", description = "Seconds to wait for Spark per run. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        ReplayComparison c = run();
        System.out.print(ReplayComparer.format(c));
        return 0;
    }

    /** Runs the comparison (progress on standard error) and returns the table. */
    ReplayComparison run() throws java.io.IOException {
        if (recordingB == null && configB == null) {
            System.err.println("note: neither --b nor --config-b given: both runs are the same (a determinism check)");
        }
        Path dir = workDir == null ? Files.createTempDirectory("plantwatch-compare-") : workDir;
        return ReplayComparer.compare(new ReplayComparison.Request(recordingA, configA, recordingB, configB),
                AppDirs.defaultSiteConfig(), dir, Duration.ofSeconds(timeoutSeconds), m -> System.err.println(m));
    }
}
