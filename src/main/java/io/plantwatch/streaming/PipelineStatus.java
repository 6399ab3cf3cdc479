package io.plantwatch.streaming;

/**
 * A snapshot of the streaming pipeline's health for the status bar and reports.
 *
 * @param state              STARTING, RUNNING, STOPPED or FAILED
 * @param detail             failure reason or empty
 * @param watermarkMillis    current event-time watermark, epoch ms (0 before the first)
 * @param lastBatchId        last completed micro-batch, -1 before the first
 * @param lastBatchMillis    duration of the last micro-batch, ms
 * @param windowsEmitted     windows delivered to the sink since start
 * @param committedOffset    journal offset up to which Spark has processed
 */
public record PipelineStatus(State state, String detail, long watermarkMillis, long lastBatchId,
        long lastBatchMillis, long windowsEmitted, long committedOffset) {

    /** Lifecycle of the embedded query. */
    public enum State { STARTING, RUNNING, STOPPED, FAILED }
}
