package io.plantwatch.streaming;

import org.apache.spark.sql.connector.read.streaming.Offset;

/** A journal offset as Spark checkpoints it: the JSON text is the number itself. */
final class JournalOffset extends Offset {

    final long offset;

    JournalOffset(long offset) {
        this.offset = offset;
    }

    @Override
    public String json() {
        return Long.toString(offset);
    }
}
