package io.plantwatch.streaming;

import io.plantwatch.journal.ReadingJournal;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.unsafe.types.UTF8String;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one offset range of the journal as Spark rows, in blocks of {@value #BLOCK} readings so
 * that the journal is visited in tight loops. Tag strings are converted to {@link UTF8String}
 * once per tag (the journal hands out the same String instance for a tag). Readings that the
 * journal's retention deleted before they were read are skipped with a warning.
 */
final class JournalPartitionReader implements PartitionReader<InternalRow> {

    private static final Logger LOG = LoggerFactory.getLogger(JournalPartitionReader.class);
    private static final int BLOCK = 4096;

    private final ReadingJournal journal;
    private final long to;
    private long next;
    private final UTF8String[] tags = new UTF8String[BLOCK];
    private final long[] times = new long[BLOCK];
    private final double[] values = new double[BLOCK];
    private int size;
    private int pos = -1;
    private final Map<String, UTF8String> utf8 = new IdentityHashMap<>();
    private final String journalId;

    /** Tag of the end-of-stream row of a sealed journal; filtered out by the pipeline. */
    static final String END_OF_STREAM_TAG = "_plantwatch/end_of_stream";

    JournalPartitionReader(JournalMicroBatchStream.JournalInputPartition p) {
        this.journalId = p.journalId();
        this.journal = JournalRegistry.get(p.journalId());
        this.next = p.from();
        this.to = p.to();
    }

    @Override
    public boolean next() {
        pos++;
        if (pos < size) {
            return true;
        }
        if (next >= to) {
            return false;
        }
        long first = journal.startOffset();
        if (next < first) {
            skipDeleted(first);
            if (next >= to) {
                return false;
            }
        }
        long journalEnd = journal.endOffset();
        long end = Math.min(Math.min(to, next + BLOCK), journalEnd);
        size = 0;
        if (next == journalEnd) {
            // past the journal: only the end-of-stream row of a sealed journal lives here
            Long sealed = JournalRegistry.sealedAt(journalId);
            if (sealed == null) {
                return false;
            }
            tags[0] = UTF8String.fromString(END_OF_STREAM_TAG);
            times[0] = sealed * 1000L;
            values[0] = 0;
            size = 1;
            next = next + 1;
            pos = 0;
            return true;
        }
        try {
            journal.read(next, end, (offset, tag, eventTimeMillis, value) -> {
                tags[size] = utf8.computeIfAbsent(tag, UTF8String::fromString);
                times[size] = eventTimeMillis * 1000L;
                values[size] = value;
                size++;
            });
        } catch (IndexOutOfBoundsException e) {
            if (journal.startOffset() <= next) {
                throw e;
            }
            // retention deleted the block between the check above and the read: skip it, then go on
            size = 0;
            pos = -1;
            return next();
        }
        next = end;
        pos = 0;
        return size > 0;
    }

    private void skipDeleted(long first) {
        long skipTo = Math.min(first, to);
        LOG.warn("journal retention deleted offsets [{}, {}) of a micro-batch before they were read: {} readings are"
                + " missing from the window statistics", next, skipTo, skipTo - next);
        next = skipTo;
    }

    @Override
    public InternalRow get() {
        return new GenericInternalRow(new Object[] {tags[pos], times[pos], values[pos]});
    }

    @Override
    public void close() {
        // nothing held
    }
}
