package io.plantwatch.domain;

/**
 * The four absolute limits of a process value (ISA-18.2 / IEC 62682 "absolute alarm").
 * A high limit is exceeded when the value rises above it, a low limit when it falls below it.
 */
public enum LimitLevel {
    LOLO(false), LO(false), HI(true), HIHI(true);

    private final boolean high;

    LimitLevel(boolean high) {
        this.high = high;
    }

    /** True for HI and HIHI. */
    public boolean isHigh() {
        return high;
    }
}
