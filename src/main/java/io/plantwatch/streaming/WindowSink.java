package io.plantwatch.streaming;

import io.plantwatch.domain.WindowStats;
import java.util.List;

/**
 * Receives the windows each micro-batch closes, on Spark's stream execution thread, in batch
 * order. Must not block for long (it delays the next batch).
 */
@FunctionalInterface
public interface WindowSink {

    /**
     * @param batchId the micro-batch id
     * @param windows windows closed by this batch (watermark passed their end), any order
     */
    void onWindows(long batchId, List<WindowStats> windows);
}
