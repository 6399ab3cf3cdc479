package io.plantwatch.domain;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Two replays side by side (the CLI's {@code plantwatch compare} and the console's "Compare
 * replays…"): one row per measure, in display order, grouped by section (readings and windows,
 * alarms by priority, alarms by tag, EEMUA 191 KPIs, anomalies).
 *
 * @param labelA what run A was (recording, and site file when it is not the default)
 * @param labelB what run B was
 * @param rows   the measures, in display order
 */
public record ReplayComparison(String labelA, String labelB, List<Row> rows) {

    /** Copies the rows. */
    public ReplayComparison {
        Objects.requireNonNull(labelA, "labelA");
        Objects.requireNonNull(labelB, "labelB");
        rows = List.copyOf(rows);
    }

    /**
     * One measure of both runs, formatted for display.
     *
     * @param section e.g. "Alarms by priority"
     * @param measure e.g. "P1 activations"
     * @param a       run A's value as text ("—" when it does not apply)
     * @param b       run B's value as text
     */
    public record Row(String section, String measure, String a, String b) {
        /** True when both runs show the same text. */
        public boolean same() {
            return a.equals(b);
        }
    }

    /**
     * What to compare: two recordings, or one recording with two site configurations (detector
     * settings, limits).
     *
     * @param recordingA recording of run A (long CSV, JSON lines, Parquet, or wide CSV with its mapping beside it)
     * @param configA    site configuration of run A; null for the console's (or the bundled demo site)
     * @param recordingB recording of run B; null for {@code recordingA}
     * @param configB    site configuration of run B; null for {@code configA}
     */
    public record Request(Path recordingA, Path configA, Path recordingB, Path configB) {
        /** @throws NullPointerException without recording A */
        public Request {
            Objects.requireNonNull(recordingA, "recording A");
        }

        /** Run B's recording: {@code recordingB}, or A's. */
        public Path effectiveRecordingB() {
            return recordingB == null ? recordingA : recordingB;
        }

        /** Run B's site file: {@code configB}, or A's. */
        public Path effectiveConfigB() {
            return configB == null ? configA : configB;
        }
    }
}
