package io.plantwatch.ui.login;

import io.plantwatch.domain.Principal;
import io.plantwatch.domain.Role;
import io.plantwatch.security.LoginException;
import io.plantwatch.security.LoginService;
import io.plantwatch.ui.ConsoleServices;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is at the console: the header's "logged in as", the login dialog, the first-start offer and
 * the inactivity lock. Logins run on the actions executor (password hashing takes a fraction of a
 * second); their outcome is applied by {@link #refresh()} at the UI cadence, which also reads the
 * session's principal and locks the console when there has been no input for the site's
 * {@code lockAfter} ({@link #userActivity()} is fed by the scene's input events).
 *
 * <p>FX thread only, except where noted. Passwords are taken as char arrays and cleared after use.
 */
public final class SessionViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(SessionViewModel.class);

    /** The outcome of a login, unlock or first account, for {@link #refresh()}. */
    private record Outcome(boolean ok, String message) {
    }

    private final ConsoleServices services;
    private final Executor actions;
    private final LongSupplier nanoClock;
    private final ReadOnlyStringWrapper who = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loggedIn = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper lockedOperator = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper mayAct = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper successes = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyBooleanWrapper firstStart = new ReadOnlyBooleanWrapper(false);
    private final AtomicReference<Outcome> pending = new AtomicReference<>();
    private final AtomicReference<Boolean> pendingFirstStart = new AtomicReference<>();
    private volatile long lastInputNanos;
    private boolean lockRequested;

    /** A session on the system clock. */
    public SessionViewModel(ConsoleServices services, Executor actions) {
        this(services, actions, System::nanoTime);
    }

    /**
     * @param nanoClock monotonic time in ns for the inactivity lock (tests pass their own)
     */
    public SessionViewModel(ConsoleServices services, Executor actions, LongSupplier nanoClock) {
        this.services = services;
        this.actions = actions;
        this.nanoClock = nanoClock;
        this.lastInputNanos = nanoClock.getAsLong();
        read();
    }

    /** "J. Smith (operator)", or "Not logged in (view only)"; for the header. */
    public ReadOnlyStringProperty whoProperty() {
        return who.getReadOnlyProperty();
    }

    /** Whether an operator is logged in (also while locked). */
    public ReadOnlyBooleanProperty loggedInProperty() {
        return loggedIn.getReadOnlyProperty();
    }

    /** Whether the console is locked: covered, asking for the password again. */
    public ReadOnlyBooleanProperty lockedProperty() {
        return locked.getReadOnlyProperty();
    }

    /** The operator whose session is locked (prefills the lock screen); empty when not locked. */
    public ReadOnlyStringProperty lockedOperatorProperty() {
        return lockedOperator.getReadOnlyProperty();
    }

    /** Whether the console's principal may act on alarms (operator role or more, not locked). */
    public ReadOnlyBooleanProperty mayActProperty() {
        return mayAct.getReadOnlyProperty();
    }

    /** Whether a login, unlock or account creation is running. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The last refusal or error for the operator; empty after a success. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Counts successful logins, unlocks and first accounts (dialogs close when it changes). */
    public ReadOnlyIntegerProperty successesProperty() {
        return successes.getReadOnlyProperty();
    }

    /** True once the services report that no operator account exists (the first start offer). */
    public ReadOnlyBooleanProperty firstStartProperty() {
        return firstStart.getReadOnlyProperty();
    }

    /** Asks (off the FX thread) whether there are no operators yet; {@link #firstStartProperty()} follows. */
    public void checkFirstStart() {
        actions.execute(() -> {
            try {
                pendingFirstStart.set(services.noOperators());
            } catch (RuntimeException e) {
                LOG.error("operators could not be read", e);
            }
        });
    }

    /** The first-start offer was answered (created or skipped). */
    public void firstStartDone() {
        firstStart.set(false);
    }

    /** Input arrived (key, mouse): restarts the inactivity timer. Any thread. */
    public void userActivity() {
        lastInputNanos = nanoClock.getAsLong();
    }

    /** Logs an operator in on the actions executor; the password array is cleared afterwards. */
    public void login(String operator, char[] password) {
        submit(() -> {
            services.login(operator == null ? "" : operator.strip(), password);
            return null;
        }, password);
    }

    /**
     * From the lock screen: the locked operator unlocks with their password; anyone else logs in
     * (which logs the locked operator out).
     */
    public void unlock(String operator, char[] password) {
        Principal lockedBy = services.lockedOperator();
        String name = operator == null ? "" : operator.strip();
        if (lockedBy != null && lockedBy.operator().equals(name)) {
            submit(() -> {
                services.unlock(password);
                return null;
            }, password);
        } else {
            login(name, password);
        }
    }

    /**
     * Creates the first engineer account and logs it in; both passwords must match.
     */
    public void createFirstEngineer(String name, char[] password, char[] repeat) {
        if (!Arrays.equals(password, repeat)) {
            Arrays.fill(password, '\0');
            Arrays.fill(repeat, '\0');
            message.set("The two passwords differ.");
            return;
        }
        Arrays.fill(repeat, '\0');
        submit(() -> {
            services.createFirstEngineer(name == null ? "" : name.strip(), password);
            return null;
        }, password);
    }

    /** Logs out on the actions executor. */
    public void logout() {
        actions.execute(() -> {
            try {
                services.logout();
            } catch (RuntimeException e) {
                LOG.error("logout failed", e);
                pending.set(new Outcome(false, "Logout was not recorded: " + e.getMessage()));
            }
        });
    }

    /** A login step that may be refused. */
    @FunctionalInterface
    private interface Step {
        Void run() throws LoginException;
    }

    private void submit(Step step, char[] password) {
        if (busy.get()) {
            Arrays.fill(password, '\0');
            return;
        }
        busy.set(true);
        message.set("");
        actions.execute(() -> {
            try {
                step.run();
                pending.set(new Outcome(true, ""));
            } catch (LoginException e) {
                pending.set(new Outcome(false, e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("login step failed", e);
                pending.set(new Outcome(false, e.getMessage() == null ? e.toString() : e.getMessage()));
            } finally {
                Arrays.fill(password, '\0');
            }
        });
    }

    /** Applies finished logins, reads the session, and locks after inactivity. At the UI cadence; FX thread. */
    public void refresh() {
        Outcome o = pending.getAndSet(null);
        if (o != null) {
            busy.set(false);
            message.set(o.message());
            if (o.ok()) {
                successes.set(successes.get() + 1);
                lastInputNanos = nanoClock.getAsLong();
                lockRequested = false;
            }
        }
        Boolean first = pendingFirstStart.getAndSet(null);
        if (first != null) {
            firstStart.set(first);
        }
        read();
        Duration after = services.lockAfter();
        if (loggedIn.get() && !locked.get() && !lockRequested && !after.isZero()
                && nanoClock.getAsLong() - lastInputNanos >= after.toNanos()) {
            lockRequested = true;
            actions.execute(() -> {
                try {
                    services.lock();
                } catch (RuntimeException e) {
                    LOG.error("the console could not be locked", e);
                }
            });
        }
        if (!loggedIn.get() || locked.get()) {
            lockRequested = false;
        }
    }

    private void read() {
        Principal p = services.principal();
        Principal l = services.lockedOperator();
        boolean isLocked = l != null;
        Principal shown = isLocked ? l : p;
        boolean in = !LoginService.isNobody(shown);
        // the operator first: the lock screen reads it when locked changes
        lockedOperator.set(isLocked ? l.operator() : "");
        loggedIn.set(in);
        locked.set(isLocked);
        mayAct.set(!isLocked && p.may(Role.OPERATOR));
        who.set(!in ? "Not logged in (view only)"
                : shown.operator() + " (" + shown.role().name().toLowerCase(Locale.ROOT) + ")" + (isLocked ? ", locked" : ""));
    }
}
