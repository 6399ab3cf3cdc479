package io.plantwatch.testsupport;

import io.plantwatch.domain.Role;
import io.plantwatch.security.OperatorAccount;
import io.plantwatch.security.PasswordHasher;
import io.plantwatch.storage.Database;
import io.plantwatch.storage.H2OperatorStore;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Operator accounts for tests: added straight to a data directory's database (before a console
 * opens it), hashed with {@link #FAST} so that logins in tests take milliseconds. The login checks
 * the iterations stored in each hash, so such accounts log in like any other.
 */
public final class Operators {

    /** A hasher with 1,000 iterations (production: 600,000). */
    public static final PasswordHasher FAST = new PasswordHasher(1_000);

    private Operators() {
    }

    /** Adds an enabled account to the database in {@code dataDir} (opened and closed here). */
    public static void add(Path dataDir, String name, Role role, String password) {
        try (Database db = Database.open(dataDir)) {
            new H2OperatorStore(db).add(OperatorAccount.create(name, role, FAST.hash(password.toCharArray()), Instant.now()));
        }
    }
}
