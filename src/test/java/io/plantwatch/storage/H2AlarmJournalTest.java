package io.plantwatch.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.plantwatch.alarm.AlarmActionException;
import io.plantwatch.alarm.AlarmEngine;
import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.AlarmTransition.Cause;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.domain.LimitSpec;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import io.plantwatch.domain.TagDefinition;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2AlarmJournalTest {

    private static final Instant WALL = Instant.parse("2026-05-04T10:15:30.123456Z");
    private static final Clock CLOCK = Clock.fixed(WALL, ZoneOffset.UTC);

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

    private static AlarmTransition transition(String tag, LimitLevel level, int priority, Cause cause, AlarmState from,
            AlarmState to, long eventTime, Instant wall, double value, double limit, String actor, String comment) {
        return new AlarmTransition(AlarmTransition.alarmId(tag, level), tag, level, priority, cause, from, to,
                eventTime, wall, value, limit, actor, comment);
    }

    @Test
    void latestTransitionPerAlarmSurvivesReopenWithAllFieldsIntact() {
        AlarmTransition loActivate = transition("P-101/flow", LimitLevel.LO, 2, Cause.ACTIVATE, AlarmState.NORMAL,
                AlarmState.UNACK, 1_583_759_678_123L, WALL, 31.25, 31.5, "system", "");
        AlarmTransition hiActivate = transition("P-101/motor_temperature", LimitLevel.HI, 3, Cause.ACTIVATE,
                AlarmState.NORMAL, AlarmState.UNACK, 1_583_759_680_000L, WALL.plusMillis(1), 85.5, 85, "system", "");
        AlarmTransition loAck = transition("P-101/flow", LimitLevel.LO, 2, Cause.ACKNOWLEDGE, AlarmState.UNACK,
                AlarmState.ACKED, 1_583_759_690_999L, Instant.parse("2026-05-04T10:16:00.000001Z"), Double.NaN, 31.5,
                "Åsa Öberg", "valve V-3 checked; flow ≈ 31 L/min");
        AlarmTransition hiReturn = transition("P-101/motor_temperature", LimitLevel.HI, 3, Cause.RETURN,
                AlarmState.UNACK, AlarmState.RTN_UNACK, 1_583_759_700_000L, WALL.plusSeconds(60), 84.0, 85,
                "system", "");

        Database db = open();
        H2AlarmJournal journal = new H2AlarmJournal(db);
        journal.record(loActivate);
        journal.record(hiActivate);
        journal.record(loAck);
        journal.record(hiReturn);
        db.close();

        H2AlarmJournal reopened = new H2AlarmJournal(open());
        List<AlarmTransition> latest = reopened.latestPerAlarm();

        assertThat(latest).containsExactly(loAck, hiReturn);
        AlarmTransition ack = latest.get(0);
        assertThat(ack.value()).isNaN();
        assertThat(ack.wallTime()).isEqualTo(Instant.parse("2026-05-04T10:16:00.000001Z"));
        assertThat(ack.eventTimeMillis()).isEqualTo(1_583_759_690_999L);
        assertThat(ack.actor()).isEqualTo("Åsa Öberg");
        assertThat(ack.comment()).isEqualTo("valve V-3 checked; flow ≈ 31 L/min");
        assertThat(reopened.all()).containsExactly(loActivate, hiActivate, loAck, hiReturn);
    }

    @Test
    void nanValueIsStoredAsSqlNull() throws SQLException {
        Database db = open();
        new H2AlarmJournal(db).record(transition("P-101/flow", LimitLevel.LO, 2, Cause.ACKNOWLEDGE,
                AlarmState.UNACK, AlarmState.ACKED, 0, WALL, Double.NaN, 31.5, "alice", ""));

        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT process_value FROM alarm_transition")) {
            assertThat(rs.next()).isTrue();
            rs.getDouble(1);
            assertThat(rs.wasNull()).isTrue();
        }
    }

    @Test
    void closingTwiceIsHarmlessAndTheDirectoryCanBeReopened() {
        Database db = Database.open(dataDir);
        db.close();
        db.close();

        assertThat(new H2AlarmJournal(open()).latestPerAlarm()).isEmpty();
    }

    @Test
    void emptyJournalHasNoLatestTransitions() {
        assertThat(new H2AlarmJournal(open()).latestPerAlarm()).isEmpty();
    }

    @Test
    void deadLettersAreCountedByReasonMostFrequentFirst() {
        Database db = open();
        H2DeadLetters dead = new H2DeadLetters(db, CLOCK);
        dead.store(new RejectedReading("rec.csv", 3, "value 'x' is not a number", "t,P-1,a,x,"));
        dead.store(new RejectedReading("rec.csv", 4, "expected 5 comma-separated fields, found 2", "t,P"));
        dead.store(new RejectedReading("rec.csv", 7, "value 'x' is not a number", "t,P-1,b,x,"));
        dead.store(new RejectedReading("mqtt", -1, "value 'x' is not a number", null));
        db.close();

        H2DeadLetters reopened = new H2DeadLetters(open(), CLOCK);

        assertThat(reopened.countsByReason()).containsExactly(
                entry("value 'x' is not a number", 3L),
                entry("expected 5 comma-separated fields, found 2", 1L));
    }

    @Test
    void oneMegabytePayloadIsTruncatedTo1024CharactersPlusEllipsis() throws SQLException {
        Database db = open();
        StringBuilder big = new StringBuilder(1 << 20);
        for (int i = 0; big.length() < (1 << 20); i++) {
            big.append(i % 10);
        }
        String payload = big.toString();
        String longReason = "r".repeat(5000);

        H2DeadLetters dead = new H2DeadLetters(db, CLOCK);
        dead.store(new RejectedReading("big.csv", 2, longReason, payload));

        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT source, position, received_at, reason, payload FROM dead_letter")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("source")).isEqualTo("big.csv");
            assertThat(rs.getLong("position")).isEqualTo(2);
            assertThat(rs.getObject("received_at", java.time.OffsetDateTime.class).toInstant()).isEqualTo(WALL);
            assertThat(rs.getString("reason")).hasSize(1000).endsWith("…");
            String stored = rs.getString("payload");
            assertThat(stored).hasSize(H2DeadLetters.MAX_PAYLOAD + 1)
                    .isEqualTo(payload.substring(0, 1024) + "…");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void acknowledgedAlarmIsStillAcknowledgedAfterRestart() throws AlarmActionException {
        List<TagDefinition> tags = List.of(new TagDefinition("P-101/flow", "Loop flow", "L/min", 0, 40,
                List.of(new LimitSpec(LimitLevel.LO, 31.5, 2, 0.5, 10_000))));
        List<Reading> recording = List.of(
                new Reading("P-101/flow", 0, 32.0, "L/min"),
                new Reading("P-101/flow", 1_000, 31.0, "L/min"),
                new Reading("P-101/flow", 6_000, 30.9, "L/min"),
                new Reading("P-101/flow", 11_000, 30.8, "L/min"),
                new Reading("P-101/flow", 12_000, 30.8, "L/min"));

        Database db = open();
        AlarmEngine engine = new AlarmEngine(tags, new H2AlarmJournal(db), CLOCK);
        recording.forEach(engine::onReading);
        assertThat(engine.state("P-101/flow:LO")).isEqualTo(AlarmState.UNACK);
        engine.acknowledge("P-101/flow:LO", "alice", "known, valve closed for test");
        db.close();

        Database db2 = open();
        H2AlarmJournal journal = new H2AlarmJournal(db2);
        AlarmEngine restarted = new AlarmEngine(tags, journal, CLOCK);

        assertThat(restarted.restore()).isEqualTo(1);
        assertThat(restarted.state("P-101/flow:LO")).isEqualTo(AlarmState.ACKED);
        assertThat(restarted.standing()).singleElement().satisfies(t -> {
            assertThat(t.actor()).isEqualTo("alice");
            assertThat(t.comment()).isEqualTo("known, valve closed for test");
            assertThat(t.eventTimeMillis()).isEqualTo(12_000);
        });

        recording.forEach(restarted::onReading);

        assertThat(restarted.state("P-101/flow:LO")).isEqualTo(AlarmState.ACKED);
        assertThat(restarted.activations()).isZero();
        assertThat(journal.all()).extracting(AlarmTransition::cause)
                .containsExactly(Cause.ACTIVATE, Cause.ACKNOWLEDGE);
    }
}
