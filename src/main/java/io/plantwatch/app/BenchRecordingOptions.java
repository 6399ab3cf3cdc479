package io.plantwatch.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options shared by {@code bench replay} and {@code bench replay-formats} (a picocli mixin): the size
 * of the generated recording ({@link BenchReplayCommand#generate}), the repetitions and the work
 * directory.
 */
final class BenchRecordingOptions {

    @Option(names = "--devices", defaultValue = "25", description = "Pump copies (8 tags each). Default: ${DEFAULT-VALUE}.")
    int devices;

    @Option(names = "--passes", defaultValue = "10", description = "Recordings played back to back. Default: ${DEFAULT-VALUE}.")
    int passes;

    @Option(names = "--runs", defaultValue = "3", description = "Repetitions; medians are reported. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--work-dir", description = "Where the generated files and databases go (default: a temporary directory).")
    Path workDir;

    /** The work directory, created; a new temporary one named {@code prefix…} without {@code --work-dir}. */
    Path workDir(String prefix) throws IOException {
        Path dir = workDir == null ? Files.createTempDirectory(prefix) : workDir;
        Files.createDirectories(dir);
        return dir;
    }
}
