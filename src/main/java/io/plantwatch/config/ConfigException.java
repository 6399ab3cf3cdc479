package io.plantwatch.config;

import java.nio.file.Path;

/**
 * A site configuration that cannot be used. The message names the file, the line and what to
 * change, e.g. {@code demo-site.yaml line 14: tag 'P-101/flow': LO (31.5) must be below HI (30.0).
 * Fix: order the limits LOLO < LO < HI < HIHI.}
 */
public final class ConfigException extends RuntimeException {

    private final Path file;
    private final int line;

    /**
     * @param file    the configuration file
     * @param line    1-based line, or 0 when unknown
     * @param problem what is wrong
     * @param fix     what to change
     */
    public ConfigException(Path file, int line, String problem, String fix, Throwable cause) {
        super(file.getFileName() + (line > 0 ? " line " + line : "") + ": " + problem
                + (fix == null || fix.isBlank() ? "" : ". Fix: " + fix), cause);
        this.file = file;
        this.line = line;
    }

    /** The configuration file. */
    public Path file() {
        return file;
    }

    /** 1-based line of the problem, 0 when unknown. */
    public int line() {
        return line;
    }
}
