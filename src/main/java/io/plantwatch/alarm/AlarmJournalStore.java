package io.plantwatch.alarm;

import io.plantwatch.domain.AlarmTransition;
import java.util.List;

/**
 * Where the alarm engine keeps its transitions (implemented over H2 in {@code storage}).
 * Calls come from the engine's callers' threads, one at a time.
 */
public interface AlarmJournalStore {

    /**
     * Persists one transition durably before returning.
     *
     * @throws AlarmStoreException when it could not be written
     */
    void record(AlarmTransition transition);

    /** The latest transition of every alarm that has one, to restore state after a restart. */
    List<AlarmTransition> latestPerAlarm();
}
