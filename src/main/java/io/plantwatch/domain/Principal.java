package io.plantwatch.domain;

import java.util.Objects;

/**
 * Who is acting: a logged-in operator with their role, at a console host. Issued by the login
 * service; passed to every service call that changes the plant or the record, which checks the role
 * itself.
 *
 * @param operator the operator's name (login), not blank
 * @param role     the role they logged in with
 * @param host     the console's host name, for the audit trail
 */
public record Principal(String operator, Role role, String host) {

    /** @throws IllegalArgumentException when the operator or host is blank */
    public Principal {
        Objects.requireNonNull(role, "role");
        if (operator == null || operator.isBlank()) {
            throw new IllegalArgumentException("operator must not be blank");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
    }

    /** Whether this principal's role includes {@code required}. */
    public boolean may(Role required) {
        return role.includes(required);
    }
}
