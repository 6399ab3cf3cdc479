package io.plantwatch.domain;

/**
 * Suppress-by-design (ISA-18.2 §12.2, "designed suppression"): a tag's alarms are not annunciated
 * while another tag says the equipment is not running, e.g. a stopped pump's flow alarms while its
 * motor current is below 0.2 A.
 *
 * @param tag       the tag that tells the plant state, {@code device/sensor}
 * @param below     true: suppress while that tag's value is below {@code threshold}; false: above it
 * @param threshold the switching value, in that tag's engineering unit
 */
public record SuppressionRule(String tag, boolean below, double threshold) {

    /** @throws IllegalArgumentException on an invalid tag id or non-finite threshold */
    public SuppressionRule {
        TagId.requireValid(tag);
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("suppression threshold must be a finite number");
        }
    }

    /** True when a value of {@link #tag()} means "suppress". */
    public boolean suppresses(double value) {
        return below ? value < threshold : value > threshold;
    }

    /** E.g. {@code P-101/motor_current < 0.2}. */
    public String describe() {
        return tag + (below ? " < " : " > ") + threshold;
    }
}
