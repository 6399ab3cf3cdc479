package io.plantwatch.ui;

import javafx.scene.paint.Color;

/**
 * The console's palette after ANSI/ISA-101.01 (high-performance HMI): greys for everything normal,
 * colour reserved for abnormal conditions, one colour per alarm priority, used nowhere else.
 */
public final class Isa101 {

    private Isa101() {
    }

    /** Window background. */
    public static final Color BACKGROUND = Color.web("#d4d4d4");
    /** Tile and panel background. */
    public static final Color PANEL = Color.web("#e2e2e2");
    /** Normal text and values. */
    public static final Color TEXT = Color.web("#1e1e1e");
    /** Secondary text (units, scales). */
    public static final Color TEXT_MUTED = Color.web("#5c5c5c");
    /** Bar of a process value. */
    public static final Color BAR = Color.web("#505050");
    /** Background of a gauge's scale. */
    public static final Color BAR_BACKGROUND = Color.web("#c4c4c4");
    /** The normal operating band on an analog indicator. */
    public static final Color NORMAL_BAND = Color.web("#f2f2f2");
    /** The regions beyond a limit on an analog indicator (muted: the value is not there). */
    public static final Color LIMIT_REGION = Color.web("#a8a8a8");
    /** The region beyond a HIHI/LOLO limit. */
    public static final Color LIMIT_REGION_CRITICAL = Color.web("#8c8c8c");

    /**
     * A performance KPI above its "acceptable" level but within the "manageable" one (alarm KPIs tab).
     * Blue, so that it is never mistaken for an alarm priority.
     */
    public static final Color KPI_ATTENTION = Color.web("#a9c8e8");
    /** A performance KPI beyond its benchmark (alarm KPIs tab). */
    public static final Color KPI_BREACH = Color.web("#1f5a96");

    /**
     * A live connection that is reconnecting (readings are late, none lost yet). Teal, so that it
     * is never mistaken for an alarm priority or a KPI; dark text.
     */
    public static final Color COMMS_DEGRADED = Color.web("#8fcfd6");
    /** A live connection in error (no readings arrive). Dark teal; white text. */
    public static final Color COMMS_FAILED = Color.web("#1d6f78");

    /**
     * A command the device rejected (commands list). Brown, so that it is never mistaken for an alarm
     * priority, a KPI or a connection state; white text.
     */
    public static final Color COMMAND_FAILED = Color.web("#6d4c41");
    /** A command whose confirmation timed out: its outcome is unknown (commands list). Light brown; dark text. */
    public static final Color COMMAND_UNCONFIRMED = Color.web("#c8a98e");

    /**
     * The value of a stale tag (its source stopped reporting): bad data quality is shown dimmed and
     * hatched with the word STALE, not in colour: it is a data-quality state, not an alarm, and
     * ISA-101 keeps colour for abnormal process conditions that need action.
     */
    public static final Color STALE_VALUE = Color.web("#9a9a9a");
    /** The hatching laid over a stale tag's tile, semi-transparent grey. */
    public static final Color STALE_HATCH = Color.web("#7a7a7a", 0.35);

    /**
     * The colour of an alarm priority: 1 red, 2 orange, 3 yellow, 4 magenta.
     *
     * @throws IllegalArgumentException for a priority outside 1–4
     */
    public static Color priority(int priority) {
        return switch (priority) {
            case 1 -> Color.web("#d32f2f");
            case 2 -> Color.web("#ef7d00");
            case 3 -> Color.web("#f2c500");
            case 4 -> Color.web("#a23cb4");
            default -> throw new IllegalArgumentException("priority must be 1-4, was " + priority);
        };
    }

    /** CSS hex form of a colour, e.g. {@code #d32f2f}. */
    public static String css(Color c) {
        return String.format("#%02x%02x%02x", (int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255),
                (int) Math.round(c.getBlue() * 255));
    }
}
