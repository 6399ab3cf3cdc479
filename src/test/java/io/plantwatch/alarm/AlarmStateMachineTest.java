package io.plantwatch.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.domain.AlarmOptions;
import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.domain.LimitSpec;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.SuppressionRule;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.storage.Database;
import io.plantwatch.storage.H2AlarmJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ISA-18.2 state model (ANSI/ISA-18.2-2016 §11.5) as a table: a state reached by a sequence of
 * events, one more event, and the state that follows, or REFUSED for an operator action the model
 * must refuse.
 */
class AlarmStateMachineTest {

    private static final String ALARM = "P-1/temp:HI";

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-21T08:00:00Z");

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

    /** Keeps transitions in memory; can be told to fail. */
    static final class ListStore implements AlarmJournalStore {
        final List<AlarmTransition> all = new ArrayList<>();
        boolean failing;

        @Override
        public void record(AlarmTransition t) {
            if (failing) {
                throw new AlarmStoreException("disk full", null);
            }
            all.add(t);
        }

        @Override
        public List<AlarmTransition> latestPerAlarm() {
            Map<String, AlarmTransition> last = new LinkedHashMap<>();
            all.forEach(t -> last.put(t.alarmId(), t));
            return List.copyOf(last.values());
        }
    }

    private final TestClock clock = new TestClock();
    private final ListStore store = new ListStore();
    private long eventTime = 1_000_000;

    private static List<TagDefinition> tags(AlarmOptions options) {
        return List.of(
                new TagDefinition("P-1/temp", "motor temperature", "degC", 0, 120,
                        List.of(new LimitSpec(LimitLevel.HI, 10, 2, 1, 0, options)),
                        new SuppressionRule("P-1/current", true, 0.2)),
                new TagDefinition("P-1/current", "motor current", "A", 0, 5, List.of()));
    }

    private AlarmEngine engine(AlarmOptions options) {
        return new AlarmEngine(tags(options), store, clock, Duration.ofHours(1));
    }

    /** Applies one named event; returns false when the engine refused it. */
    private boolean apply(AlarmEngine e, String event) {
        eventTime += 1000;
        try {
            switch (event) {
                case "activate" -> e.onReading(new Reading("P-1/temp", eventTime, 11, "degC"));
                case "return" -> e.onReading(new Reading("P-1/temp", eventTime, 5, "degC"));
                case "ack" -> e.acknowledge(ALARM, "op", "seen");
                case "shelve" -> e.shelve(ALARM, "op", Duration.ofMinutes(10), "sensor being replaced");
                case "unshelve" -> e.unshelve(ALARM, "op");
                case "expire" -> {
                    clock.now = clock.now.plus(Duration.ofMinutes(11));
                    e.expireShelving();
                }
                case "suppress" -> e.onReading(new Reading("P-1/current", eventTime, 0.0, "A"));
                case "unsuppress" -> e.onReading(new Reading("P-1/current", eventTime, 1.5, "A"));
                case "oos" -> e.removeFromService(ALARM, "op", "maintenance");
                case "rts" -> e.returnToService(ALARM, "op");
                case "reset" -> e.reset(ALARM, "op");
                default -> throw new IllegalArgumentException(event);
            }
            return true;
        } catch (AlarmActionException refused) {
            return false;
        }
    }

    private String run(AlarmOptions options, String setup, String event) {
        AlarmEngine e = engine(options);
        for (String s : setup.isBlank() ? new String[0] : setup.trim().split("\\s+")) {
            assertThat(apply(e, s)).as("setup step %s of '%s'", s, setup).isTrue();
        }
        return apply(e, event) ? e.state(ALARM).name() : "REFUSED";
    }

    @ParameterizedTest(name = "[{0}] + {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # setup                              | event      | expected
                                                 | activate   | UNACK
                                                 | return     | NORMAL
                                                 | ack        | REFUSED
                                                 | shelve     | SHELVED
                                                 | unshelve   | REFUSED
                                                 | suppress   | SUPPRESSED
                                                 | oos        | OUT_OF_SERVICE
                                                 | rts        | REFUSED
                                                 | reset      | REFUSED
            activate                             | activate   | UNACK
            activate                             | return     | RTN_UNACK
            activate                             | ack        | ACKED
            activate                             | shelve     | SHELVED
            activate                             | unshelve   | REFUSED
            activate                             | suppress   | SUPPRESSED
            activate                             | oos        | OUT_OF_SERVICE
            activate ack                         | return     | NORMAL
            activate ack                         | ack        | REFUSED
            activate ack                         | shelve     | SHELVED
            activate return                      | ack        | NORMAL
            activate return                      | activate   | UNACK
            activate return                      | shelve     | SHELVED
            activate shelve                      | unshelve   | UNACK
            activate shelve                      | expire     | UNACK
            activate shelve                      | return     | SHELVED
            activate shelve                      | ack        | REFUSED
            activate shelve                      | shelve     | REFUSED
            activate shelve                      | oos        | OUT_OF_SERVICE
            activate shelve                      | suppress   | SUPPRESSED
            activate shelve return               | unshelve   | NORMAL
            shelve                               | unshelve   | NORMAL
            shelve                               | expire     | NORMAL
            shelve                               | activate   | SHELVED
            shelve activate                      | unshelve   | UNACK
            activate suppress                    | unsuppress | UNACK
            activate suppress                    | return     | SUPPRESSED
            activate suppress                    | shelve     | REFUSED
            activate suppress                    | ack        | REFUSED
            suppress activate return             | unsuppress | NORMAL
            activate oos                         | rts        | UNACK
            activate oos                         | ack        | REFUSED
            activate oos                         | oos        | REFUSED
            activate oos                         | shelve     | REFUSED
            oos activate return                  | rts        | NORMAL
            activate oos                         | suppress   | OUT_OF_SERVICE
            activate oos suppress                | rts        | SUPPRESSED
            activate shelve suppress             | unsuppress | SHELVED
            """)
    void transitionsWithoutLatching(String setup, String event, String expected) {
        assertThat(run(AlarmOptions.DEFAULTS, setup == null ? "" : setup, event)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "latching [{0}] + {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # setup                              | event      | expected
            activate                             | return     | UNACK
            activate return                      | ack        | ACKED
            activate return ack                  | reset      | NORMAL
            activate return                      | reset      | REFUSED
            activate                             | reset      | REFUSED
            activate ack                         | reset      | REFUSED
            activate ack                         | return     | ACKED
            activate ack return                  | reset      | NORMAL
            activate return ack                  | activate   | UNACK
            activate return                      | shelve     | SHELVED
            activate return shelve               | unshelve   | NORMAL
            """)
    void transitionsOfALatchingAlarm(String setup, String event, String expected) {
        AlarmOptions latching = new AlarmOptions(0, true, false, true, AlarmOptions.Rationale.NONE);
        assertThat(run(latching, setup, event)).isEqualTo(expected);
    }

    @Test
    void shelvingEndsOnlyWhenItsTimeHasRunOut() throws AlarmActionException {
        AlarmEngine e = engine(AlarmOptions.DEFAULTS);
        apply(e, "activate");
        e.shelve(ALARM, "op", Duration.ofMinutes(10), "chattering sensor");

        clock.now = clock.now.plus(Duration.ofMinutes(9));
        assertThat(e.expireShelving()).isZero();
        assertThat(e.state(ALARM)).isEqualTo(AlarmState.SHELVED);

        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(e.expireShelving()).isEqualTo(1);
        assertThat(e.state(ALARM)).isEqualTo(AlarmState.UNACK);
        AlarmTransition last = store.all.get(store.all.size() - 1);
        assertThat(last.cause()).isEqualTo(AlarmTransition.Cause.UNSHELVE);
        assertThat(last.comment()).isEqualTo("shelving expired");
    }

    @Test
    void shelvingIsRefusedBeyondTheSiteMaximumWithoutAReasonOrWhenNotAllowed() {
        AlarmEngine e = engine(AlarmOptions.DEFAULTS);
        assertThatThrownBy(() -> e.shelve(ALARM, "op", Duration.ofMinutes(61), "long job"))
                .isInstanceOf(AlarmActionException.class).hasMessageContaining("at most 60 minutes");
        assertThatThrownBy(() -> e.shelve(ALARM, "op", Duration.ofMinutes(5), " "))
                .isInstanceOf(AlarmActionException.class).hasMessageContaining("reason");

        AlarmEngine strict = engine(new AlarmOptions(0, false, false, false, AlarmOptions.Rationale.NONE));
        assertThatThrownBy(() -> strict.shelve(ALARM, "op", Duration.ofMinutes(5), "why not"))
                .isInstanceOf(AlarmActionException.class).hasMessageContaining("may not be shelved");
    }

    @Test
    void acknowledgementNeedsANoteWhenTheAlarmSaysSo() throws AlarmActionException {
        AlarmEngine e = engine(new AlarmOptions(0, false, true, true, AlarmOptions.Rationale.NONE));
        apply(e, "activate");

        assertThatThrownBy(() -> e.acknowledge(ALARM, "op", ""))
                .isInstanceOf(AlarmActionException.class).hasMessageContaining("needs a note");
        assertThat(e.acknowledge(ALARM, "op", "reduced load").to()).isEqualTo(AlarmState.ACKED);
    }

    @Test
    void offDelayKeepsTheAlarmActiveUntilTheValueHasStayedBackInsideLongEnough() {
        AlarmEngine e = engine(new AlarmOptions(5_000, false, false, true, AlarmOptions.Rationale.NONE));
        e.onReading(new Reading("P-1/temp", 0, 11, "degC"));
        e.onReading(new Reading("P-1/temp", 1_000, 5, "degC"));
        e.onReading(new Reading("P-1/temp", 4_000, 5, "degC"));
        e.onReading(new Reading("P-1/temp", 5_000, 9.5, "degC"));   // inside the limit but not by the deadband
        e.onReading(new Reading("P-1/temp", 6_000, 5, "degC"));
        assertThat(e.state(ALARM)).isEqualTo(AlarmState.UNACK);

        e.onReading(new Reading("P-1/temp", 11_000, 5, "degC"));
        assertThat(e.state(ALARM)).isEqualTo(AlarmState.RTN_UNACK);
    }

    @Test
    void activationsWhileHiddenAreJournaledButNotCountedAsAnnunciated() {
        AlarmEngine e = engine(AlarmOptions.DEFAULTS);
        apply(e, "shelve");
        apply(e, "activate");
        apply(e, "return");
        apply(e, "unshelve");
        apply(e, "activate");

        assertThat(e.activations()).isEqualTo(1);
        assertThat(store.all).extracting(AlarmTransition::cause).containsExactly(AlarmTransition.Cause.SHELVE,
                AlarmTransition.Cause.ACTIVATE, AlarmTransition.Cause.RETURN, AlarmTransition.Cause.UNSHELVE,
                AlarmTransition.Cause.ACTIVATE);
        assertThat(store.all.get(1).flags().processActive()).isTrue();
        assertThat(store.all.get(1).to()).isEqualTo(AlarmState.SHELVED);
    }

    @Test
    void suppressionIsJournaledWithTheDesignRuleAsActor() {
        AlarmEngine e = engine(AlarmOptions.DEFAULTS);
        apply(e, "activate");
        apply(e, "suppress");

        AlarmTransition t = store.all.get(store.all.size() - 1);
        assertThat(t.cause()).isEqualTo(AlarmTransition.Cause.SUPPRESS);
        assertThat(t.actor()).isEqualTo("design: P-1/current < 0.2");
        assertThat(t.flags().suppressed()).isTrue();
        assertThat(t.flags().processActive()).isTrue();
    }

    @Test
    void operatorActionThatCannotBeJournaledLeavesTheAlarmAsItWas() {
        AlarmEngine e = engine(AlarmOptions.DEFAULTS);
        apply(e, "activate");
        store.failing = true;

        assertThatThrownBy(() -> e.shelve(ALARM, "op", Duration.ofMinutes(5), "test")).isInstanceOf(AlarmStoreException.class);
        assertThatThrownBy(() -> e.acknowledge(ALARM, "op", "")).isInstanceOf(AlarmStoreException.class);
        assertThat(e.state(ALARM)).isEqualTo(AlarmState.UNACK);
    }

    @Test
    void everyStateComesBackExactlyAfterARestartFromH2(@TempDir Path dir) throws AlarmActionException {
        Instant until;
        try (Database db = Database.open(dir)) {
            AlarmEngine e = new AlarmEngine(tags(new AlarmOptions(0, true, false, true, AlarmOptions.Rationale.NONE)),
                    new H2AlarmJournal(db), clock, Duration.ofHours(1));
            e.onReading(new Reading("P-1/temp", 1_000, 11, "degC"));
            e.onReading(new Reading("P-1/temp", 2_000, 5, "degC"));      // latched, unacknowledged
            e.acknowledge(ALARM, "op", "");
            until = e.shelve(ALARM, "op", Duration.ofMinutes(30), "instrument check").flags().shelvedUntil();
            e.onReading(new Reading("P-1/temp", 3_000, 12, "degC"));     // active again while shelved
        }
        try (Database db = Database.open(dir)) {
            AlarmEngine e = new AlarmEngine(tags(new AlarmOptions(0, true, false, true, AlarmOptions.Rationale.NONE)),
                    new H2AlarmJournal(db), clock, Duration.ofHours(1));
            assertThat(e.restore()).isEqualTo(1);
            assertThat(e.state(ALARM)).isEqualTo(AlarmState.SHELVED);
            AlarmTransition last = e.standing().get(0);
            assertThat(last.flags().shelvedUntil()).isEqualTo(until);
            assertThat(last.flags().processActive()).isTrue();

            clock.now = until;
            assertThat(e.expireShelving()).isEqualTo(1);
            assertThat(e.state(ALARM)).isEqualTo(AlarmState.UNACK);   // process still active: re-annunciated
        }
    }

    @Test
    void anomalyEventsRaiseAndReturnAnAnomalyAlarmThatIsHandledLikeAnyOther(@TempDir Path dir) throws AlarmActionException {
        io.plantwatch.domain.AnomalyEvent on = new io.plantwatch.domain.AnomalyEvent("P-1/T2", "T2", true, 10_000, 20_000,
                335.4, 26.5, 3);
        io.plantwatch.domain.AnomalyEvent off = new io.plantwatch.domain.AnomalyEvent("P-1/T2", "T2", false, 60_000, 70_000,
                10.1, 26.5, 3);
        String id = "P-1/T2:ANOMALY";
        try (Database db = Database.open(dir)) {
            AlarmEngine e = new AlarmEngine(tags(AlarmOptions.DEFAULTS), new H2AlarmJournal(db), clock);
            e.onAnomaly(on);
            assertThat(e.state(id)).isEqualTo(AlarmState.UNACK);
            assertThat(e.activations()).isEqualTo(1);
            AlarmTransition t = e.standing().get(0);
            assertThat(t.level()).isEqualTo(LimitLevel.ANOMALY);
            assertThat(t.value()).isEqualTo(335.4);
            assertThat(t.limit()).isEqualTo(26.5);
            assertThat(t.priority()).isEqualTo(3);
            assertThat(t.eventTimeMillis()).isEqualTo(20_000);
            assertThat(t.comment()).contains("T2 335.40 (limit 26.50)");
            e.acknowledge(id, "op", "");
        }
        try (Database db = Database.open(dir)) {
            AlarmEngine e = new AlarmEngine(tags(AlarmOptions.DEFAULTS), new H2AlarmJournal(db), clock);
            e.restore();
            assertThat(e.state(id)).isEqualTo(AlarmState.ACKED);
            e.onAnomaly(on);                       // a replay of the same event repeats nothing
            assertThat(e.activations()).isZero();
            e.onAnomaly(off);
            assertThat(e.state(id)).isEqualTo(AlarmState.NORMAL);
        }
    }
}

