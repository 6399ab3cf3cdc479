package io.plantwatch.alarm;

import io.plantwatch.domain.AlarmTransition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An alarm journal in memory, for runs whose transitions are results to be read once and thrown away
 * (a replay comparison, {@code plantwatch compare}); never for live alarms, which must be durable.
 * Thread-safe.
 */
public final class MemoryAlarmJournal implements AlarmJournalStore {

    private final List<AlarmTransition> transitions = new ArrayList<>();

    @Override
    public synchronized void record(AlarmTransition transition) {
        transitions.add(transition);
    }

    @Override
    public synchronized List<AlarmTransition> latestPerAlarm() {
        Map<String, AlarmTransition> latest = new LinkedHashMap<>();
        for (AlarmTransition t : transitions) {
            latest.remove(t.alarmId());
            latest.put(t.alarmId(), t);
        }
        return List.copyOf(latest.values());
    }

    /** Every transition recorded, oldest first (a copy). */
    public synchronized List<AlarmTransition> all() {
        return List.copyOf(transitions);
    }
}
