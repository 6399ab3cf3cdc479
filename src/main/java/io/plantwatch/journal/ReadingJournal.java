package io.plantwatch.journal;

import io.plantwatch.domain.Reading;

/**
 * The offset-addressed log every reading passes through on its way to the alarm engine and to
 * Spark (DESIGN.md, "The data path"). Offsets are dense: the first reading is offset 0, the next 1.
 * A durable journal may delete its oldest readings (retention): the readable offsets are then
 * {@code [startOffset(), endOffset())}.
 *
 * <p>Implementations: {@link MemoryJournal} (in memory, for replays) and {@link SegmentJournal}
 * (on disk, survives a restart).
 *
 * <p>Threading: one writer at a time ({@link #append} is serialised by the implementation); any
 * number of readers may read offsets in {@code [startOffset(), endOffset())} concurrently with
 * appends.
 */
public interface ReadingJournal {

    /**
     * Appends a reading, then notifies the {@link AppendListener}s on the caller's thread.
     *
     * @return the reading's offset
     */
    long append(Reading reading);

    /** The offset the next reading will get: every offset from {@link #startOffset()} below it is readable. */
    long endOffset();

    /**
     * The first offset still readable: 0 unless retention deleted older readings. Never decreases
     * and is at most {@link #endOffset()}.
     */
    default long startOffset() {
        return 0;
    }

    /**
     * Reads the readings in {@code [from, to)} in offset order, without their units.
     *
     * @throws IndexOutOfBoundsException when the range is not within {@code [startOffset(), endOffset())}
     */
    void read(long from, long to, ReadingVisitor visitor);

    /**
     * Reads the readings in {@code [from, to)} in offset order, with their engineering units (for
     * exports; {@link #read} is the cheaper path when the unit is not needed).
     *
     * @throws IndexOutOfBoundsException when the range is not within {@code [startOffset(), endOffset())}
     */
    void readWithUnits(long from, long to, UnitReadingVisitor visitor);

    /** Registers a listener called after every append, on the appending thread. */
    void addListener(AppendListener listener);

    /** Receives readings as they are read, without allocating a {@link Reading} per entry. */
    @FunctionalInterface
    interface ReadingVisitor {
        /**
         * @param offset          the reading's offset
         * @param tag             {@code device/sensor}; the same String instance for every reading of a tag
         * @param eventTimeMillis event time, epoch ms
         * @param value           process value
         */
        void visit(long offset, String tag, long eventTimeMillis, double value);
    }

    /** Like {@link ReadingVisitor}, with the reading's engineering unit. */
    @FunctionalInterface
    interface UnitReadingVisitor {
        /**
         * @param offset          the reading's offset
         * @param tag             {@code device/sensor}; the same String instance for every reading of a tag
         * @param eventTimeMillis event time, epoch ms
         * @param value           process value, in {@code unit}
         * @param unit            engineering unit as sent by the source; empty when it gave none
         */
        void visit(long offset, String tag, long eventTimeMillis, double value, String unit);
    }

    /** Called once per appended reading, after it is readable, on the appending thread. Must not block. */
    @FunctionalInterface
    interface AppendListener {
        void onAppended(long offset, Reading reading);
    }
}
