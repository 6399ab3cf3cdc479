package io.plantwatch.streaming;

/**
 * What {@link StreamingPipeline#start} does with the query's checkpoint directory (Spark's offsets
 * and window state, and the id of the last micro-batch delivered to the {@link WindowSink}).
 */
public enum CheckpointPolicy {

    /**
     * Delete it and start at the journal's start offset with empty window state: for a journal that
     * starts empty on every run (a replay into a {@code MemoryJournal}).
     */
    CLEAR,

    /**
     * Keep it: the query continues at the checkpointed offset with its window state restored, and
     * micro-batches delivered before a crash are not delivered again. For the durable
     * {@code SegmentJournal}, whose offsets survive a restart. The first start (no checkpoint yet)
     * begins at the journal's start offset.
     */
    RESUME
}
