package io.plantwatch.ingest.mqtt;

import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import io.plantwatch.ingest.ReadingSink;
import io.plantwatch.journal.MemoryJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A {@link ReadingSink} in front of a real {@link MemoryJournal}, keeping rejections and stale marks,
 * with optional faults: readings matching {@link #failOnce} make {@code accept} throw once each,
 * as a journal whose disk write failed would; {@link #failAlways} keeps failing. Thread-safe.
 */
final class JournalSink implements ReadingSink {

    final MemoryJournal journal = new MemoryJournal();
    final List<RejectedReading> rejected = new CopyOnWriteArrayList<>();
    final List<String> stale = new CopyOnWriteArrayList<>();
    private final List<Reading> failedAlready = new ArrayList<>();
    volatile Predicate<Reading> failOnce = r -> false;
    /** Readings matching this make {@code accept} throw every time (a journal that stays broken). */
    volatile Predicate<Reading> failAlways = r -> false;

    @Override
    public void accept(Reading reading) {
        if (failAlways.test(reading)) {
            throw new IllegalStateException("simulated journal outage");
        }
        synchronized (failedAlready) {
            if (failOnce.test(reading) && !failedAlready.contains(reading)) {
                failedAlready.add(reading);
                throw new IllegalStateException("simulated journal write failure");
            }
        }
        journal.append(reading);
    }

    @Override
    public void reject(RejectedReading r) {
        rejected.add(r);
    }

    @Override
    public void stale(List<String> tags, long eventTimeMillis, String reason) {
        stale.addAll(tags);
    }

    /** Everything in the journal, in offset order. */
    List<Reading> readings() {
        List<Reading> out = new ArrayList<>();
        long end = journal.endOffset();
        journal.read(0, end, (o, tag, t, v) -> out.add(new Reading(tag, t, v, "")));
        return out;
    }

    /** Number of readings in the journal. */
    long size() {
        return journal.endOffset();
    }
}
