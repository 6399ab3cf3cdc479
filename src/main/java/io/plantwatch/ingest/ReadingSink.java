package io.plantwatch.ingest;

import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;

/**
 * Where ingest delivers decoded input: accepted readings (to the journal) and rejected input
 * (to the dead-letter store). Called on the ingest thread; implementations must not block for long.
 */
public interface ReadingSink {

    /** A valid reading, in arrival order. */
    void accept(Reading reading);

    /** Input that could not be decoded or failed validation, with the reason. */
    void reject(RejectedReading rejected);

    /**
     * The source says these tags no longer report (a Sparkplug NDEATH/DDEATH, for example): their
     * last values are stale from {@code eventTimeMillis} on, until the next reading. Default: ignored.
     *
     * @param tags            {@code device/sensor} tag ids
     * @param eventTimeMillis when they went stale, epoch ms
     * @param reason          why, for the operator (e.g. "DDEATH from gateway G1")
     */
    default void stale(java.util.List<String> tags, long eventTimeMillis, String reason) {
    }

    /** A sink made of two functions. */
    static ReadingSink of(java.util.function.Consumer<Reading> accepted,
            java.util.function.Consumer<RejectedReading> rejected) {
        return new ReadingSink() {
            @Override
            public void accept(Reading reading) {
                accepted.accept(reading);
            }

            @Override
            public void reject(RejectedReading r) {
                rejected.accept(r);
            }
        };
    }
}
