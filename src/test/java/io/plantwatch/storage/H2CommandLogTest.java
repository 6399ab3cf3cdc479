package io.plantwatch.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.domain.CommandRecord;
import io.plantwatch.domain.CommandStatus;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link H2CommandLog} on a real H2 file database (migration V4). */
class H2CommandLogTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:15:30.123456Z");

    @TempDir
    Path dataDir;

    private static CommandRecord queued(String id, Instant at) {
        return new CommandRecord(id, "P-101", "valve_position", "42.5", "commands/P-101/valve_position", "alice",
                "console-1", false, "opening slowly", "31.9 L/min", CommandStatus.QUEUED, "", at.minusSeconds(3), at,
                null, null);
    }

    @Test
    void aCommandIsUpdatedInPlaceThroughItsLifecycleAndSurvivesAReopen() {
        CommandRecord q = queued("c-1", T0);
        CommandRecord done = q.sent(T0.plusMillis(2)).completed(CommandStatus.ACKNOWLEDGED, "accepted by the device",
                T0.plusMillis(9));
        try (Database db = Database.open(dataDir)) {
            H2CommandLog log = new H2CommandLog(db);
            log.save(q);
            assertThat(log.find("c-1")).contains(q);
            log.save(q.sent(T0.plusMillis(2)));
            log.save(done);
            assertThat(log.recent(10)).containsExactly(done);
        }
        try (Database db = Database.open(dataDir)) {
            assertThat(new H2CommandLog(db).find("c-1")).contains(done);
            assertThat(new H2CommandLog(db).find("nope")).isEmpty();
        }
    }

    @Test
    void recentIsNewestFirstAndLongTextsAreCut() {
        try (Database db = Database.open(dataDir)) {
            H2CommandLog log = new H2CommandLog(db);
            log.save(queued("a", T0));
            log.save(queued("b", T0.plusSeconds(1)));
            CommandRecord automatic = new CommandRecord("c", "P-101", "shutdown", null, "commands/P-101/shutdown",
                    "auto:overtemp", "console-1", true, "x".repeat(3000), null, CommandStatus.QUEUED, "", null,
                    T0.plusSeconds(2), null, null);
            log.save(automatic);
            assertThat(log.recent(2)).extracting(CommandRecord::id).containsExactly("c", "b");
            CommandRecord back = log.find("c").orElseThrow();
            assertThat(back.automatic()).isTrue();
            assertThat(back.value()).isNull();
            assertThat(back.note()).hasSize(2000).endsWith("…");
            assertThatThrownBy(() -> log.recent(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
