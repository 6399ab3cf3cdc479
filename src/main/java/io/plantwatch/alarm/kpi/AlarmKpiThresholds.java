package io.plantwatch.alarm.kpi;

/**
 * The alarm-performance thresholds used by {@link AlarmKpiCalculator}, each with its source.
 *
 * <p>Sources: EEMUA Publication 191, "Alarm systems – a guide to design, management and procurement",
 * 3rd edition (2013), and ANSI/ISA-18.2-2016 "Management of Alarm Systems for the Process Industries",
 * clause 16 (monitoring and assessment), Table 9 "alarm performance metrics". ISA-18.2 states its
 * figures per operator position, averaged over at least 30 days; so do the rates here.
 *
 * <p>All counts are alarm activations; all durations are milliseconds of event time. Constants only;
 * thread-safe.
 */
public final class AlarmKpiThresholds {

    private AlarmKpiThresholds() {
    }

    /**
     * Length of one rate bucket: 10 minutes = 600,000 ms. ISA-18.2-2016 Table 9 and EEMUA 191 state
     * alarm rates and the flood criterion per 10-minute period.
     */
    public static final long BUCKET_MILLIS = 10 * 60 * 1000L;

    /**
     * "Very likely to be acceptable" load: about 1 alarm per 10 minutes per operator (≤ 6 per hour,
     * ~150 per day). EEMUA 191 3rd ed.; ISA-18.2-2016 Table 9, average alarm rate.
     */
    public static final double ACCEPTABLE_ALARMS_PER_10_MIN = 1.0;

    /**
     * "Maximum manageable" load: about 2 alarms per 10 minutes per operator (~12 per hour, ~300 per
     * day). EEMUA 191 3rd ed.; ISA-18.2-2016 Table 9, average alarm rate.
     */
    public static final double MANAGEABLE_ALARMS_PER_10_MIN = 2.0;

    /**
     * Flood: more than 10 alarms in 10 minutes per operator, i.e. a 10-minute period is a flood
     * period when its activations exceed {@code 10 × operators}. ISA-18.2-2016 §16 / Table 9 (alarm
     * flood; "percentage of 10-minute periods containing more than 10 alarms", target ~&lt;1 %);
     * EEMUA 191 3rd ed.
     */
    public static final int FLOOD_ALARMS_PER_10_MIN = 10;

    /**
     * Chattering: an alarm that activates 3 or more times within 1 minute. EEMUA 191 3rd ed. and
     * ISA-18.2-2016 §16 (Table 9 target for chattering alarms: zero).
     */
    public static final int CHATTER_ACTIVATIONS = 3;

    /** The 1-minute window of {@link #CHATTER_ACTIVATIONS}: 60,000 ms. */
    public static final long CHATTER_WINDOW_MILLIS = 60 * 1000L;

    /**
     * Standing (stale) alarm: active for more than 24 hours = 86,400,000 ms. EEMUA 191 3rd ed.;
     * ISA-18.2-2016 §16 / Table 9 (stale alarms).
     */
    public static final long STANDING_MILLIS = 24 * 60 * 60 * 1000L;

    /**
     * Number of most frequent alarms reported: 10. ISA-18.2-2016 Table 9, "percentage contribution of
     * the top 10 most frequent alarms to the overall alarm load".
     */
    public static final int TOP_N = 10;

    /**
     * Target share of low-priority activations, percent: ~80 %. EEMUA 191 3rd ed.; ISA-18.2-2016
     * Table 9, annunciated priority distribution (~80 % low / ~15 % medium / ~5 % high). PlantWatch
     * has priorities 1 (most urgent) to 4, so 4 is "low", 3 "medium" and 2 "high"; priority 1 is the
     * extra "highest" class of ISA-18.2's four-priority variant of that row (~&lt;1 %).
     */
    public static final double TARGET_LOW_PRIORITY_PERCENT = 80.0;

    /** Target share of medium-priority activations, percent: ~15 %. Same source as {@link #TARGET_LOW_PRIORITY_PERCENT}. */
    public static final double TARGET_MEDIUM_PRIORITY_PERCENT = 15.0;

    /** Target share of high-priority activations, percent: ~5 %. Same source as {@link #TARGET_LOW_PRIORITY_PERCENT}. */
    public static final double TARGET_HIGH_PRIORITY_PERCENT = 5.0;
}
