package io.plantwatch.alarm;

/** An operator action the alarm model refuses (e.g. acknowledging an alarm in NORMAL); the message says why. */
public final class AlarmActionException extends Exception {
    public AlarmActionException(String message) {
        super(message);
    }
}
