package io.plantwatch.ui;

/**
 * What the status bar shows, sampled at the UI cadence.
 *
 * @param sparkState        STARTING, RUNNING, STOPPED or FAILED (with reason in {@code sparkDetail})
 * @param sparkDetail       failure reason, may be empty
 * @param watermarkMillis   Spark's event-time watermark, epoch ms (0 before the first batch)
 * @param windowsEmitted    window statistics rows so far
 * @param readingsIn        readings in the journal
 * @param readingsRejected  input rejected to the dead-letter table since the console started
 * @param recording         name of the recording being replayed (ignored when {@code live})
 * @param speed             replay speed factor, infinite for max
 * @param replayed          readings replayed so far
 * @param total             readings in the recording
 * @param replayEventMillis event time of the last replayed reading
 * @param live              true when readings come from the live connections (their states are in
 *                          {@link ConsoleFeed#connectionStates()}), false while a recording is replayed
 */
public record StatusSnapshot(String sparkState, String sparkDetail, long watermarkMillis, long windowsEmitted,
        long readingsIn, long readingsRejected, String recording, double speed, long replayed, long total,
        long replayEventMillis, boolean live) {

    /** A snapshot of a replay (not live). */
    public StatusSnapshot(String sparkState, String sparkDetail, long watermarkMillis, long windowsEmitted,
            long readingsIn, long readingsRejected, String recording, double speed, long replayed, long total,
            long replayEventMillis) {
        this(sparkState, sparkDetail, watermarkMillis, windowsEmitted, readingsIn, readingsRejected, recording, speed,
                replayed, total, replayEventMillis, false);
    }
}
