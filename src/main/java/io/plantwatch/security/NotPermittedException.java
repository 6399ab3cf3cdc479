package io.plantwatch.security;

import io.plantwatch.domain.Principal;
import io.plantwatch.domain.Role;

/**
 * A service refused an action because the principal's role does not include the role it needs.
 * The message names who, what and the role needed, for the operator.
 */
public final class NotPermittedException extends RuntimeException {

    private final Role required;

    /**
     * @param who      who asked
     * @param what     the action, as a verb phrase ("acknowledge alarms")
     * @param required the role it needs
     */
    public NotPermittedException(Principal who, String what, Role required) {
        super(message(who, what, required));
        this.required = required;
    }

    /** The role the action needs. */
    public Role required() {
        return required;
    }

    /** The operator's message: {@code J. Smith (viewer) may not acknowledge alarms: this needs the operator role}. */
    public static String message(Principal who, String what, Role required) {
        return who.operator() + " (" + who.role().name().toLowerCase(java.util.Locale.ROOT) + ") may not " + what
                + ": this needs the " + required.name().toLowerCase(java.util.Locale.ROOT) + " role"
                + (who.role() == Role.VIEWER ? "; log in" : "");
    }

    /**
     * Checks a principal's role.
     *
     * @throws NotPermittedException when {@code who} may not do what {@code required} may
     */
    public static void require(Principal who, Role required, String what) {
        if (!who.may(required)) {
            throw new NotPermittedException(who, what, required);
        }
    }
}
