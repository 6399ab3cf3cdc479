package io.plantwatch.storage;

/** The database could not be opened, read or written; the message says which file and why. */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
