package io.plantwatch.ingest.replay;

/** A recording that cannot be replayed at all (wrong header); the message names the file, line and fix. */
public final class RecordingFormatException extends RuntimeException {
    public RecordingFormatException(String message) {
        super(message);
    }
}
