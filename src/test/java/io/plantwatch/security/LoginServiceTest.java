package io.plantwatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.audit.AuditAction;
import io.plantwatch.audit.AuditRecord;
import io.plantwatch.domain.Principal;
import io.plantwatch.domain.Role;
import io.plantwatch.storage.Database;
import io.plantwatch.storage.H2AuditTrail;
import io.plantwatch.storage.H2OperatorStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The login service on the real H2 operator table and audit trail. */
class LoginServiceTest {

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-20T06:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path dataDir;

    private Database db;
    private H2AuditTrail audit;
    private H2OperatorStore operators;
    private final MovableClock clock = new MovableClock();
    private final PasswordHasher hasher = new PasswordHasher(1_000);
    private LoginService login;
    private OperatorAdministration admin;
    private final Principal cli = new Principal("cli:test", Role.ENGINEER, "cr-pc1");

    @BeforeEach
    void open() {
        db = Database.open(dataDir);
        audit = new H2AuditTrail(db);
        operators = new H2OperatorStore(db);
        login = new LoginService(operators, audit, hasher, new LoginPolicy(Duration.ofMinutes(15), 3, Duration.ofMinutes(5)),
                clock, "cr-pc1");
        admin = new OperatorAdministration(operators, audit, hasher, clock);
        admin.add(cli, "alice", Role.OPERATOR, "alice-secret".toCharArray());
        admin.add(cli, "erin", Role.ENGINEER, "erin-secret".toCharArray());
        admin.add(cli, "victor", Role.VIEWER, "victor-secret".toCharArray());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<AuditRecord> rowsAfter(long seq) {
        return audit.read(seq + 1, 100);
    }

    @Test
    void loginIssuesAPrincipalWithTheStoredRoleAndIsAudited() throws Exception {
        long before = audit.lastSequence();

        Principal alice = login.login("alice", "alice-secret".toCharArray());
        Principal erin = login.login(" erin ", "erin-secret".toCharArray());
        Principal victor = login.login("victor", "victor-secret".toCharArray());

        assertThat(alice).isEqualTo(new Principal("alice", Role.OPERATOR, "cr-pc1"));
        assertThat(erin.role()).isEqualTo(Role.ENGINEER);
        assertThat(victor.role()).isEqualTo(Role.VIEWER);
        assertThat(alice.may(Role.OPERATOR)).isTrue();
        assertThat(victor.may(Role.OPERATOR)).isFalse();
        assertThat(rowsAfter(before)).extracting(r -> r.event().action() + " " + r.event().operator() + " "
                + r.event().newValue() + " " + r.event().result())
                .containsExactly("LOGIN alice OPERATOR OK", "LOGIN erin ENGINEER OK", "LOGIN victor VIEWER OK");
    }

    @Test
    void wrongPasswordAndUnknownNameGetTheSameMessageAndAreAudited() {
        long before = audit.lastSequence();

        assertThatThrownBy(() -> login.login("alice", "wrong".toCharArray())).isInstanceOf(LoginException.class)
                .hasMessage("Unknown operator or wrong password.")
                .extracting(e -> ((LoginException) e).reason()).isEqualTo(LoginException.Reason.BAD_CREDENTIALS);
        assertThatThrownBy(() -> login.login("mallory", "wrong".toCharArray())).isInstanceOf(LoginException.class)
                .hasMessage("Unknown operator or wrong password.");

        assertThat(rowsAfter(before)).extracting(r -> r.event().action() + " " + r.event().target() + " " + r.event().result())
                .containsExactly("LOGIN_FAILED alice REFUSED: wrong password (1 in a row)",
                        "LOGIN_FAILED mallory REFUSED: unknown operator");
        assertThat(operators.find("alice").orElseThrow().failedLogins()).isEqualTo(1);
    }

    @Test
    void disabledOperatorCannotLogInEvenWithTheRightPassword() {
        admin.setEnabled(cli, "alice", false);

        assertThatThrownBy(() -> login.login("alice", "alice-secret".toCharArray())).isInstanceOf(LoginException.class)
                .hasMessageContaining("disabled")
                .extracting(e -> ((LoginException) e).reason()).isEqualTo(LoginException.Reason.DISABLED);
        assertThat(audit.latest(1).get(0).event().result()).isEqualTo("REFUSED: account disabled");
    }

    @Test
    void consecutiveWrongPasswordsLockTheAccountForTheLockoutThenItOpensAgain() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> login.login("alice", "wrong".toCharArray())).isInstanceOf(LoginException.class);
        }
        assertThat(operators.find("alice").orElseThrow().lockedUntil()).isEqualTo(clock.now.plus(Duration.ofMinutes(5)));

        assertThatThrownBy(() -> login.login("alice", "alice-secret".toCharArray())).isInstanceOf(LoginException.class)
                .extracting(e -> ((LoginException) e).reason()).isEqualTo(LoginException.Reason.LOCKED_OUT);
        assertThat(login.login("erin", "erin-secret".toCharArray()).operator()).as("others still log in").isEqualTo("erin");

        clock.now = clock.now.plus(Duration.ofMinutes(5));
        assertThat(login.login("alice", "alice-secret".toCharArray()).operator()).isEqualTo("alice");
        assertThat(operators.find("alice").orElseThrow().failedLogins()).isZero();
        assertThat(operators.find("alice").orElseThrow().lockedUntil()).isNull();
    }

    @Test
    void lockUnlockAndLogoutAreAuditedAndUnlockNeedsTheSamePassword() throws Exception {
        Principal alice = login.login("alice", "alice-secret".toCharArray());
        long before = audit.lastSequence();

        login.lock(alice, "OK: no input for 15m");
        assertThatThrownBy(() -> login.unlock(alice, "erin-secret".toCharArray())).isInstanceOf(LoginException.class);
        Principal again = login.unlock(alice, "alice-secret".toCharArray());
        login.logout(again, "OK");
        login.logout(login.nobody(), "OK");

        assertThat(again).isEqualTo(alice);
        assertThat(rowsAfter(before)).extracting(r -> r.event().action())
                .containsExactly(AuditAction.SESSION_LOCKED, AuditAction.LOGIN_FAILED, AuditAction.SESSION_UNLOCKED,
                        AuditAction.LOGOUT);
    }

    @Test
    void aHashWithFewerIterationsIsReplacedAtTheNextLogin() throws Exception {
        String weak = new PasswordHasher(10).hash("alice-secret".toCharArray());
        operators.update(operators.find("alice").orElseThrow().withPasswordHash(weak, clock.now));

        login.login("alice", "alice-secret".toCharArray());

        String now = operators.find("alice").orElseThrow().passwordHash();
        assertThat(now).startsWith("pbkdf2-sha256$1000$");
        assertThat(hasher.verify("alice-secret".toCharArray(), now)).isTrue();
    }

    @Test
    void administrationNeedsAnEngineerAndRefusalsAreAudited() {
        Principal alice = new Principal("alice", Role.OPERATOR, "cr-pc1");

        assertThatThrownBy(() -> admin.add(alice, "mallory", Role.ENGINEER, "mallory-secret".toCharArray()))
                .isInstanceOf(NotPermittedException.class)
                .hasMessage("alice (operator) may not add operators: this needs the engineer role");
        assertThat(operators.find("mallory")).isEmpty();
        assertThat(audit.latest(1).get(0).event().result()).startsWith("REFUSED: alice (operator) may not add operators");
        assertThatThrownBy(() -> admin.add(cli, "shorty", Role.OPERATOR, "short".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 8");
        assertThatThrownBy(() -> admin.setEnabled(cli, "erin", false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("last enabled engineer");
        assertThatThrownBy(() -> admin.createFirst("first", "first-secret".toCharArray(), "cr-pc1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOperatorMayChangeTheirOwnPasswordOnly() throws Exception {
        Principal alice = new Principal("alice", Role.OPERATOR, "cr-pc1");

        admin.changePassword(alice, "alice", "new-alice-secret".toCharArray());
        assertThatThrownBy(() -> admin.changePassword(alice, "erin", "new-erin-secret".toCharArray()))
                .isInstanceOf(NotPermittedException.class);

        assertThat(login.login("alice", "new-alice-secret".toCharArray()).operator()).isEqualTo("alice");
        assertThat(audit.read(1, 100)).noneMatch(r -> String.valueOf(r.event().newValue()).contains("secret")
                || r.event().result().contains("secret"));
    }
}
