package io.plantwatch.alarm;

/** The alarm journal could not be written or read; the message says what failed. */
public final class AlarmStoreException extends RuntimeException {
    public AlarmStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
