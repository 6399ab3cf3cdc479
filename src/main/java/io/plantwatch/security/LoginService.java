package io.plantwatch.security;

import io.plantwatch.audit.AuditAction;
import io.plantwatch.audit.AuditEvent;
import io.plantwatch.audit.AuditException;
import io.plantwatch.audit.AuditTrail;
import io.plantwatch.domain.Principal;
import io.plantwatch.domain.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Logs operators in and out of a console and issues the {@link Principal}s that services check.
 * Every login, failed login, logout, lock and unlock is a row in the audit trail; when that row
 * cannot be stored the login does not happen ({@link AuditException} propagates).
 *
 * <p>Failed logins: consecutive wrong passwords are counted on the account; at
 * {@link LoginPolicy#maxFailedLogins()} the account refuses logins for {@link LoginPolicy#lockout()}
 * (audited as {@code LOGIN_FAILED} with the reason). An unknown name costs the same hashing time as
 * a known one and gets the same message, so a login does not reveal which names exist.
 *
 * <p>A hash made with fewer iterations than the hasher's current count is replaced at the next
 * successful login. Blocking (password hashing, a fraction of a second, and the database): call off
 * the FX thread. Thread-safe: logins are serialised, so the failed-login count is exact.
 */
public final class LoginService {

    /** The operator name of the principal that stands for "nobody is logged in" (a viewer). */
    public static final String NOBODY = "(nobody)";

    private final OperatorDirectory directory;
    private final AuditTrail audit;
    private final PasswordHasher hasher;
    private final LoginPolicy policy;
    private final Clock clock;
    private final String host;

    /**
     * @param host the console's host name, written into every principal and audit row
     */
    public LoginService(OperatorDirectory directory, AuditTrail audit, PasswordHasher hasher, LoginPolicy policy, Clock clock,
            String host) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.host = Objects.requireNonNull(host, "host");
    }

    /** The console's host name. */
    public String host() {
        return host;
    }

    /** The login policy (inactivity lock, failed-login lockout). */
    public LoginPolicy policy() {
        return policy;
    }

    /** The viewer principal a console runs as while nobody is logged in: it sees everything and changes nothing. */
    public Principal nobody() {
        return new Principal(NOBODY, Role.VIEWER, host);
    }

    /** Whether a principal is the {@link #nobody()} placeholder rather than a logged-in operator. */
    public static boolean isNobody(Principal p) {
        return p == null || NOBODY.equals(p.operator());
    }

    /**
     * Logs an operator in.
     *
     * @return the operator's principal, with the role stored on the account
     * @throws LoginException when the name is unknown, the password wrong, the account disabled or
     *                        locked out; audited as {@code LOGIN_FAILED}
     * @throws AuditException when the audit row cannot be stored (the operator is then not logged in)
     */
    public synchronized Principal login(String name, char[] password) throws LoginException {
        String who = name == null ? "" : name.strip();
        OperatorAccount account = authenticate(who, password, AuditAction.LOGIN_FAILED);
        Principal p = new Principal(account.name(), account.role(), host);
        record(p.operator(), AuditAction.LOGIN, account.name(), null, account.role().name(), "OK");
        return p;
    }

    /**
     * Logs a principal out (audited as {@code LOGOUT}); nothing for {@link #nobody()}.
     *
     * @param why the result column, e.g. {@code OK} or {@code OK: replaced at the lock screen by A. Smith}
     * @throws AuditException when the audit row cannot be stored
     */
    public void logout(Principal who, String why) {
        if (!isNobody(who)) {
            record(who.operator(), AuditAction.LOGOUT, who.operator(), who.role().name(), null, why);
        }
    }

    /**
     * Records that the console locked a principal's session (inactivity); nothing for {@link #nobody()}.
     *
     * @param why e.g. {@code OK: no input for 15m}
     * @throws AuditException when the audit row cannot be stored
     */
    public void lock(Principal who, String why) {
        if (!isNobody(who)) {
            record(who.operator(), AuditAction.SESSION_LOCKED, who.operator(), null, null, why);
        }
    }

    /**
     * Unlocks a locked session: the same operator enters their password again. The account is read
     * afresh, so a role changed or an account disabled meanwhile takes effect here.
     *
     * @return the operator's principal, as stored now
     * @throws LoginException as {@link #login}; audited as {@code LOGIN_FAILED}
     * @throws AuditException when the audit row cannot be stored
     */
    public synchronized Principal unlock(Principal locked, char[] password) throws LoginException {
        OperatorAccount account = authenticate(locked.operator(), password, AuditAction.LOGIN_FAILED);
        Principal p = new Principal(account.name(), account.role(), host);
        record(p.operator(), AuditAction.SESSION_UNLOCKED, account.name(), null, account.role().name(), "OK");
        return p;
    }

    private OperatorAccount authenticate(String name, char[] password, AuditAction failure) throws LoginException {
        Instant now = clock.instant();
        Optional<OperatorAccount> found = name.isEmpty() ? Optional.empty() : directory.find(name);
        String target = name.isEmpty() ? "(empty name)" : name;
        if (found.isEmpty()) {
            hasher.waste(password);
            record(target, failure, target, null, null, "REFUSED: unknown operator");
            throw new LoginException(LoginException.Reason.BAD_CREDENTIALS, "Unknown operator or wrong password.");
        }
        OperatorAccount account = found.get();
        if (account.lockedAt(now)) {
            record(target, failure, target, null, null, "REFUSED: locked out until " + account.lockedUntil()
                    + " after " + account.failedLogins() + " wrong passwords");
            throw new LoginException(LoginException.Reason.LOCKED_OUT, "Too many wrong passwords for " + name
                    + ": try again after " + java.time.format.DateTimeFormatter.ISO_LOCAL_TIME.format(
                            account.lockedUntil().atZone(clock.getZone()).toLocalTime().withNano(0))
                    + ", or let another operator log in.");
        }
        boolean ok = hasher.verify(password, account.passwordHash());
        if (!ok) {
            int failures = account.failedLogins() + 1;
            Instant until = failures >= policy.maxFailedLogins() && !policy.lockout().isZero()
                    ? now.plus(policy.lockout()) : null;
            directory.update(account.withFailedLogin(until));
            record(target, failure, target, null, null, "REFUSED: wrong password (" + failures + " in a row)"
                    + (until == null ? "" : "; locked out until " + until));
            throw new LoginException(LoginException.Reason.BAD_CREDENTIALS, "Unknown operator or wrong password.");
        }
        if (!account.enabled()) {
            record(target, failure, target, null, null, "REFUSED: account disabled");
            throw new LoginException(LoginException.Reason.DISABLED, "The account " + name
                    + " is disabled; ask an engineer to enable it.");
        }
        OperatorAccount after = account.withSuccessfulLogin();
        if (hasher.needsRehash(account.passwordHash())) {
            after = new OperatorAccount(after.name(), after.role(), hasher.hash(password), after.enabled(), 0, null,
                    after.createdAt(), after.changedAt());
        }
        if (!after.equals(account)) {
            directory.update(after);
        }
        return after;
    }

    private void record(String operator, AuditAction action, String target, String oldValue, String newValue,
            String result) {
        audit.append(new AuditEvent(clock.instant(), operator, host, action, target, oldValue, newValue, result, false));
    }
}
