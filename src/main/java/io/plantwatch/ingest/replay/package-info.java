/**
 * Replay of recorded files: {@link io.plantwatch.ingest.replay.Recording#load} reads long CSV
 * ({@link io.plantwatch.ingest.replay.RecordingParser}), JSON lines
 * ({@link io.plantwatch.ingest.replay.JsonLinesParser}), wide CSV through a
 * {@link io.plantwatch.domain.WideCsvMapping} ({@link io.plantwatch.ingest.replay.WideCsvParser},
 * mapping files in {@link io.plantwatch.ingest.replay.WideCsvMappings}) and Parquet (through a
 * {@link io.plantwatch.ingest.replay.ParquetRecordingReader} from {@code streaming}, since this
 * package does not import Spark); {@link io.plantwatch.ingest.replay.ReplaySource} plays a
 * recording into the journal at a speed factor, keeping event time.
 */
package io.plantwatch.ingest.replay;
