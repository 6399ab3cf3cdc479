package io.plantwatch.journal;

/**
 * Recognises a reading that is already in the journal, so that a message delivered twice is
 * journalled once. At-least-once delivery makes duplicates unavoidable around a crash: an MQTT
 * QoS 1 message whose readings were journalled but whose PUBACK was never sent (the console was
 * killed in between) is delivered again after the restart, and so is a Kafka record whose offset
 * was not yet committed.
 *
 * <p>A reading's identity is (tag, event time, value): a sensor has one process value per instant.
 * The filter remembers the 64-bit hashes of the last {@code capacity} to {@code 2 × capacity}
 * readings (two generations of an open-addressing set; the older one is dropped when the newer is
 * full), so memory is fixed at 16 bytes × 2 × capacity × 2 (load factor ½) and a lookup is a
 * couple of array probes. A duplicate older than that window is not recognised. The chance that
 * two different readings share a hash is about {@code 2 × capacity / 2^64} per reading (≈ 10⁻¹³
 * for a million): negligible next to a lost message.
 *
 * <p>Limits, documented in docs/architecture.md: readings without a device timestamp get the
 * receive time, so a redelivered copy is a different reading and is kept (at-least-once).
 *
 * <p>Threading: not thread-safe; the journal's writer calls it under its append lock.
 */
public final class DuplicateFilter {

    private static final long EMPTY = 0L;

    private final int capacity;
    private long[] current;
    private long[] previous;
    private int size;

    /**
     * @param capacity readings remembered at least (rounded up to a power of two)
     * @throws IllegalArgumentException when capacity is below 16
     */
    public DuplicateFilter(int capacity) {
        if (capacity < 16) {
            throw new IllegalArgumentException("capacity must be >= 16, was " + capacity);
        }
        this.capacity = Integer.highestOneBit(capacity - 1) << 1;
        this.current = new long[this.capacity * 2];
        this.previous = new long[this.capacity * 2];
    }

    /**
     * Remembers a reading and tells whether it was seen before.
     *
     * @param tag             {@code device/sensor}
     * @param eventTimeMillis event time, epoch ms
     * @param value           process value
     * @return true when the same reading is already remembered (a duplicate); false when it is new
     */
    public boolean seen(String tag, long eventTimeMillis, double value) {
        long h = hash(tag, eventTimeMillis, value);
        if (contains(current, h) || contains(previous, h)) {
            return true;
        }
        if (size == capacity) {
            long[] recycled = previous;
            java.util.Arrays.fill(recycled, EMPTY);
            previous = current;
            current = recycled;
            size = 0;
        }
        insert(current, h);
        size++;
        return false;
    }

    /** Readings remembered for certain: the most recent this many are always recognised. */
    public int capacity() {
        return capacity;
    }

    private static boolean contains(long[] table, long h) {
        int mask = table.length - 1;
        for (int i = (int) h & mask; ; i = (i + 1) & mask) {
            long v = table[i];
            if (v == h) {
                return true;
            }
            if (v == EMPTY) {
                return false;
            }
        }
    }

    private static void insert(long[] table, long h) {
        int mask = table.length - 1;
        int i = (int) h & mask;
        while (table[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        table[i] = h;
    }

    /** 64-bit hash of the reading's identity: FNV-1a over the tag, mixed with time and value (SplitMix64 finaliser). */
    static long hash(String tag, long eventTimeMillis, double value) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < tag.length(); i++) {
            h ^= tag.charAt(i);
            h *= 0x100000001b3L;
        }
        h = mix(h ^ mix(eventTimeMillis + 0x9e3779b97f4a7c15L));
        h = mix(h ^ Double.doubleToLongBits(value + 0.0));   // +0.0: -0.0 and 0.0 are the same value
        return h == EMPTY ? 1 : h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
