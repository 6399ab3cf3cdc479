package io.plantwatch.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A configured tag: what it measures, in which unit, its instrument range and its limit alarms.
 *
 * @param tag         {@code device/sensor}
 * @param description what an operator reads on the tile
 * @param unit        engineering unit, e.g. {@code L/min}
 * @param rangeLow    low end of the instrument range (gauge scale), engineering units
 * @param rangeHigh   high end of the instrument range, engineering units, &gt; rangeLow
 * @param limits      limit alarms, at most one per level, sorted LOLO, LO, HI, HIHI
 * @param suppressWhen suppress-by-design rule for this tag's alarms, or null
 * @param detectorClass which anomaly detector watches the tag
 * @param maxRatePerSecond rate-of-change limit, engineering units per second; NaN for none
 */
public record TagDefinition(String tag, String description, String unit, double rangeLow, double rangeHigh,
        List<LimitSpec> limits, SuppressionRule suppressWhen, DetectorClass detectorClass, double maxRatePerSecond) {

    /** A tag without a rate-of-change limit. */
    public TagDefinition(String tag, String description, String unit, double rangeLow, double rangeHigh,
            List<LimitSpec> limits, SuppressionRule suppressWhen, DetectorClass detectorClass) {
        this(tag, description, unit, rangeLow, rangeHigh, limits, suppressWhen, detectorClass, Double.NaN);
    }

    /** A tag without anomaly detection. */
    public TagDefinition(String tag, String description, String unit, double rangeLow, double rangeHigh,
            List<LimitSpec> limits, SuppressionRule suppressWhen) {
        this(tag, description, unit, rangeLow, rangeHigh, limits, suppressWhen, DetectorClass.NONE);
    }

    /** A tag without suppress-by-design. */
    public TagDefinition(String tag, String description, String unit, double rangeLow, double rangeHigh,
            List<LimitSpec> limits) {
        this(tag, description, unit, rangeLow, rangeHigh, limits, null, DetectorClass.NONE);
    }

    /** @throws IllegalArgumentException on an invalid tag id, empty range, duplicate or misordered limits */
    public TagDefinition {
        TagId.requireValid(tag);
        description = Objects.requireNonNullElse(description, "");
        unit = Objects.requireNonNullElse(unit, "");
        if (!(rangeHigh > rangeLow)) {
            throw new IllegalArgumentException(tag + ": range high " + rangeHigh + " must be above range low " + rangeLow);
        }
        limits = limits.stream().sorted(Comparator.comparing(LimitSpec::level)).toList();
        detectorClass = Objects.requireNonNullElse(detectorClass, DetectorClass.NONE);
        if (!Double.isNaN(maxRatePerSecond) && !(maxRatePerSecond > 0)) {
            throw new IllegalArgumentException(tag + ": maxRate must be > 0 (engineering units per second)");
        }
        if (suppressWhen != null && suppressWhen.tag().equals(tag)) {
            throw new IllegalArgumentException(tag + ": an alarm cannot be suppressed by its own tag");
        }
        if (limits.stream().anyMatch(l -> l.level() == LimitLevel.ANOMALY)) {
            throw new IllegalArgumentException(tag + ": ANOMALY is raised by the detectors, not configured as a limit");
        }
        for (int i = 1; i < limits.size(); i++) {
            LimitSpec a = limits.get(i - 1);
            LimitSpec b = limits.get(i);
            if (a.level() == b.level()) {
                throw new IllegalArgumentException(tag + ": " + a.level() + " is configured twice");
            }
            if (!(a.value() < b.value())) {
                throw new IllegalArgumentException(tag + ": " + a.level() + " (" + a.value() + ") must be below "
                        + b.level() + " (" + b.value() + ")");
            }
        }
    }

    /** The limit configured for a level, if any. */
    public Optional<LimitSpec> limit(LimitLevel level) {
        return limits.stream().filter(l -> l.level() == level).findFirst();
    }
}
