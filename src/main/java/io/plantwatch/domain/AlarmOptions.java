package io.plantwatch.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-alarm handling options from the site's alarm rationalisation (ISA-18.2 §8 "rationalization",
 * §11 "detailed design").
 *
 * @param offDelayMillis   the value must be back inside the limit (by the deadband) this long, ms of
 *                         event time, before the alarm returns to normal (ISA-18.2 §10.4.3 "off-delay"); ≥ 0
 * @param latching         the alarm stays in alarm after the process returns until an operator resets it
 * @param ackNoteRequired  acknowledgement needs a note
 * @param shelvingAllowed  operators may shelve it
 * @param rationale        cause, consequence and corrective action shown to the operator
 */
public record AlarmOptions(long offDelayMillis, boolean latching, boolean ackNoteRequired, boolean shelvingAllowed,
        Rationale rationale) {

    /** No off-delay, not latching, no note required, shelving allowed, no rationale text. */
    public static final AlarmOptions DEFAULTS = new AlarmOptions(0, false, false, true, Rationale.NONE);

    /** @throws IllegalArgumentException on a negative off-delay */
    public AlarmOptions {
        if (offDelayMillis < 0) {
            throw new IllegalArgumentException("off-delay must be >= 0, was " + offDelayMillis + " ms");
        }
        rationale = Objects.requireNonNullElse(rationale, Rationale.NONE);
    }

    /** The off-delay as a duration. */
    public Duration offDelay() {
        return Duration.ofMillis(offDelayMillis);
    }

    /**
     * The documented reason for an alarm (ISA-18.2 §8.2, "alarm response procedure").
     *
     * @param cause      what makes the condition happen
     * @param consequence what happens if nobody acts
     * @param action     what the operator should do
     */
    public record Rationale(String cause, String consequence, String action) {

        /** Nothing documented. */
        public static final Rationale NONE = new Rationale("", "", "");

        public Rationale {
            cause = Objects.requireNonNullElse(cause, "");
            consequence = Objects.requireNonNullElse(consequence, "");
            action = Objects.requireNonNullElse(action, "");
        }

        /** True when nothing is documented. */
        public boolean isEmpty() {
            return cause.isBlank() && consequence.isBlank() && action.isBlank();
        }
    }
}
