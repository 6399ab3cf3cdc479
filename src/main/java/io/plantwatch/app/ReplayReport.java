package io.plantwatch.app;

import java.util.List;
import java.util.Map;

/**
 * The JSON report of a headless replay ({@code plantwatch replay FILE --report OUT.json}).
 *
 * @param recording          file replayed
 * @param speed              speed factor, or "max"
 * @param readingsIn         readings appended to the journal
 * @param readingsRejected   lines rejected (kept in the dead-letter table)
 * @param rejectedByReason   rejected lines per reason, most frequent first
 * @param rejectedSample     the first rejected lines (at most 20), with line number and reason
 * @param windowsEmitted     window statistics rows emitted by Spark
 * @param alarmsRaised       limit alarm activations
 * @param alarmTransitions   alarm transitions journaled (activations, returns)
 * @param firstEventTime     ISO-8601 event time of the first reading
 * @param lastEventTime      ISO-8601 largest event time
 * @param sparkStartSeconds  time to start the Spark session and query, s
 * @param wallSeconds        from the start of the replay to the last window emitted, s
 * @param readingsPerSecond  readingsIn / wallSeconds
 */
public record ReplayReport(String recording, String speed, long readingsIn, long readingsRejected,
        Map<String, Long> rejectedByReason, List<Rejected> rejectedSample, long windowsEmitted, long alarmsRaised,
        long alarmTransitions, String firstEventTime, String lastEventTime, double sparkStartSeconds,
        double wallSeconds, double readingsPerSecond) {

    /** One rejected line. */
    public record Rejected(long line, String reason) {
    }
}
