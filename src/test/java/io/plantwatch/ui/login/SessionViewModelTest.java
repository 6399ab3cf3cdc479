package io.plantwatch.ui.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.domain.Principal;
import io.plantwatch.domain.Role;
import io.plantwatch.security.LoginException;
import io.plantwatch.security.LoginService;
import io.plantwatch.testsupport.StubConsoleServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session's ViewModel as plain JUnit: a current-thread executor and a clock the test moves. */
class SessionViewModelTest {

    private final List<String> calls = new ArrayList<>();
    private long nanos = 0;

    /** Logs alice in with "alice-secret"; locks and unlocks like the console session. */
    private final StubConsoleServices services = new StubConsoleServices() {
        private final Principal nobody = new Principal(LoginService.NOBODY, Role.VIEWER, "cr-pc1");
        private Principal current = nobody;
        private boolean locked;

        @Override
        public Principal principal() {
            return locked ? nobody : current;
        }

        @Override
        public Principal lockedOperator() {
            return locked ? current : null;
        }

        @Override
        public Principal login(String operator, char[] password) throws LoginException {
            calls.add("login " + operator);
            if (!operator.equals("alice") || !new String(password).equals("alice-secret")) {
                throw new LoginException(LoginException.Reason.BAD_CREDENTIALS, "Unknown operator or wrong password.");
            }
            current = new Principal("alice", Role.OPERATOR, "cr-pc1");
            locked = false;
            return current;
        }

        @Override
        public void logout() {
            calls.add("logout");
            current = nobody;
            locked = false;
        }

        @Override
        public void lock() {
            calls.add("lock");
            locked = true;
        }

        @Override
        public Principal unlock(char[] password) throws LoginException {
            calls.add("unlock");
            if (!new String(password).equals("alice-secret")) {
                throw new LoginException(LoginException.Reason.BAD_CREDENTIALS, "Unknown operator or wrong password.");
            }
            locked = false;
            return current;
        }

        @Override
        public Duration lockAfter() {
            return Duration.ofMinutes(15);
        }
    };

    private final SessionViewModel vm = new SessionViewModel(services, Runnable::run, () -> nanos);

    @Test
    void nobodyLoggedInIsAViewerThatMayNotAct() {
        vm.refresh();

        assertThat(vm.whoProperty().get()).isEqualTo("Not logged in (view only)");
        assertThat(vm.loggedInProperty().get()).isFalse();
        assertThat(vm.mayActProperty().get()).isFalse();
    }

    @Test
    void aSuccessfulLoginShowsTheOperatorAndClearsThePasswordArray() {
        char[] pw = "alice-secret".toCharArray();

        vm.login(" alice ", pw);
        vm.refresh();

        assertThat(calls).containsExactly("login alice");
        assertThat(vm.whoProperty().get()).isEqualTo("alice (operator)");
        assertThat(vm.mayActProperty().get()).isTrue();
        assertThat(vm.successesProperty().get()).isEqualTo(1);
        assertThat(vm.messageProperty().get()).isEmpty();
        assertThat(new String(pw)).isEqualTo("\0".repeat(12));
    }

    @Test
    void aWrongPasswordIsAClearMessageAndNoLogin() {
        vm.login("alice", "nope".toCharArray());
        vm.refresh();

        assertThat(vm.messageProperty().get()).isEqualTo("Unknown operator or wrong password.");
        assertThat(vm.loggedInProperty().get()).isFalse();
        assertThat(vm.successesProperty().get()).isZero();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void theConsoleLocksAfterLockAfterWithoutInputAndNotBefore() {
        vm.login("alice", "alice-secret".toCharArray());
        vm.refresh();

        nanos += Duration.ofMinutes(14).toNanos();
        vm.refresh();
        vm.userActivity();
        nanos += Duration.ofMinutes(14).toNanos();
        vm.refresh();
        assertThat(calls).doesNotContain("lock");

        nanos += Duration.ofMinutes(1).toNanos();
        vm.refresh();
        vm.refresh();

        assertThat(calls).containsOnlyOnce("lock");
        assertThat(vm.lockedProperty().get()).isTrue();
        assertThat(vm.lockedOperatorProperty().get()).isEqualTo("alice");
        assertThat(vm.mayActProperty().get()).isFalse();
        assertThat(vm.whoProperty().get()).isEqualTo("alice (operator), locked");
    }

    @Test
    void theLockedOperatorUnlocksWithTheirPasswordAndAnotherNameLogsIn() {
        vm.login("alice", "alice-secret".toCharArray());
        vm.refresh();
        nanos += Duration.ofMinutes(15).toNanos();
        vm.refresh();

        vm.unlock("alice", "wrong".toCharArray());
        vm.refresh();
        assertThat(vm.lockedProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).isEqualTo("Unknown operator or wrong password.");

        vm.unlock("alice", "alice-secret".toCharArray());
        vm.refresh();
        assertThat(vm.lockedProperty().get()).isFalse();
        assertThat(vm.mayActProperty().get()).isTrue();

        nanos += Duration.ofMinutes(15).toNanos();
        vm.refresh();
        vm.unlock("bob", "x".toCharArray());
        vm.refresh();
        assertThat(calls).containsExactly("login alice", "lock", "unlock", "unlock", "lock", "login bob");
    }

    @Test
    void noLockWhileNobodyIsLoggedIn() {
        nanos += Duration.ofHours(1).toNanos();
        vm.refresh();

        assertThat(calls).isEmpty();
    }

    @Test
    void firstAccountNeedsTheSamePasswordTwice() {
        vm.createFirstEngineer("erin", "erin-secret".toCharArray(), "erin-secreT".toCharArray());

        assertThat(vm.messageProperty().get()).isEqualTo("The two passwords differ.");
        assertThat(calls).isEmpty();
    }
}
