package io.plantwatch.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running export of journalled readings ({@link ConsoleServices#exportReadings}): its progress,
 * written by the export's thread and read at the UI cadence, a cancel request, and the outcome.
 *
 * <p>Threading: {@link #progress} from the export's thread; everything else from any thread.
 */
public final class ExportJob {

    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total = new AtomicLong(-1);
    private volatile boolean cancelRequested;
    private final CompletableFuture<String> outcome = new CompletableFuture<>();

    /** Called by the export: readings written so far of those selected. */
    public void progress(long doneReadings, long totalReadings) {
        total.set(totalReadings);
        done.set(doneReadings);
    }

    /** Readings written so far. */
    public long done() {
        return done.get();
    }

    /** Readings selected; -1 while the journal is still being scanned. */
    public long total() {
        return total.get();
    }

    /** Asks the export to stop; it removes what it wrote and completes {@link #outcome()} with a "cancelled" text. */
    public void cancel() {
        cancelRequested = true;
    }

    /** True once {@link #cancel()} was called. */
    public boolean cancelRequested() {
        return cancelRequested;
    }

    /**
     * Completes with the text for the operator ("Exported 9,184 readings to …" or "Export cancelled…"),
     * or exceptionally with the reason the export failed.
     */
    public CompletableFuture<String> outcome() {
        return outcome;
    }
}
