package io.plantwatch.command;

import io.plantwatch.domain.CommandRecord;

/**
 * Hears the command lifecycle, for the UI's commands panel. Called on the command service's event
 * thread ({@code command-events}), one call at a time and, per command, in lifecycle order
 * (QUEUED, SENT, then one final status). Records are immutable. Must not block: copy what is needed
 * into a queue or concurrent map that the UI cadence drains.
 */
public interface CommandListener {

    /** A command's new status (every step, manual and automatic; {@link CommandRecord#automatic()} marks interlocks). */
    void onCommand(CommandRecord record);

    /**
     * An interlock rule fired ({@code record} is its command's QUEUED record) or was refused
     * ({@code record} is null and {@code outcome} says why). Default: nothing.
     *
     * @param rule    the rule's name
     * @param alarmId the alarm that triggered it
     * @param outcome {@code executed} or the refusal's reason
     */
    default void onInterlock(String rule, String alarmId, CommandRecord record, String outcome) {
    }
}
