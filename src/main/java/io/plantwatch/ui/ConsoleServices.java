package io.plantwatch.ui;

import io.plantwatch.alarm.AlarmActionException;
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

    /** A cheap status sample. */
    StatusSnapshot status();
}
