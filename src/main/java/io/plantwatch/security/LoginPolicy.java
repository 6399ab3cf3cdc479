package io.plantwatch.security;

import java.time.Duration;
import java.util.Objects;

/**
 * How logins are guarded (the site file's {@code security:} block, docs/configuration.md).
 *
 * <p>A control room cannot afford to keep a real operator out during an upset, so the lockout is
 * a short throttle, not a permanent lock: after {@code maxFailedLogins} consecutive wrong passwords
 * the account refuses logins for {@code lockout}, and any other operator can still log in (OWASP
 * Authentication Cheat Sheet, "Account Lockout": lockout threshold, observation window and lockout
 * duration are the site's choice).
 *
 * @param lockAfter       the console locks after this long without input (0: never)
 * @param maxFailedLogins consecutive wrong passwords before the lockout, ≥ 1
 * @param lockout         how long logins of that account are then refused, ≥ 0
 */
public record LoginPolicy(Duration lockAfter, int maxFailedLogins, Duration lockout) {

    /** 15 minutes of inactivity; 5 wrong passwords lock the account for 5 minutes. */
    public static final LoginPolicy DEFAULTS = new LoginPolicy(Duration.ofMinutes(15), 5, Duration.ofMinutes(5));

    /** @throws IllegalArgumentException when a value is out of range */
    public LoginPolicy {
        Objects.requireNonNull(lockAfter, "lockAfter");
        Objects.requireNonNull(lockout, "lockout");
        if (lockAfter.isNegative()) {
            throw new IllegalArgumentException("lockAfter must not be negative");
        }
        if (maxFailedLogins < 1) {
            throw new IllegalArgumentException("maxFailedLogins must be at least 1, was " + maxFailedLogins);
        }
        if (lockout.isNegative()) {
            throw new IllegalArgumentException("lockout must not be negative");
        }
    }
}
