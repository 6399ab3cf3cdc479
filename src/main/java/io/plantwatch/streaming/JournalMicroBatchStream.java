package io.plantwatch.streaming;

import io.plantwatch.journal.ReadingJournal;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.ReadMaxRows;
import org.apache.spark.sql.connector.read.streaming.SupportsAdmissionControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micro-batches over journal offsets. A batch covers {@code [start, end)}; the first batch of a new
 * query starts at the journal's {@link ReadingJournal#startOffset() start offset} ("earliest"), so
 * readings appended before the query started are not lost. A query resumed from its checkpoint
 * starts at the checkpointed offset; if retention deleted readings at and above it while the
 * console was down, the batch starts at the journal's start offset instead, and a warning says
 * how many readings were lost. Each batch is capped at {@code maxReadingsPerTrigger} (admission
 * control) and split into contiguous offset ranges, one per input partition.
 */
final class JournalMicroBatchStream implements MicroBatchStream, SupportsAdmissionControl {

    private static final Logger LOG = LoggerFactory.getLogger(JournalMicroBatchStream.class);

    private final String journalId;
    private final long maxRows;
    private final int partitions;
    /** The highest checkpointed offset already reported as lost to retention (warn once per gap). */
    private long lostReportedUpTo = -1;

    JournalMicroBatchStream(String journalId, long maxRows, int partitions) {
        this.journalId = journalId;
        this.maxRows = maxRows;
        this.partitions = Math.max(1, partitions);
    }

    @Override
    public Offset initialOffset() {
        return new JournalOffset(JournalRegistry.get(journalId).startOffset());
    }

    @Override
    public Offset latestOffset() {
        return new JournalOffset(available());
    }

    /** Journal end, plus one for the end-of-stream row once the journal is sealed. */
    private long available() {
        long end = JournalRegistry.get(journalId).endOffset();
        return JournalRegistry.sealedAt(journalId) == null ? end : end + 1;
    }

    @Override
    public ReadLimit getDefaultReadLimit() {
        return ReadLimit.maxRows(maxRows);
    }

    @Override
    public Offset latestOffset(Offset start, ReadLimit limit) {
        long from = start == null ? JournalRegistry.get(journalId).startOffset() : readableFrom(((JournalOffset) start).offset);
        long end = available();
        if (from > end) {
            throw new IllegalStateException("the checkpoint of the window statistics query is at journal offset " + from
                    + " but the journal ends at " + end + ": the journal was replaced or cut, or this checkpoint"
                    + " belongs to a finished (sealed) input; delete the query's checkpoint directory to start over"
                    + " from the journal's beginning");
        }
        if (limit instanceof ReadMaxRows max) {
            end = Math.min(end, from + max.maxRows());
        }
        return new JournalOffset(end);
    }

    @Override
    public Offset reportLatestOffset() {
        return latestOffset();
    }

    /**
     * The first offset of a batch that starts at the checkpointed {@code from}: {@code from} itself,
     * or the journal's start offset if retention deleted {@code from} (logged once per gap).
     */
    private long readableFrom(long from) {
        long first = JournalRegistry.get(journalId).startOffset();
        if (from >= first) {
            return from;
        }
        if (lostReportedUpTo < first) {
            lostReportedUpTo = first;
            LOG.warn("journal retention deleted {} readings (offsets [{}, {})) before Spark read them: the window"
                    + " statistics skip them and continue at offset {}; keep the console running or raise"
                    + " journal.retention", first - from, from, first, first);
        }
        return first;
    }

    @Override
    public InputPartition[] planInputPartitions(Offset start, Offset end) {
        long to = ((JournalOffset) end).offset;
        long from = Math.min(readableFrom(((JournalOffset) start).offset), to);
        long n = to - from;
        int parts = (int) Math.max(1, Math.min(partitions, n / 10_000 + 1));
        InputPartition[] out = new InputPartition[parts];
        for (int i = 0; i < parts; i++) {
            out[i] = new JournalInputPartition(journalId, from + n * i / parts, from + n * (i + 1) / parts);
        }
        return out;
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new ReaderFactory();
    }

    @Override
    public Offset deserializeOffset(String json) {
        return new JournalOffset(Long.parseLong(json.trim()));
    }

    @Override
    public void commit(Offset end) {
        // The journal's retention is by age and size (JournalSettings), not by what Spark committed.
    }

    @Override
    public void stop() {
        // nothing to release
    }

    /** One contiguous offset range of a batch. */
    record JournalInputPartition(String journalId, long from, long to) implements InputPartition {
    }

    static final class ReaderFactory implements PartitionReaderFactory {
        private static final long serialVersionUID = 1L;

        @Override
        public PartitionReader<InternalRow> createReader(InputPartition partition) {
            return new JournalPartitionReader((JournalInputPartition) partition);
        }
    }
}
