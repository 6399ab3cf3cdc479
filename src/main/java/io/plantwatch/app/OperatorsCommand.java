package io.plantwatch.app;

import io.plantwatch.domain.Principal;
import io.plantwatch.domain.Role;
import io.plantwatch.security.OperatorAccount;
import io.plantwatch.security.OperatorAdministration;
import io.plantwatch.security.PasswordHasher;
import io.plantwatch.storage.Database;
import io.plantwatch.storage.H2AuditTrail;
import io.plantwatch.storage.H2OperatorStore;
import java.io.Console;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code plantwatch operators add|list|passwd|disable|enable}: operator accounts in the data
 * directory's database, with the console closed (H2 allows one process). Every change is in the
 * audit trail, as operator {@code cli:<OS user>} with the engineer role: whoever can run this on the
 * data directory can read and write its database anyway, so the command line is trusted like the
 * directory's file permissions (docs/security.md).
 *
 * <p>Passwords are read from the terminal twice without echo, or, for scripts, from the environment
 * variable named by {@code --password-env}; never from the command line (it would show in the
 * process list and shell history).
 */
@Command(name = "operators", mixinStandardHelpOptions = true,
        description = "Operator accounts: add, list, passwd, disable, enable (console closed).",
        subcommands = {OperatorsCommand.Add.class, OperatorsCommand.ListOperators.class, OperatorsCommand.Passwd.class,
            OperatorsCommand.Disable.class, OperatorsCommand.Enable.class})
public final class OperatorsCommand implements Runnable {

    @Option(names = {"--data", "--data-dir"}, paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Data directory (default: the per-user data directory).")
    Path dataDir;

    /** The environment, for {@code --password-env} (tests replace it). */
    Function<String, String> env = System::getenv;
    /** The terminal, for passwords typed twice (tests replace it; null without a terminal). */
    java.util.function.Supplier<Console> terminal = System::console;

    @Override
    public void run() {
        System.err.println("choose: operators add | list | passwd | disable | enable (see --help)");
    }

    private Path data() {
        return dataDir == null ? AppDirs.defaultDataDir() : dataDir;
    }

    /** Who the command line acts as. */
    static Principal cliPrincipal() {
        return new Principal("cli:" + System.getProperty("user.name", "unknown"), Role.ENGINEER, ConsoleHost.name());
    }

    /** Runs an administration step on the data directory's database. */
    /** {@code disable} and {@code enable}: sets the flag as the CLI's principal and says so. */
    private int setEnabled(String name, boolean enabled) {
        withAdmin(a -> {
            a.setEnabled(cliPrincipal(), name, enabled);
            return null;
        });
        System.out.println(name + (enabled ? " enabled" : " disabled"));
        return 0;
    }

    private <T> T withAdmin(Function<OperatorAdministration, T> step) {
        try (Database db = Database.open(data())) {
            OperatorAdministration admin = new OperatorAdministration(new H2OperatorStore(db), new H2AuditTrail(db),
                    new PasswordHasher(), Clock.systemUTC());
            return step.apply(admin);
        }
    }

    /**
     * The new password: from {@code --password-env}, else typed twice on the terminal.
     *
     * @throws IllegalArgumentException when the variable is unset, there is no terminal, or the two differ
     */
    private char[] password(String variable, String forWhom) {
        if (variable != null) {
            String v = env.apply(variable);
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException("environment variable " + variable + " is not set");
            }
            return v.toCharArray();
        }
        Console c = terminal.get();
        if (c == null) {
            throw new IllegalArgumentException("no terminal to read the password from; use --password-env VAR");
        }
        char[] first = c.readPassword("Password for %s: ", forWhom);
        char[] second = c.readPassword("Repeat the password: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            throw new IllegalArgumentException("the two passwords differ");
        }
        Arrays.fill(second, '\0');
        return first;
    }

    private static Role role(String text) {
        try {
            return Role.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be viewer, operator or engineer, was '" + text + "'");
        }
    }

    /** {@code operators add --name N --role R [--password-env VAR]}. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an operator.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        OperatorsCommand parent;

        @Option(names = "--name", required = true, description = "Login name (letters, digits, space, . _ - @).")
        String name;

        @Option(names = "--role", required = true, description = "viewer, operator or engineer.")
        String role;

        @Option(names = "--password-env", paramLabel = "VAR", description = "Read the password from this environment variable.")
        String passwordEnv;

        @Override
        public Integer call() {
            Role r = role(role);
            OperatorAccount.checkName(name);
            char[] pw = parent.password(passwordEnv, name);
            try {
                parent.withAdmin(a -> a.add(cliPrincipal(), name, r, pw));
            } finally {
                Arrays.fill(pw, '\0');
            }
            System.out.println("added " + name + " (" + OperatorAdministration.roleName(r) + ")");
            return 0;
        }
    }

    /** {@code operators list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the operators.")
    static final class ListOperators implements Callable<Integer> {
        @ParentCommand
        OperatorsCommand parent;

        @Override
        public Integer call() {
            var accounts = parent.withAdmin(OperatorAdministration::list);
            DateTimeFormatter t = DateTimeFormatter.ISO_INSTANT;
            System.out.printf("%-24s %-9s %-8s %-7s %s%n", "NAME", "ROLE", "STATE", "FAILED", "CHANGED (UTC)");
            for (OperatorAccount a : accounts) {
                System.out.printf("%-24s %-9s %-8s %-7d %s%n", a.name(), OperatorAdministration.roleName(a.role()),
                        a.enabled() ? "enabled" : "disabled", a.failedLogins(), t.format(a.changedAt()));
            }
            if (accounts.isEmpty()) {
                System.out.println("(no operators; add one with: plantwatch operators add --name NAME --role engineer)");
            }
            return 0;
        }
    }

    /** {@code operators passwd --name N [--password-env VAR]}. */
    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set an operator's password.")
    static final class Passwd implements Callable<Integer> {
        @ParentCommand
        OperatorsCommand parent;

        @Option(names = "--name", required = true, description = "The operator.")
        String name;

        @Option(names = "--password-env", paramLabel = "VAR", description = "Read the password from this environment variable.")
        String passwordEnv;

        @Override
        public Integer call() {
            char[] pw = parent.password(passwordEnv, name);
            try {
                parent.withAdmin(a -> {
                    a.changePassword(cliPrincipal(), name, pw);
                    return null;
                });
            } finally {
                Arrays.fill(pw, '\0');
            }
            System.out.println("password of " + name + " changed");
            return 0;
        }
    }

    /** {@code operators disable --name N}. */
    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable an operator (no more logins).")
    static final class Disable implements Callable<Integer> {
        @ParentCommand
        OperatorsCommand parent;

        @Option(names = "--name", required = true, description = "The operator.")
        String name;

        @Override
        public Integer call() {
            return parent.setEnabled(name, false);
        }
    }

    /** {@code operators enable --name N}. */
    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled operator.")
    static final class Enable implements Callable<Integer> {
        @ParentCommand
        OperatorsCommand parent;

        @Option(names = "--name", required = true, description = "The operator.")
        String name;

        @Override
        public Integer call() {
            return parent.setEnabled(name, true);
        }
    }
}
