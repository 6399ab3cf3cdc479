package io.plantwatch.testsupport;

import java.nio.file.Path;

/** Paths of the repository's bundled files, from the system property Surefire sets. */
public final class TestPaths {

    private TestPaths() {
    }

    /** The repository root. */
    public static Path repo() {
        return Path.of(System.getProperty("plantwatch.repo", ".")).toAbsolutePath().normalize();
    }

    /** A file under {@code sample-data/}. */
    public static Path sample(String name) {
        return repo().resolve("sample-data").resolve(name);
    }
}
