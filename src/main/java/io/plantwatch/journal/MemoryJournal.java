package io.plantwatch.journal;

import io.plantwatch.domain.Reading;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory {@link ReadingJournal}, stored column-wise in fixed-size chunks (index into a
 * dictionary of (tag, unit) pairs, event time, value: 20 bytes a reading), so that a replay of
 * millions of readings costs no per-reading objects. It does not survive a restart; recordings
 * are replayed into it. The durable, on-disk journal is {@link SegmentJournal}. Nothing is ever
 * deleted: {@link #startOffset()} is 0.
 *
 * <p>Threading: {@link #append} is synchronised (one writer at a time); readers see every offset
 * below {@link #endOffset()}, which is published with a volatile write after the data.
 */
public final class MemoryJournal implements ReadingJournal {

    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MASK = CHUNK - 1;

    private final TagDictionary dictionary = new TagDictionary();
    private volatile Chunk[] chunks = new Chunk[16];
    private volatile long end;
    private final List<AppendListener> listeners = new CopyOnWriteArrayList<>();

    private static final class Chunk {
        final int[] tag = new int[CHUNK];
        final long[] time = new long[CHUNK];
        final double[] value = new double[CHUNK];
    }

    @Override
    public long append(Reading reading) {
        long offset;
        synchronized (this) {
            offset = end;
            int c = (int) (offset >>> CHUNK_BITS);
            Chunk[] cs = chunks;
            if (c >= cs.length) {
                cs = java.util.Arrays.copyOf(cs, cs.length * 2);
                chunks = cs;
            }
            Chunk chunk = cs[c];
            if (chunk == null) {
                chunk = new Chunk();
                cs[c] = chunk;
            }
            int i = (int) (offset & MASK);
            int idx = dictionary.find(reading.tag(), reading.unit());
            chunk.tag[i] = idx >= 0 ? idx : dictionary.add(reading.tag(), reading.unit());
            chunk.time[i] = reading.eventTimeMillis();
            chunk.value[i] = reading.value();
            end = offset + 1;
        }
        for (AppendListener l : listeners) {
            l.onAppended(offset, reading);
        }
        return offset;
    }

    @Override
    public long endOffset() {
        return end;
    }

    @Override
    public void read(long from, long to, ReadingVisitor visitor) {
        checkRange(from, to);
        Chunk[] cs = chunks;
        String[] ts = dictionary.tags();
        for (long o = from; o < to; o++) {
            Chunk chunk = cs[(int) (o >>> CHUNK_BITS)];
            int i = (int) (o & MASK);
            visitor.visit(o, ts[chunk.tag[i]], chunk.time[i], chunk.value[i]);
        }
    }

    @Override
    public void readWithUnits(long from, long to, UnitReadingVisitor visitor) {
        checkRange(from, to);
        Chunk[] cs = chunks;
        String[] ts = dictionary.tags();
        String[] us = dictionary.units();
        for (long o = from; o < to; o++) {
            Chunk chunk = cs[(int) (o >>> CHUNK_BITS)];
            int i = (int) (o & MASK);
            int t = chunk.tag[i];
            visitor.visit(o, ts[t], chunk.time[i], chunk.value[i], us[t]);
        }
    }

    /** Reads {@code end} (volatile) first, so that the chunks and the dictionary seen afterwards hold the range. */
    private void checkRange(long from, long to) {
        long e = end;
        if (from < 0 || to > e || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") outside [0, " + e + ")");
        }
    }

    @Override
    public void addListener(AppendListener listener) {
        listeners.add(listener);
    }
}
