package io.plantwatch.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.domain.Role;
import io.plantwatch.security.OperatorAccount;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2OperatorStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-20T06:00:00.123456Z");

    @TempDir
    Path dataDir;

    private Database db;
    private H2OperatorStore store;

    @BeforeEach
    void open() {
        db = Database.open(dataDir);
        store = new H2OperatorStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void accountsSurviveAReopenWithEveryField() {
        OperatorAccount alice = new OperatorAccount("alice", Role.OPERATOR, "pbkdf2-sha256$1$AAAA$BBBB", true, 3,
                T0.plusSeconds(300), T0, T0.plusSeconds(5));
        store.add(alice);
        db.close();
        db = Database.open(dataDir);
        store = new H2OperatorStore(db);

        assertThat(store.find("alice")).contains(alice);
        assertThat(store.find("Alice")).as("names are exact").isEmpty();
    }

    @Test
    void listIsByNameAndIsEmptyTellsTheFirstStart() {
        assertThat(store.isEmpty()).isTrue();
        store.add(OperatorAccount.create("J. Smith", Role.ENGINEER, "h", T0));
        store.add(OperatorAccount.create("bob", Role.VIEWER, "h", T0));

        assertThat(store.isEmpty()).isFalse();
        assertThat(store.list()).extracting(OperatorAccount::name).containsExactly("J. Smith", "bob");
    }

    @Test
    void addFirstAddsOnlyIntoAnEmptyDirectory() {
        assertThat(store.addFirst(OperatorAccount.create("first", Role.ENGINEER, "h", T0))).isTrue();
        assertThat(store.addFirst(OperatorAccount.create("second", Role.ENGINEER, "h", T0))).isFalse();

        assertThat(store.list()).extracting(OperatorAccount::name).containsExactly("first");
    }

    @Test
    void updateReplacesTheAccountAndAddRefusesADuplicate() {
        OperatorAccount a = OperatorAccount.create("alice", Role.OPERATOR, "h1", T0);
        store.add(a);
        store.update(a.withRole(Role.ENGINEER, T0.plusSeconds(1)).withEnabled(false, T0.plusSeconds(2)));

        OperatorAccount stored = store.find("alice").orElseThrow();
        assertThat(stored.role()).isEqualTo(Role.ENGINEER);
        assertThat(stored.enabled()).isFalse();
        assertThat(stored.changedAt()).isEqualTo(T0.plusSeconds(2));
        assertThatThrownBy(() -> store.add(a)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exists");
        assertThatThrownBy(() -> store.update(OperatorAccount.create("nobody-here", Role.VIEWER, "h", T0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesOutsideTheRuleAreRefused() {
        assertThatThrownBy(() -> OperatorAccount.create("(nobody)", Role.VIEWER, "h", T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid");
        assertThatThrownBy(() -> OperatorAccount.create(" alice", Role.VIEWER, "h", T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OperatorAccount.create("a;drop", Role.VIEWER, "h", T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
