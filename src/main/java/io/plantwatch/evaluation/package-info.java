/**
 * Offline scorers for anomaly detectors on public benchmarks: the Numenta Anomaly Benchmark
 * (NAB v1.1, {@link io.plantwatch.evaluation.NabScorer}) and the Skoltech Anomaly Benchmark
 * (SKAB v0.9, {@link io.plantwatch.evaluation.SkabScorer}), plus loaders for their label and data
 * files. Plain Java and Jackson only: no Spark and no JavaFX (checked by an ArchUnit test).
 *
 * <p>All timestamps in both benchmarks are naive local clock times. Where a {@code long} is used,
 * it is that clock reading expressed as milliseconds since 1970-01-01T00:00 of the same clock
 * (computed with offset zero purely as arithmetic; no time zone is implied).
 */
package io.plantwatch.evaluation;
