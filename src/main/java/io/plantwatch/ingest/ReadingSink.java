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
