package io.plantwatch.security;

import io.plantwatch.audit.AuditAction;
import io.plantwatch.audit.AuditEvent;
import io.plantwatch.audit.AuditException;
import io.plantwatch.audit.AuditTrail;
import io.plantwatch.domain.Principal;
import io.plantwatch.domain.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Operator administration: adding operators, changing passwords, roles, enabling and disabling.
 * Each change needs the {@link Role#ENGINEER} role (an operator may change their own password), is
 * audited ({@code OPERATOR_ADDED} / {@code OPERATOR_CHANGED}; a refusal too, with result
 * {@code REFUSED: …}), and is made only after its audit row is stored. Passwords never reach the
 * audit trail; only the fact that one changed.
 *
 * <p>Password rule: at least {@value #MIN_PASSWORD_LENGTH} characters (NIST SP 800-63B §5.1.1.2:
 * at least 8 for passwords the user chooses); no composition rules, which the same section advises
 * against. Blocking (hashing, database); thread-safe.
 */
public final class OperatorAdministration {

    /** Shortest password accepted (NIST SP 800-63B). */
    public static final int MIN_PASSWORD_LENGTH = 8;

    private final OperatorDirectory directory;
    private final AuditTrail audit;
    private final PasswordHasher hasher;
    private final Clock clock;

    /** Administration of a directory's accounts; new passwords are hashed with {@code hasher}. */
    public OperatorAdministration(OperatorDirectory directory, AuditTrail audit, PasswordHasher hasher, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Every account, by name. */
    public List<OperatorAccount> list() {
        return directory.list();
    }

    /** Whether no operator exists yet (first start). */
    public boolean noOperators() {
        return directory.isEmpty();
    }

    /**
     * Adds an operator.
     *
     * @throws NotPermittedException    when {@code by} is not an engineer (audited)
     * @throws IllegalArgumentException when the name is invalid or taken, or the password too short
     * @throws AuditException           when the audit row cannot be stored (nothing is added)
     */
    public synchronized OperatorAccount add(Principal by, String name, Role role, char[] password) {
        Objects.requireNonNull(role, "role");
        permit(by, AuditAction.OPERATOR_ADDED, name, "add operators");
        OperatorAccount.checkName(name);
        checkPassword(password);
        if (directory.find(name).isPresent()) {
            throw new IllegalArgumentException("operator " + name + " exists already");
        }
        OperatorAccount account = OperatorAccount.create(name, role, hasher.hash(password), clock.instant());
        record(by, AuditAction.OPERATOR_ADDED, name, null, role.name(), "OK");
        directory.add(account);
        return account;
    }

    /**
     * Creates the first account, an engineer, when there is none (the console's first start).
     * Audited as {@code OPERATOR_ADDED} by the new operator.
     *
     * @throws IllegalStateException    when an operator exists already
     * @throws IllegalArgumentException when the name is invalid or the password too short
     * @throws AuditException           when the audit row cannot be stored
     */
    public synchronized OperatorAccount createFirst(String name, char[] password, String host) {
        OperatorAccount.checkName(name);
        checkPassword(password);
        if (!directory.isEmpty()) {
            throw new IllegalStateException("there are operators already; ask an engineer to add you");
        }
        OperatorAccount account = OperatorAccount.create(name, Role.ENGINEER, hasher.hash(password), clock.instant());
        Principal self = new Principal(name, Role.ENGINEER, host);
        record(self, AuditAction.OPERATOR_ADDED, name, null, Role.ENGINEER.name(), "OK: first account");
        if (!directory.addFirst(account)) {
            throw new IllegalStateException("another first account was created meanwhile; log in with it");
        }
        return account;
    }

    /**
     * Sets an operator's password. An engineer may set anyone's; an operator or viewer only their own.
     *
     * @throws NotPermittedException    when not allowed (audited)
     * @throws IllegalArgumentException when there is no such operator or the password is too short
     */
    public synchronized void changePassword(Principal by, String name, char[] password) {
        if (!by.operator().equals(name)) {
            permit(by, AuditAction.OPERATOR_CHANGED, name, "change other operators' passwords");
        }
        checkPassword(password);
        OperatorAccount a = existing(name);
        record(by, AuditAction.OPERATOR_CHANGED, name, "password", "password (new)", "OK: password changed");
        directory.update(a.withPasswordHash(hasher.hash(password), clock.instant()));
    }

    /**
     * Enables or disables an operator. Disabling the last enabled engineer is refused, so that the
     * console keeps someone who can administer it.
     *
     * @throws NotPermittedException    when {@code by} is not an engineer (audited)
     * @throws IllegalArgumentException when there is no such operator
     * @throws IllegalStateException    when this would disable the last enabled engineer
     */
    public synchronized void setEnabled(Principal by, String name, boolean enabled) {
        permit(by, AuditAction.OPERATOR_CHANGED, name, (enabled ? "enable" : "disable") + " operators");
        OperatorAccount a = existing(name);
        if (a.enabled() == enabled) {
            return;
        }
        if (!enabled && a.role() == Role.ENGINEER && enabledEngineers() <= 1) {
            throw new IllegalStateException(name + " is the last enabled engineer; add or enable another engineer first");
        }
        record(by, AuditAction.OPERATOR_CHANGED, name, a.enabled() ? "enabled" : "disabled",
                enabled ? "enabled" : "disabled", "OK");
        directory.update(a.withEnabled(enabled, clock.instant()));
    }

    /**
     * Changes an operator's role (effective at their next login or unlock).
     *
     * @throws NotPermittedException    when {@code by} is not an engineer (audited)
     * @throws IllegalArgumentException when there is no such operator
     * @throws IllegalStateException    when this would demote the last enabled engineer
     */
    public synchronized void setRole(Principal by, String name, Role role) {
        permit(by, AuditAction.OPERATOR_CHANGED, name, "change roles");
        OperatorAccount a = existing(name);
        if (a.role() == role) {
            return;
        }
        if (a.role() == Role.ENGINEER && a.enabled() && enabledEngineers() <= 1) {
            throw new IllegalStateException(name + " is the last enabled engineer; add or enable another engineer first");
        }
        record(by, AuditAction.OPERATOR_CHANGED, name, a.role().name(), role.name(), "OK");
        directory.update(a.withRole(role, clock.instant()));
    }

    private long enabledEngineers() {
        return directory.list().stream().filter(o -> o.enabled() && o.role() == Role.ENGINEER).count();
    }

    private OperatorAccount existing(String name) {
        return directory.find(name).orElseThrow(() -> new IllegalArgumentException("there is no operator " + name));
    }

    private void permit(Principal by, AuditAction action, String target, String what) {
        if (!by.may(Role.ENGINEER)) {
            record(by, action, target == null ? "" : target, null, null,
                    "REFUSED: " + NotPermittedException.message(by, what, Role.ENGINEER));
            throw new NotPermittedException(by, what, Role.ENGINEER);
        }
    }

    private static void checkPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private void record(Principal by, AuditAction action, String target, String oldValue, String newValue, String result) {
        audit.append(new AuditEvent(Instant.now(clock), by.operator(), by.host(), action, target, oldValue, newValue, result,
                false));
    }

    /** A role as written on the command line and in messages: {@code operator}. */
    public static String roleName(Role r) {
        return r.name().toLowerCase(Locale.ROOT);
    }
}
