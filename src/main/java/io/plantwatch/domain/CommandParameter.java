package io.plantwatch.domain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The value a catalog command carries (site file, {@code commands.devices[].commands[].parameter}).
 * Values travel as text between the operator, the site file and the service, and are checked here
 * with one rule for the console and the simulated devices.
 *
 * @param type   what kind of value, {@link Type#NONE} for a command without one ({@code shutdown})
 * @param min    NUMBER: lowest allowed value, engineering units (inclusive); NaN otherwise
 * @param max    NUMBER: highest allowed value, engineering units (inclusive); NaN otherwise
 * @param unit   NUMBER: the engineering unit, e.g. {@code %} or {@code L/min}; may be empty
 * @param values ENUM: the allowed values, case-sensitive, in display order; empty otherwise
 */
public record CommandParameter(Type type, double min, double max, String unit, List<String> values) {

    /** Kind of a command's value. */
    public enum Type { NONE, NUMBER, ENUM, BOOLEAN }

    /** A command without a value. */
    public static final CommandParameter NONE = new CommandParameter(Type.NONE, Double.NaN, Double.NaN, "", List.of());

    /** @throws IllegalArgumentException when a NUMBER has no finite {@code min < max}, or an ENUM no values */
    public CommandParameter {
        Objects.requireNonNull(type, "type");
        unit = unit == null ? "" : unit;
        values = values == null ? List.of() : List.copyOf(values);
        if (type == Type.NUMBER) {
            if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
                throw new IllegalArgumentException("a number parameter needs min < max, both finite, was min " + min
                        + ", max " + max);
            }
        }
        if (type == Type.ENUM) {
            if (values.isEmpty() || values.stream().anyMatch(v -> v == null || v.isBlank())) {
                throw new IllegalArgumentException("an enum parameter needs a list of non-empty values");
            }
            if (values.stream().distinct().count() != values.size()) {
                throw new IllegalArgumentException("an enum parameter lists a value twice: " + values);
            }
        }
    }

    /** A number between min and max (inclusive), in {@code unit}. */
    public static CommandParameter number(double min, double max, String unit) {
        return new CommandParameter(Type.NUMBER, min, max, unit, List.of());
    }

    /** One of the given values. */
    public static CommandParameter oneOf(List<String> values) {
        return new CommandParameter(Type.ENUM, Double.NaN, Double.NaN, "", values);
    }

    /** {@code true} or {@code false}. */
    public static CommandParameter bool() {
        return new CommandParameter(Type.BOOLEAN, Double.NaN, Double.NaN, "", List.of());
    }

    /**
     * Checks a requested value and returns it in canonical text: {@code null} for NONE, a number as
     * Java writes the double ({@code 42.0}), {@code true}/{@code false}, or the enum value.
     *
     * @param text the value as typed or configured; null or blank for "no value"
     * @throws IllegalArgumentException with the reason, when the value is missing, superfluous, of
     *                                  the wrong type or out of range
     */
    public String check(String text) {
        boolean given = text != null && !text.isBlank();
        switch (type) {
            case NONE -> {
                if (given) {
                    throw new IllegalArgumentException("takes no value, was given '" + text + "'");
                }
                return null;
            }
            case NUMBER -> {
                if (!given) {
                    throw new IllegalArgumentException("needs a number from " + describeRange());
                }
                double v;
                try {
                    v = Double.parseDouble(text.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("wrong type: '" + text + "' is not a number (expected " + describeRange() + ")");
                }
                return String.valueOf(checkNumber(v));
            }
            case BOOLEAN -> {
                String t = given ? text.trim().toLowerCase(Locale.ROOT) : "";
                if (!t.equals("true") && !t.equals("false")) {
                    throw new IllegalArgumentException("wrong type: needs true or false, was '" + (given ? text : "") + "'");
                }
                return t;
            }
            default -> {
                if (!given || !values.contains(text.trim())) {
                    throw new IllegalArgumentException("'" + (given ? text : "") + "' is not one of " + values);
                }
                return text.trim();
            }
        }
    }

    /**
     * Checks a number against the range.
     *
     * @return the value
     * @throws IllegalArgumentException when this is not a NUMBER parameter, or the value is not finite or out of range
     */
    public double checkNumber(double v) {
        if (type != Type.NUMBER) {
            throw new IllegalArgumentException("wrong type: a number was given, expected " + describe());
        }
        if (!Double.isFinite(v) || v < min || v > max) {
            throw new IllegalArgumentException("out of range: " + v + " is outside " + describeRange());
        }
        return v;
    }

    private String describeRange() {
        return fmt(min) + " to " + fmt(max) + (unit.isEmpty() ? "" : " " + unit);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** For messages and the confirmation dialog: {@code no value}, {@code number 0 to 100 %}, {@code one of [a, b]}, {@code true or false}. */
    public String describe() {
        return switch (type) {
            case NONE -> "no value";
            case NUMBER -> "number " + describeRange();
            case ENUM -> "one of " + values;
            case BOOLEAN -> "true or false";
        };
    }
}
