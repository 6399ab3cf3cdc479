package io.plantwatch.ui;

import io.plantwatch.alarm.AlarmActionException;
import io.plantwatch.domain.AlarmJournalFilter;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.TagDefinition;
import java.util.List;

/**
 * What the console's ViewModels need from the running services; implemented in {@code app} over
 * the application context. Methods may block briefly (database) and are called off the FX thread
 * except {@link #siteName()}, {@link #tags()} and {@link #status()}, which must be cheap.
 */
public interface ConsoleServices {

    /** The site's display name. */
    String siteName();

    /** The tags the overview shows, in display order. */
    List<TagDefinition> tags();

    /** The latest transition of every alarm that is not NORMAL (for the table at start-up). */
    List<AlarmTransition> standingAlarms();

    /**
     * Acknowledges an alarm; the resulting transition arrives through the {@link ConsoleFeed}.
     *
     * @throws AlarmActionException when the alarm model refuses it (reason in the message)
     */
    void acknowledge(String alarmId, String operator, String note) throws AlarmActionException;

    /**
     * Shelves an alarm for a time, at most {@link #maxShelve()}.
     *
     * @throws AlarmActionException when refused (reason in the message)
     */
    void shelve(String alarmId, String operator, java.time.Duration duration, String reason) throws AlarmActionException;

    /** Ends shelving. @throws AlarmActionException when the alarm is not shelved */
    void unshelve(String alarmId, String operator) throws AlarmActionException;

    /** Removes an alarm from service. @throws AlarmActionException when refused */
    void removeFromService(String alarmId, String operator, String reason) throws AlarmActionException;

    /** Returns an alarm to service. @throws AlarmActionException when it is in service */
    void returnToService(String alarmId, String operator) throws AlarmActionException;

    /** Resets a latched alarm. @throws AlarmActionException when it cannot be reset (reason in the message) */
    void reset(String alarmId, String operator) throws AlarmActionException;

    /** An alarm's handling options (note required, shelving allowed, rationale); defaults for unknown ids. */
    io.plantwatch.domain.AlarmOptions options(String alarmId);

    /** The longest shelving the site allows. */
    java.time.Duration maxShelve();

    /** A cheap status sample. */
    StatusSnapshot status();

    /** New unacknowledged alarms of this priority or more urgent sound (1–4); 0, the default, never sounds. */
    default int annunciatePriority() {
        return 0;
    }

    /**
     * Searches the alarm journal (database; call off the FX thread).
     *
     * @param filter the criteria
     * @param limit  most transitions returned, at least 1
     * @return matching transitions, newest event time first
     */
    List<AlarmTransition> alarmHistory(AlarmJournalFilter filter, int limit);

    /** The whole alarm journal in recording order, for the KPIs (database; call off the FX thread). */
    List<AlarmTransition> alarmJournal();

    /**
     * The console's event-time clock: the largest event time seen so far, epoch ms
     * ({@link Long#MIN_VALUE} before the first reading). Cheap.
     */
    long eventTimeMillis();
}
