package io.plantwatch.domain;

/**
 * The four absolute limits of a process value (ISA-18.2 / IEC 62682 "absolute alarm"). A high
 * limit is exceeded when the value rises above it, a low limit when it falls below it. The fifth
 * level, {@link #ANOMALY}, is not a limit: it is the class of the alarms that the statistical
 * anomaly detectors raise (ADR 0005). It cannot be configured on a tag.
 */
public enum LimitLevel {
    LOLO(false), LO(false), HI(true), HIHI(true),
    /** Raised by an anomaly detector; the alarm's value is the detector's score, its limit the score's limit. */
    ANOMALY(false);

    private final boolean high;

    LimitLevel(boolean high) {
        this.high = high;
    }

    /** True for HI and HIHI. */
    public boolean isHigh() {
        return high;
    }
}
