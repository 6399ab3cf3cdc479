package io.plantwatch.journal;

import io.plantwatch.domain.Reading;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory {@link ReadingJournal}, stored column-wise in fixed-size chunks (tag index, event
 * time, value: 20 bytes a reading), so that a replay of millions of readings costs no per-reading
 * objects. It does not survive a restart; recordings are replayed into it (the durable, on-disk
 * journal is issue #3).
 *
 * <p>Threading: {@link #append} is synchronised (one writer at a time); readers see every offset
 * below {@link #endOffset()}, which is published with a volatile write after the data.
 */
public final class MemoryJournal implements ReadingJournal {

    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MASK = CHUNK - 1;

    private final Map<String, Integer> tagIndex = new ConcurrentHashMap<>();
    private volatile String[] tags = new String[16];
    private int tagCount;
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
            chunk.tag[i] = indexOf(reading.tag());
            chunk.time[i] = reading.eventTimeMillis();
            chunk.value[i] = reading.value();
            end = offset + 1;
        }
        for (AppendListener l : listeners) {
            l.onAppended(offset, reading);
        }
        return offset;
    }

    private int indexOf(String tag) {
        Integer idx = tagIndex.get(tag);
        if (idx != null) {
            return idx;
        }
        String[] ts = tags;
        if (tagCount == ts.length) {
            ts = java.util.Arrays.copyOf(ts, ts.length * 2);
        }
        ts[tagCount] = tag;
        tags = ts;
        tagIndex.put(tag, tagCount);
        return tagCount++;
    }

    @Override
    public long endOffset() {
        return end;
    }

    @Override
    public void read(long from, long to, ReadingVisitor visitor) {
        long e = end;
        if (from < 0 || to > e || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") outside [0, " + e + ")");
        }
        Chunk[] cs = chunks;
        String[] ts = tags;
        for (long o = from; o < to; o++) {
            Chunk chunk = cs[(int) (o >>> CHUNK_BITS)];
            int i = (int) (o & MASK);
            visitor.visit(o, ts[chunk.tag[i]], chunk.time[i], chunk.value[i]);
        }
    }

    @Override
    public void addListener(AppendListener listener) {
        listeners.add(listener);
    }
}
