package io.plantwatch.testsupport;

import io.plantwatch.domain.AlarmJournalFilter;
import io.plantwatch.domain.AlarmOptions;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.ui.ConsoleServices;
import io.plantwatch.ui.StatusSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@link ConsoleServices} for ViewModel tests: no tags, no standing alarms, operator actions do
 * nothing, and the alarm journal is an in-memory list searched with {@link AlarmJournalFilter#matches}.
 * Records the searches it was asked for.
 */
public class StubConsoleServices implements ConsoleServices {

    /** The journal, in recording order; tests add to it. */
    public final List<AlarmTransition> journal = new ArrayList<>();
    /** Every search: its filter. */
    public final List<AlarmJournalFilter> searches = new ArrayList<>();
    /** Every search: its limit. */
    public final List<Integer> limits = new ArrayList<>();
    /** The event-time clock returned by {@link #eventTimeMillis()}. */
    public long eventTime = Long.MIN_VALUE;
    /** When set, journal reads throw it (a database failure). */
    public RuntimeException failure;

    @Override
    public String siteName() {
        return "test";
    }

    @Override
    public List<TagDefinition> tags() {
        return List.of();
    }

    @Override
    public List<AlarmTransition> standingAlarms() {
        return List.of();
    }

    @Override
    public void acknowledge(String alarmId, String operator, String note) throws io.plantwatch.alarm.AlarmActionException {
    }

    @Override
    public void shelve(String alarmId, String operator, Duration duration, String reason) {
    }

    @Override
    public void unshelve(String alarmId, String operator) {
    }

    @Override
    public void removeFromService(String alarmId, String operator, String reason) {
    }

    @Override
    public void returnToService(String alarmId, String operator) {
    }

    @Override
    public void reset(String alarmId, String operator) {
    }

    @Override
    public AlarmOptions options(String alarmId) {
        return AlarmOptions.DEFAULTS;
    }

    @Override
    public Duration maxShelve() {
        return Duration.ofHours(8);
    }

    @Override
    public StatusSnapshot status() {
        return new StatusSnapshot("RUNNING", "", 0, 0, 0, 0, "test.csv", 1, 0, 0, 0);
    }

    @Override
    public List<AlarmTransition> alarmHistory(AlarmJournalFilter filter, int limit) {
        searches.add(filter);
        limits.add(limit);
        if (failure != null) {
            throw failure;
        }
        List<AlarmTransition> found = new ArrayList<>(journal.stream().filter(filter::matches).toList());
        java.util.Collections.reverse(found);
        found.sort(Comparator.comparingLong(AlarmTransition::eventTimeMillis).reversed());
        return found.subList(0, Math.min(limit, found.size()));
    }

    @Override
    public List<AlarmTransition> alarmJournal() {
        if (failure != null) {
            throw failure;
        }
        return List.copyOf(journal);
    }

    @Override
    public long eventTimeMillis() {
        return eventTime;
    }
}
