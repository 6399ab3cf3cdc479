package io.plantwatch.alarm.kpi;

import java.util.Arrays;

/**
 * Per-alarm accumulators of one {@link AlarmKpiCalculator} run: an open-addressing map from alarm
 * id to a dense index, and primitive arrays indexed by it. Allocates only when a new alarm id is
 * seen or an array grows, never per journal row.
 *
 * <p>Not thread-safe; confined to one computation.
 */
final class AlarmTable {

    private String[] slotKeys;
    private int[] slotIndex;
    private int mask;

    /** Alarm id by index. */
    String[] ids;
    /** Activations in the range, by index. */
    long[] activations;
    /** Whether the alarm is active after the latest transition seen, by index. */
    boolean[] active;
    /** Event time since when it is active (valid when {@code active}), by index. */
    long[] activeSince;
    /** Priority of the latest transition seen, by index. */
    int[] priority;
    private int size;

    AlarmTable(int expectedAlarms) {
        int slots = Integer.highestOneBit(Math.max(16, expectedAlarms) * 2 - 1) << 1;
        slotKeys = new String[slots];
        slotIndex = new int[slots];
        mask = slots - 1;
        int cap = Math.max(16, expectedAlarms);
        ids = new String[cap];
        activations = new long[cap];
        active = new boolean[cap];
        activeSince = new long[cap];
        priority = new int[cap];
    }

    /** Number of distinct alarm ids seen. */
    int size() {
        return size;
    }

    /** The index of {@code id}, adding it when new. */
    int indexOf(String id) {
        int h = id.hashCode();
        int slot = (h ^ (h >>> 16)) & mask;
        while (true) {
            String k = slotKeys[slot];
            if (k == null) {
                return add(id, slot);
            }
            if (k == id || k.equals(id)) {
                return slotIndex[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    private int add(String id, int slot) {
        int index = size++;
        slotKeys[slot] = id;
        slotIndex[slot] = index;
        if (index == ids.length) {
            int cap = ids.length * 2;
            ids = Arrays.copyOf(ids, cap);
            activations = Arrays.copyOf(activations, cap);
            active = Arrays.copyOf(active, cap);
            activeSince = Arrays.copyOf(activeSince, cap);
            priority = Arrays.copyOf(priority, cap);
        }
        ids[index] = id;
        if (size * 2 > slotKeys.length) {
            rehash();
        }
        return index;
    }

    private void rehash() {
        int slots = slotKeys.length * 2;
        String[] keys = new String[slots];
        int[] index = new int[slots];
        int m = slots - 1;
        for (int i = 0; i < size; i++) {
            int h = ids[i].hashCode();
            int slot = (h ^ (h >>> 16)) & m;
            while (keys[slot] != null) {
                slot = (slot + 1) & m;
            }
            keys[slot] = ids[i];
            index[slot] = i;
        }
        slotKeys = keys;
        slotIndex = index;
        mask = m;
    }
}
