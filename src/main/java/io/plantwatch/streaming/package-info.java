/**
 * The only package that imports Spark: the embedded session, the DataSource V2 micro-batch source
 * over the reading journal, the event-time windowed statistics query, the journal export to
 * Parquet ({@link io.plantwatch.streaming.JournalExport}) and the Parquet reader of the replay
 * ({@link io.plantwatch.streaming.ParquetRecordings}).
 */
package io.plantwatch.streaming;
