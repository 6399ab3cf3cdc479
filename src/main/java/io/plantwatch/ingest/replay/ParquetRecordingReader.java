package io.plantwatch.ingest.replay;

import io.plantwatch.ingest.ReadingSink;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a Parquet recording into a sink. Parquet is read with Spark, which only
 * {@code io.plantwatch.streaming} may use, so the implementation ({@code streaming.ParquetRecordings})
 * is handed in by the composition root.
 */
@FunctionalInterface
public interface ParquetRecordingReader {

    /**
     * Reads every row of a Parquet file or folder as a reading, in journal offset order when the
     * file has an {@code offset} column (the export's layout), else in event-time order; a row that
     * is not a valid reading goes to {@code sink.reject} with its row number and the reason.
     *
     * @return rows read
     * @throws IOException              when the files cannot be read
     * @throws RecordingFormatException when required columns are missing
     */
    long read(Path fileOrFolder, ReadingSink sink) throws IOException;
}
