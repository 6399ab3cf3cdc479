package io.plantwatch.journal;

import io.plantwatch.domain.Reading;

/**
 * The offset-addressed log every reading passes through on its way to the alarm engine and to
 * Spark (DESIGN.md, "The data path"). Offsets are dense: the first reading is offset 0, the next 1.
 *
 * <p>Threading: one writer at a time ({@link #append} is serialised by the implementation); any
 * number of readers may read offsets below {@link #endOffset()} concurrently with appends.
 */
public interface ReadingJournal {

    /**
     * Appends a reading, then notifies the {@link AppendListener}s on the caller's thread.
     *
     * @return the reading's offset
     */
    long append(Reading reading);

    /** The offset the next reading will get: every offset below it is readable. */
    long endOffset();

    /**
     * Reads the readings in {@code [from, to)} in offset order.
     *
     * @throws IndexOutOfBoundsException when the range is not within {@code [0, endOffset())}
     */
    void read(long from, long to, ReadingVisitor visitor);

    /** Registers a listener called after every append, on the appending thread. */
    void addListener(AppendListener listener);

    /** Receives readings as they are read, without allocating a {@link Reading} per entry. */
    @FunctionalInterface
    interface ReadingVisitor {
        /**
         * @param offset          the reading's offset
         * @param tag             {@code device/sensor}
         * @param eventTimeMillis event time, epoch ms
         * @param value           process value
         */
        void visit(long offset, String tag, long eventTimeMillis, double value);
    }

    /** Called once per appended reading, after it is readable, on the appending thread. Must not block. */
    @FunctionalInterface
    interface AppendListener {
        void onAppended(long offset, Reading reading);
    }
}
