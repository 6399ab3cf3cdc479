package io.plantwatch.domain;

import java.time.Duration;

/**
 * Settings of the windowed statistics query.
 *
 * @param window                 tumbling event-time window length
 * @param watermark              how late (event time) a reading may arrive and still count in its window
 * @param trigger                micro-batch trigger interval (processing time)
 * @param shufflePartitions      {@code spark.sql.shuffle.partitions}; small on a desktop (Spark's 200 costs seconds per batch)
 * @param maxReadingsPerTrigger  admission limit per micro-batch, bounds batch latency at max replay speed
 */
public record StreamingSettings(Duration window, Duration watermark, Duration trigger, int shufflePartitions,
        long maxReadingsPerTrigger) {

    /** Defaults: 10 s windows, 5 s watermark, 1 s trigger, 2 partitions, 1,000,000 readings per trigger. */
    public static StreamingSettings defaults() {
        return new StreamingSettings(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(1), 2, 1_000_000);
    }

    /** @throws IllegalArgumentException on non-positive durations or counts */
    public StreamingSettings {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("streaming.window must be positive");
        }
        if (watermark.isNegative()) {
            throw new IllegalArgumentException("streaming.watermark must be >= 0");
        }
        if (trigger.isNegative()) {
            throw new IllegalArgumentException("streaming.trigger must be >= 0");
        }
        if (shufflePartitions < 1) {
            throw new IllegalArgumentException("streaming.shufflePartitions must be >= 1");
        }
        if (maxReadingsPerTrigger < 1) {
            throw new IllegalArgumentException("streaming.maxReadingsPerTrigger must be >= 1");
        }
    }
}
