package io.plantwatch.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The steering repository's datasets ({@code ../shared/datasets}, or {@code -Dplantwatch.shared}).
 * They are not part of this repository; tests that score against them are skipped, with this
 * message, when they are absent (CI has them beside the clone).
 */
public final class SharedDatasets {

    private SharedDatasets() {
    }

    /** {@code <shared>/datasets/<sub>}; skips the calling test when that folder does not exist. */
    public static Path require(String sub) {
        Path dir = Path.of(System.getProperty("plantwatch.shared", "../shared")).toAbsolutePath().normalize()
                .resolve("datasets").resolve(sub);
        assumeTrue(Files.isDirectory(dir), "shared datasets not found at " + dir + "; set -Dplantwatch.shared=DIR");
        return dir;
    }
}
