package io.plantwatch.domain;

/**
 * What an operator of the console may do, from least to most. Checked by the services that act on
 * the plant (alarm handling, commands), not only by the screens that offer the actions.
 *
 * <ul>
 *   <li>{@link #VIEWER}: sees everything, changes nothing;</li>
 *   <li>{@link #OPERATOR}: acknowledges and shelves alarms and sends catalog commands that ask for
 *       this role;</li>
 *   <li>{@link #ENGINEER}: all of the above, plus commands that ask for it, free-form publishes,
 *       configuration changes and operator administration.</li>
 * </ul>
 */
public enum Role {
    VIEWER, OPERATOR, ENGINEER;

    /** Whether this role may do what {@code required} may (roles are ordered). */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }
}
