package io.plantwatch.streaming;

import io.plantwatch.journal.ReadingJournal;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets Spark's reader code find the in-JVM journal by id: Spark instantiates the source from its
 * class name and serialises input partitions, so partitions carry the journal's id, not the
 * journal. Works in {@code local[*]} only, where executors share the driver's JVM (DESIGN.md
 * decision 2; cluster mode reads Kafka instead). Thread-safe.
 */
public final class JournalRegistry {

    private static final Map<String, ReadingJournal> JOURNALS = new ConcurrentHashMap<>();
    private static final Map<String, Long> SEALS = new ConcurrentHashMap<>();

    private JournalRegistry() {
    }

    /** Registers a journal and returns its id. */
    public static String register(ReadingJournal journal) {
        String id = UUID.randomUUID().toString();
        JOURNALS.put(id, journal);
        return id;
    }

    /** Removes a journal. */
    public static void unregister(String id) {
        JOURNALS.remove(id);
        SEALS.remove(id);
    }

    /**
     * Marks the end of a finite input (a replay): the source then emits one end-of-stream row at
     * offset {@code journal.endOffset()} with event time {@code eventTimeMillis}, which moves the
     * watermark past every real window so that the last windows are emitted.
     */
    static void seal(String id, long eventTimeMillis) {
        SEALS.put(id, eventTimeMillis);
    }

    /** The end-of-stream event time of a sealed journal, or null. */
    static Long sealedAt(String id) {
        return SEALS.get(id);
    }

    /** @throws IllegalStateException when no journal has this id (e.g. the pipeline was closed) */
    static ReadingJournal get(String id) {
        ReadingJournal j = JOURNALS.get(id);
        if (j == null) {
            throw new IllegalStateException("no journal registered as '" + id + "'; is the pipeline closed?");
        }
        return j;
    }
}
