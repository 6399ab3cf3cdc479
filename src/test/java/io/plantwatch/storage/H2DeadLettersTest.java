package io.plantwatch.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.domain.DeadLetter;
import io.plantwatch.domain.RejectedReading;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link H2DeadLetters} on a real H2 file database in a temporary directory. */
class H2DeadLettersTest {

    private static final Instant T0 = Instant.parse("2026-05-04T10:15:30.123456Z");

    @TempDir
    Path dataDir;

    private final List<Database> opened = new ArrayList<>();

    @AfterEach
    void closeDatabases() {
        opened.forEach(Database::close);
    }

    private Database open() {
        Database db = Database.open(dataDir);
        opened.add(db);
        return db;
    }

    /** A clock the test moves by hand. */
    private static final class SettableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(T0);

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
            return now.get();
        }
    }

    @Test
    void recentReturnsTheNewestDeadLettersFirstWithAllFieldsAfterReopen() {
        SettableClock clock = new SettableClock();
        H2DeadLetters dead = new H2DeadLetters(open(), clock);
        for (int i = 1; i <= 5; i++) {
            clock.now.set(T0.plusSeconds(i));
            dead.store(new RejectedReading("sensors/P-1/flow", i, "reason " + i, "{\"value\": " + i + "}"));
        }
        opened.remove(0).close();

        H2DeadLetters reopened = new H2DeadLetters(open(), clock);
        List<DeadLetter> recent = reopened.recent(3);

        assertThat(recent).extracting(DeadLetter::reason).containsExactly("reason 5", "reason 4", "reason 3");
        DeadLetter newest = recent.get(0);
        assertThat(newest.receivedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(newest.source()).isEqualTo("sensors/P-1/flow");
        assertThat(newest.position()).isEqualTo(5);
        assertThat(newest.payload()).isEqualTo("{\"value\": 5}");
        assertThat(recent.get(0).id()).isGreaterThan(recent.get(1).id());
        assertThat(reopened.recent(100)).hasSize(5);
    }

    @Test
    void recentOfAnEmptyTableIsEmptyAndALimitBelowOneIsRefused() {
        H2DeadLetters dead = new H2DeadLetters(open(), Clock.fixed(T0, ZoneOffset.UTC));

        assertThat(dead.recent(10)).isEmpty();
        assertThatThrownBy(() -> dead.recent(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    @Test
    void recentKeepsTheTruncatedPayloadAndAnEmptyRawAsEmpty() {
        H2DeadLetters dead = new H2DeadLetters(open(), Clock.fixed(T0, ZoneOffset.UTC));
        dead.store(new RejectedReading("kafka plant-readings-0", 42, "not JSON", "x".repeat(5000)));
        dead.store(new RejectedReading("recording.csv", 7, "empty line", null));

        List<DeadLetter> recent = dead.recent(2);

        assertThat(recent.get(0).payload()).isEmpty();
        assertThat(recent.get(1).payload()).hasSize(H2DeadLetters.MAX_PAYLOAD + 1).endsWith("…");
        assertThat(recent.get(1).position()).isEqualTo(42);
    }
}
