package io.plantwatch.command;

import io.plantwatch.domain.AlarmTransition;
import java.util.List;

/**
 * The alarms standing on a device (not NORMAL), for the confirmation dialog (wired by {@code app} to the
 * alarm engine). Thread-safe; may take the alarm engine's lock briefly.
 */
@FunctionalInterface
public interface DeviceAlarms {

    /** No alarms known. */
    DeviceAlarms NONE = device -> List.of();

    /** The latest transition of each alarm of {@code device} that is not NORMAL, most urgent first. */
    List<AlarmTransition> standing(String device);
}
