package io.plantwatch.security;

import io.plantwatch.domain.Role;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An operator account as stored: login name, role, password hash, and the state the login service
 * keeps (enabled, consecutive failed logins, lockout). Immutable; the {@code with…} methods return
 * changed copies.
 *
 * @param name         login name: 1–64 characters, letters, digits, space, {@code . _ - @}, starting with a
 *                     letter or digit (e.g. {@code J. Smith}, {@code jsmith}); compared exactly
 * @param role         what the operator may do
 * @param passwordHash the {@link PasswordHasher} stored form; never the password
 * @param enabled      false: the account exists (its audit rows keep their meaning) but cannot log in
 * @param failedLogins consecutive wrong passwords since the last successful login, ≥ 0
 * @param lockedUntil  no login before this instant (too many failed logins); null when not locked
 * @param createdAt    when the account was added
 * @param changedAt    when its role, password or enabled flag last changed
 */
public record OperatorAccount(String name, Role role, String passwordHash, boolean enabled, int failedLogins,
        Instant lockedUntil, Instant createdAt, Instant changedAt) {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._@-]{0,63}");

    /** @throws IllegalArgumentException when the name breaks the rule above or failedLogins is negative */
    public OperatorAccount {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(changedAt, "changedAt");
        checkName(name);
        if (failedLogins < 0) {
            throw new IllegalArgumentException("failedLogins must not be negative");
        }
    }

    /**
     * Checks a login name.
     *
     * @return the name
     * @throws IllegalArgumentException with the rule, when it is not a valid name
     */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || !name.equals(name.strip())) {
            throw new IllegalArgumentException("operator name '" + name + "' is not valid: use 1 to 64 letters, digits, "
                    + "spaces and . _ - @, starting with a letter or digit, without spaces at the end");
        }
        return name;
    }

    /** A new, enabled account without failed logins. */
    public static OperatorAccount create(String name, Role role, String passwordHash, Instant now) {
        return new OperatorAccount(name, role, passwordHash, true, 0, null, now, now);
    }

    /** This account with another password hash; failed logins and lockout are cleared. */
    public OperatorAccount withPasswordHash(String hash, Instant now) {
        return new OperatorAccount(name, role, hash, enabled, 0, null, createdAt, now);
    }

    /** This account enabled or disabled; failed logins and lockout are cleared. */
    public OperatorAccount withEnabled(boolean on, Instant now) {
        return new OperatorAccount(name, role, passwordHash, on, 0, null, createdAt, now);
    }

    /** This account with another role. */
    public OperatorAccount withRole(Role newRole, Instant now) {
        return new OperatorAccount(name, newRole, passwordHash, enabled, failedLogins, lockedUntil, createdAt, now);
    }

    /** This account after a wrong password: one more failed login, locked until {@code until} (null: not locked). */
    public OperatorAccount withFailedLogin(Instant until) {
        return new OperatorAccount(name, role, passwordHash, enabled, failedLogins + 1, until, createdAt, changedAt);
    }

    /** This account after a successful login: no failed logins, not locked. */
    public OperatorAccount withSuccessfulLogin() {
        return new OperatorAccount(name, role, passwordHash, enabled, 0, null, createdAt, changedAt);
    }

    /** Whether logins are refused at {@code now} because of failed logins. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }
}
