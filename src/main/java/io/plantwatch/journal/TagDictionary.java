package io.plantwatch.journal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The journals' dictionary of (tag, engineering unit) pairs: a journal stores a small int per
 * reading instead of two strings. Entries are numbered densely from 0 in order of first use. All
 * entries of one tag share one String instance, so readers can convert a tag once and then look it
 * up by identity ({@code JournalPartitionReader} does).
 *
 * <p>Threading: {@link #find} and {@link #add} are for the journal's single writer (under its
 * lock); {@link #tags()} and {@link #units()} may be called from any thread and return arrays that
 * hold at least every entry added before the caller last read the journal's end offset (the writer
 * publishes the arrays with a volatile write before it publishes the offset).
 */
final class TagDictionary {

    /** One (tag, unit) entry; the chain holds the other units of the same tag (rare). */
    private static final class Entry {
        final String tag;
        final String unit;
        final int index;
        Entry next;

        Entry(String tag, String unit, int index) {
            this.tag = tag;
            this.unit = unit;
            this.index = index;
        }
    }

    private final Map<String, Entry> byTag = new HashMap<>();
    private volatile String[] tags = new String[16];
    private volatile String[] units = new String[16];
    private int size;

    /** The index of (tag, unit), or −1 when the pair is not in the dictionary. Writer only. */
    int find(String tag, String unit) {
        for (Entry e = byTag.get(tag); e != null; e = e.next) {
            if (e.unit.equals(unit)) {
                return e.index;
            }
        }
        return -1;
    }

    /**
     * Adds (tag, unit) as entry {@link #size()} and returns its index. Writer only.
     *
     * @throws IllegalStateException when the pair is already present
     */
    int add(String tag, String unit) {
        if (find(tag, unit) >= 0) {
            throw new IllegalStateException("dictionary already holds " + tag + " [" + unit + "]");
        }
        Entry first = byTag.get(tag);
        String canonicalTag = first == null ? tag : first.tag;
        int index = size;
        Entry e = new Entry(canonicalTag, unit, index);
        if (first == null) {
            byTag.put(canonicalTag, e);
        } else {
            Entry last = first;
            while (last.next != null) {
                last = last.next;
            }
            last.next = e;
        }
        String[] ts = tags;
        String[] us = units;
        if (index == ts.length) {
            ts = Arrays.copyOf(ts, ts.length * 2);
            us = Arrays.copyOf(us, us.length * 2);
        }
        ts[index] = canonicalTag;
        us[index] = unit;
        size = index + 1;
        units = us;
        tags = ts;
        return index;
    }

    /** Number of entries. Writer only. */
    int size() {
        return size;
    }

    /** Tag of each entry by index (shared String per tag); may be longer than the entry count. */
    String[] tags() {
        return tags;
    }

    /** Engineering unit of each entry by index; may be longer than the entry count. */
    String[] units() {
        return units;
    }
}
