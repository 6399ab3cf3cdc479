/**
 * Streaming anomaly detectors over the pipeline's window statistics (ADR 0005): a device-level
 * Hotelling T² for fast tags and a slow z-score for thermal tags. Plain Java; they are fed by the
 * window-statistics query of {@code io.plantwatch.streaming}.
 */
package io.plantwatch.streaming.detect;
