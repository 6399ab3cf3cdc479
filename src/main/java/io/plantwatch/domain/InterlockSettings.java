package io.plantwatch.domain;

import java.util.List;

/**
 * The site file's {@code interlocks} block: automatic actions on alarms, off unless
 * {@code enabled: true} (DESIGN.md decision 6).
 *
 * @param enabled whether the rules act at all
 * @param rules   the rules, in file order, with unique names
 */
public record InterlockSettings(boolean enabled, List<InterlockRule> rules) {

    /** No automatic actions. */
    public static final InterlockSettings OFF = new InterlockSettings(false, List.of());

    /** @throws IllegalArgumentException when two rules share a name */
    public InterlockSettings {
        rules = List.copyOf(rules);
        if (rules.stream().map(InterlockRule::name).distinct().count() != rules.size()) {
            throw new IllegalArgumentException("two interlock rules have the same name");
        }
    }
}
