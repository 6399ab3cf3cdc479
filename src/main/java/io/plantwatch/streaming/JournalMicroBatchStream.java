package io.plantwatch.streaming;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.ReadMaxRows;
import org.apache.spark.sql.connector.read.streaming.SupportsAdmissionControl;

/**
 * Micro-batches over journal offsets. A batch covers {@code [start, end)}; the first batch starts
 * at offset 0 ("earliest"), so readings appended before the query started are not lost. Each batch
 * is capped at {@code maxReadingsPerTrigger} (admission control) and split into contiguous
 * offset ranges, one per input partition.
 */
final class JournalMicroBatchStream implements MicroBatchStream, SupportsAdmissionControl {

    private final String journalId;
    private final long maxRows;
    private final int partitions;

    JournalMicroBatchStream(String journalId, long maxRows, int partitions) {
        this.journalId = journalId;
        this.maxRows = maxRows;
        this.partitions = Math.max(1, partitions);
    }

    @Override
    public Offset initialOffset() {
        return new JournalOffset(0);
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
        long from = start == null ? 0 : ((JournalOffset) start).offset;
        long end = available();
        if (limit instanceof ReadMaxRows max) {
            end = Math.min(end, from + max.maxRows());
        }
        return new JournalOffset(end);
    }

    @Override
    public Offset reportLatestOffset() {
        return latestOffset();
    }

    @Override
    public InputPartition[] planInputPartitions(Offset start, Offset end) {
        long from = ((JournalOffset) start).offset;
        long to = ((JournalOffset) end).offset;
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
        // The in-memory journal keeps everything; retention of the durable journal is issue #3.
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
