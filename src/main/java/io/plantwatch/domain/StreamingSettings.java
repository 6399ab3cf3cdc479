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

    /**
     * Defaults: 10 s windows, 5 s watermark, 250 ms trigger, 2 partitions, 1,000,000 readings per trigger.
     * The trigger meets DESIGN.md's "reading in → window result p99 < 1 s at the default trigger": a
     * window is emitted two micro-batches after the reading that closes it arrives, and with a 1 s
     * trigger that took p50 1.25 s, p99 2.3 s; with 250 ms p50 0.41 s, p99 0.65 s (docs/BENCHMARKS.md,
     * "Live MQTT ingest"). The cost is four micro-batches a second while readings flow.
     */
    public static StreamingSettings defaults() {
        return new StreamingSettings(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMillis(250), 2, 1_000_000);
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
