package io.plantwatch.domain;

/**
 * Input that could not become a {@link Reading}, kept with the reason so that nothing is lost.
 *
 * @param source   where it came from (file name, topic)
 * @param position line number for files (1-based, header is line 1), or -1
 * @param reason   what is wrong, in words an engineer can act on
 * @param raw      the raw input, possibly truncated
 */
public record RejectedReading(String source, long position, String reason, String raw) {
}
