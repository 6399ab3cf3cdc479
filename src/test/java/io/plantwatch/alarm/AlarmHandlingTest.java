package io.plantwatch.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.audit.AuditAction;
import io.plantwatch.audit.AuditRecord;
import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.domain.LimitSpec;
import io.plantwatch.domain.Principal;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.Role;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.security.LoginService;
import io.plantwatch.security.NotPermittedException;
import io.plantwatch.storage.Database;
import io.plantwatch.storage.H2AlarmJournal;
import io.plantwatch.storage.H2AuditTrail;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alarm actions through the service layer: roles checked there, every attempt in the (real H2) audit trail. */
class AlarmHandlingTest {

    private static final String LO = "P-101/flow:LO";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T06:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    private Database db;
    private AlarmEngine engine;
    private H2AuditTrail audit;
    private AlarmHandling handling;
    private final Principal viewer = new Principal("victor", Role.VIEWER, "cr-pc1");
    private final Principal nobody = new Principal(LoginService.NOBODY, Role.VIEWER, "cr-pc1");
    private final Principal operator = new Principal("alice", Role.OPERATOR, "cr-pc1");
    private final Principal engineer = new Principal("erin", Role.ENGINEER, "cr-pc1");

    @BeforeEach
    void open() {
        db = Database.open(dataDir);
        engine = new AlarmEngine(List.of(new TagDefinition("P-101/flow", "flow", "L/min", 0, 40,
                List.of(new LimitSpec(LimitLevel.LO, 31.5, 2, 0.5, 0)))), new H2AlarmJournal(db), CLOCK);
        audit = new H2AuditTrail(db);
        handling = new AlarmHandling(engine, audit);
        engine.onReading(new Reading("P-101/flow", 1_000L, 30.0, "L/min"));
        assertThat(engine.state(LO)).isEqualTo(AlarmState.UNACK);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private AuditRecord lastRow() {
        return audit.latest(1).get(0);
    }

    @Test
    void aViewerIsRefusedByTheServiceAndTheRefusalIsAudited() {
        assertThatThrownBy(() -> handling.acknowledge(viewer, LO, "seen"))
                .isInstanceOf(NotPermittedException.class)
                .hasMessage("victor (viewer) may not acknowledge alarms: this needs the operator role; log in");

        assertThat(engine.state(LO)).as("nothing changed").isEqualTo(AlarmState.UNACK);
        AuditRecord row = lastRow();
        assertThat(row.event().action()).isEqualTo(AuditAction.ALARM_ACKNOWLEDGE);
        assertThat(row.event().operator()).isEqualTo("victor");
        assertThat(row.event().target()).isEqualTo(LO);
        assertThat(row.event().oldValue()).isEqualTo("UNACK");
        assertThat(row.event().newValue()).isNull();
        assertThat(row.event().result()).startsWith("REFUSED: victor (viewer) may not acknowledge alarms");
    }

    @Test
    void nobodyLoggedInIsRefusedForEveryAction() {
        assertThatThrownBy(() -> handling.shelve(nobody, LO, Duration.ofMinutes(5), "r")).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> handling.unshelve(nobody, LO)).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> handling.removeFromService(nobody, LO, "r")).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> handling.returnToService(nobody, LO)).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> handling.reset(nobody, LO)).isInstanceOf(NotPermittedException.class);

        assertThat(audit.read(1, 10)).extracting(r -> r.event().action()).containsExactly(AuditAction.ALARM_SHELVE,
                AuditAction.ALARM_UNSHELVE, AuditAction.ALARM_REMOVE_FROM_SERVICE, AuditAction.ALARM_RETURN_TO_SERVICE,
                AuditAction.ALARM_RESET);
        assertThat(audit.read(1, 10)).allMatch(r -> r.event().result().startsWith("REFUSED: (nobody) (viewer)"));
        assertThat(engine.state(LO)).isEqualTo(AlarmState.UNACK);
    }

    @Test
    void anOperatorActsAndTheRowHoldsOldAndNewStateAndTheNote() throws Exception {
        handling.acknowledge(operator, LO, "valve checked");

        assertThat(engine.state(LO)).isEqualTo(AlarmState.ACKED);
        AuditRecord row = lastRow();
        assertThat(row.event().operator()).isEqualTo("alice");
        assertThat(row.event().host()).isEqualTo("cr-pc1");
        assertThat(row.event().oldValue()).isEqualTo("UNACK");
        assertThat(row.event().newValue()).isEqualTo("ACKED");
        assertThat(row.event().result()).isEqualTo("OK; valve checked");
        assertThat(row.event().automatic()).isFalse();

        handling.shelve(engineer, LO, Duration.ofMinutes(30), "transmitter replaced");
        assertThat(lastRow().event().oldValue()).isEqualTo("ACKED");
        assertThat(lastRow().event().newValue()).isEqualTo("SHELVED until 2026-11-20T06:30:00Z");
        handling.unshelve(engineer, LO);
        handling.removeFromService(engineer, LO, "maintenance");
        handling.returnToService(operator, LO);
        assertThat(audit.read(1, 10)).extracting(r -> r.event().action() + " " + r.event().oldValue() + "→"
                + r.event().newValue().replaceAll(" until .*", "")).containsExactly(
                "ALARM_ACKNOWLEDGE UNACK→ACKED", "ALARM_SHELVE ACKED→SHELVED", "ALARM_UNSHELVE SHELVED→UNACK",
                "ALARM_REMOVE_FROM_SERVICE UNACK→OUT_OF_SERVICE", "ALARM_RETURN_TO_SERVICE OUT_OF_SERVICE→UNACK");
        assertThat(audit.verify().rowsVerified()).isEqualTo(5);
    }

    @Test
    void whatTheAlarmModelRefusesIsAuditedAsRefused() {
        assertThatThrownBy(() -> handling.reset(operator, LO)).isInstanceOf(AlarmActionException.class);

        assertThat(lastRow().event().result()).isEqualTo("REFUSED: P-101/flow:LO is not a latching alarm");
        assertThat(lastRow().event().operator()).isEqualTo("alice");
    }
}
