package io.plantwatch.testsupport;

import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import io.plantwatch.ingest.ReadingSink;
import java.util.ArrayList;
import java.util.List;

/** A {@link ReadingSink} that keeps everything it is given, in order. Not thread-safe. */
public final class CollectingSink implements ReadingSink {

    /** Accepted readings. */
    public final List<Reading> accepted = new ArrayList<>();
    /** Rejected input, with reasons. */
    public final List<RejectedReading> rejected = new ArrayList<>();

    @Override
    public void accept(Reading reading) {
        accepted.add(reading);
    }

    @Override
    public void reject(RejectedReading r) {
        rejected.add(r);
    }
}
