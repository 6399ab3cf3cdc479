package io.plantwatch.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.AlarmTransition.Cause;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.domain.LimitSpec;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.TagDefinition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlarmEngineTest {

    private static final String FLOW = "P-101/flow";
    private static final String LO = "P-101/flow:LO";
    private static final String HI = "P-101/flow:HI";
    private static final Instant NOW = Instant.parse("2026-05-04T10:15:30.123456Z");

    /** LO 31.5 (priority 2) and HI 38 (priority 3), deadband 0.5, no on-delay. */
    private static final List<TagDefinition> TAGS = List.of(
            new TagDefinition(FLOW, "Loop flow", "L/min", 0, 40, List.of(
                    new LimitSpec(LimitLevel.LO, 31.5, 2, 0.5, 0),
                    new LimitSpec(LimitLevel.HI, 38, 3, 0.5, 0))),
            new TagDefinition("P-101/motor_current", "Current", "A", 0, 5, List.of(
                    new LimitSpec(LimitLevel.HI, 3.0, 3, 0.1, 5000))));

    /** The alarm journal as a list: a test double for the H2 store. */
    static class ListStore implements AlarmJournalStore {
        final List<AlarmTransition> transitions = new ArrayList<>();

        @Override
        public void record(AlarmTransition transition) {
            transitions.add(transition);
        }

        @Override
        public List<AlarmTransition> latestPerAlarm() {
            Map<String, AlarmTransition> latest = new LinkedHashMap<>();
            for (AlarmTransition t : transitions) {
                latest.remove(t.alarmId());
                latest.put(t.alarmId(), t);
            }
            return List.copyOf(latest.values());
        }
    }

    private ListStore store;
    private AlarmEngine engine;
    private List<AlarmTransition> heard;

    @BeforeEach
    void setUp() {
        store = new ListStore();
        engine = newEngine(store);
        heard = new ArrayList<>();
        engine.addListener(heard::add);
    }

    private static AlarmEngine newEngine(AlarmJournalStore store) {
        return new AlarmEngine(TAGS, store, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Reading flow(long t, double v) {
        return new Reading(FLOW, t, v, "L/min");
    }

    private static void feed(AlarmEngine engine, Reading... readings) {
        for (Reading r : readings) {
            engine.onReading(r);
        }
    }

    private AlarmTransition last() {
        return store.transitions.get(store.transitions.size() - 1);
    }

    @Test
    void activationGoesFromNormalToUnackWithAllFields() {
        feed(engine, flow(1000, 32.0), flow(2000, 31.0));

        assertThat(engine.state(LO)).isEqualTo(AlarmState.UNACK);
        assertThat(store.transitions).containsExactly(new AlarmTransition(LO, FLOW, LimitLevel.LO, 2, Cause.ACTIVATE,
                AlarmState.NORMAL, AlarmState.UNACK, 2000, NOW, 31.0, 31.5, "system", ""));
        assertThat(engine.activations()).isEqualTo(1);
        assertThat(engine.state(HI)).isEqualTo(AlarmState.NORMAL);
    }

    @Test
    void acknowledgeGoesFromUnackToAckedAndStoresOperatorAndNote() throws AlarmActionException {
        feed(engine, flow(1000, 31.0), flow(4000, 30.9));

        AlarmTransition ack = engine.acknowledge(LO, "  alice  ", "valve V-3 checked");

        assertThat(engine.state(LO)).isEqualTo(AlarmState.ACKED);
        assertThat(ack.cause()).isEqualTo(Cause.ACKNOWLEDGE);
        assertThat(ack.from()).isEqualTo(AlarmState.UNACK);
        assertThat(ack.to()).isEqualTo(AlarmState.ACKED);
        assertThat(ack.actor()).isEqualTo("alice");
        assertThat(ack.comment()).isEqualTo("valve V-3 checked");
        assertThat(ack.eventTimeMillis()).as("event time of the tag's latest reading").isEqualTo(4000);
        assertThat(ack.wallTime()).isEqualTo(NOW);
        assertThat(ack.priority()).isEqualTo(2);
        assertThat(ack.limit()).isEqualTo(31.5);
        assertThat(last()).isEqualTo(ack);
    }

    @Test
    void ackedAlarmReturnsToNormal() throws AlarmActionException {
        feed(engine, flow(1000, 31.0));
        engine.acknowledge(LO, "alice", "");

        feed(engine, flow(2000, 31.9), flow(3000, 32.0));

        assertThat(engine.state(LO)).isEqualTo(AlarmState.NORMAL);
        assertThat(store.transitions).hasSize(3);
        assertThat(last()).satisfies(t -> {
            assertThat(t.cause()).isEqualTo(Cause.RETURN);
            assertThat(t.from()).isEqualTo(AlarmState.ACKED);
            assertThat(t.to()).isEqualTo(AlarmState.NORMAL);
            assertThat(t.eventTimeMillis()).isEqualTo(3000);
            assertThat(t.value()).isEqualTo(32.0);
            assertThat(t.actor()).isEqualTo("system");
        });
        assertThat(engine.standing()).isEmpty();
    }

    @Test
    void unackedAlarmThatReturnsNeedsAcknowledgementThenIsNormal() throws AlarmActionException {
        feed(engine, flow(1000, 31.0), flow(2000, 32.5));

        assertThat(engine.state(LO)).isEqualTo(AlarmState.RTN_UNACK);
        assertThat(last().cause()).isEqualTo(Cause.RETURN);
        assertThat(last().from()).isEqualTo(AlarmState.UNACK);
        assertThat(engine.standing()).extracting(AlarmTransition::to).containsExactly(AlarmState.RTN_UNACK);

        AlarmTransition ack = engine.acknowledge(LO, "bob", "transient");

        assertThat(engine.state(LO)).isEqualTo(AlarmState.NORMAL);
        assertThat(ack.from()).isEqualTo(AlarmState.RTN_UNACK);
        assertThat(ack.to()).isEqualTo(AlarmState.NORMAL);
        assertThat(ack.actor()).isEqualTo("bob");
        assertThat(ack.comment()).isEqualTo("transient");
        assertThat(engine.standing()).isEmpty();
    }

    @Test
    void reactivationFromRtnUnackIsUnack() {
        feed(engine, flow(1000, 31.0), flow(2000, 32.5), flow(3000, 30.0));

        assertThat(engine.state(LO)).isEqualTo(AlarmState.UNACK);
        assertThat(store.transitions).extracting(AlarmTransition::from, AlarmTransition::to)
                .containsExactly(
                        tuple(AlarmState.NORMAL, AlarmState.UNACK),
                        tuple(AlarmState.UNACK, AlarmState.RTN_UNACK),
                        tuple(AlarmState.RTN_UNACK, AlarmState.UNACK));
        assertThat(engine.activations()).isEqualTo(2);
    }

    @Test
    void acknowledgingANormalAlarmIsRefused() {
        assertThatThrownBy(() -> engine.acknowledge(LO, "alice", ""))
                .isInstanceOf(AlarmActionException.class)
                .hasMessage(LO + " is NORMAL and needs no acknowledgement");
        assertThat(store.transitions).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void acknowledgingAnAckedAlarmIsRefused() throws AlarmActionException {
        feed(engine, flow(1000, 31.0));
        engine.acknowledge(LO, "alice", "");

        assertThatThrownBy(() -> engine.acknowledge(LO, "bob", ""))
                .isInstanceOf(AlarmActionException.class)
                .hasMessage(LO + " is ACKED and needs no acknowledgement");
        assertThat(store.transitions).hasSize(2);
        assertThat(engine.state(LO)).isEqualTo(AlarmState.ACKED);
    }

    @Test
    void acknowledgingAnUnknownAlarmIsRefused() {
        assertThatThrownBy(() -> engine.acknowledge("P-999/flow:LO", "alice", ""))
                .isInstanceOf(AlarmActionException.class)
                .hasMessage("no alarm P-999/flow:LO is configured");
    }

    @ParameterizedTest(name = "[{index}] operator ''{0}''")
    @CsvSource(nullValues = "NULL", quoteCharacter = '"', textBlock = """
            NULL
            ""
            "   "
            "\t"
            """)
    void acknowledgingWithoutOperatorIsRefused(String operator) {
        feed(engine, flow(1000, 31.0));

        assertThatThrownBy(() -> engine.acknowledge(LO, operator, "note"))
                .isInstanceOf(AlarmActionException.class)
                .hasMessage("enter the operator's name to acknowledge " + LO);
        assertThat(engine.state(LO)).isEqualTo(AlarmState.UNACK);
        assertThat(store.transitions).hasSize(1);
    }

    @Test
    void everyTransitionIsStoredBeforeListenersSeeIt() throws AlarmActionException {
        List<Boolean> storedFirst = new ArrayList<>();
        engine.addListener(t -> storedFirst.add(!store.transitions.isEmpty() && last() == t));

        feed(engine, flow(1000, 31.0), flow(2000, 32.5), flow(3000, 30.0), flow(4000, 39.0));
        engine.acknowledge(LO, "alice", "");
        feed(engine, flow(5000, 30.0));

        assertThat(store.transitions).hasSize(8);
        assertThat(heard).containsExactlyElementsOf(store.transitions);
        assertThat(storedFirst).hasSize(8).containsOnly(true);
    }

    @Test
    void failedAcknowledgementLeavesTheStateUnchanged() {
        AlarmJournalStore failing = new ListStore() {
            @Override
            public void record(AlarmTransition t) {
                if (t.cause() == Cause.ACKNOWLEDGE) {
                    throw new AlarmStoreException("disk full", null);
                }
                super.record(t);
            }
        };
        AlarmEngine e = newEngine(failing);
        List<AlarmTransition> seen = new ArrayList<>();
        e.addListener(seen::add);
        feed(e, flow(1000, 31.0));

        assertThatThrownBy(() -> e.acknowledge(LO, "alice", "")).isInstanceOf(AlarmStoreException.class);
        assertThat(e.state(LO)).isEqualTo(AlarmState.UNACK);
        assertThat(seen).hasSize(1);
    }

    @Test
    void processTransitionThatCannotBeStoredStillRaisesTheAlarm() {
        AlarmJournalStore failing = new ListStore() {
            @Override
            public void record(AlarmTransition t) {
                throw new AlarmStoreException("disk full", null);
            }
        };
        AlarmEngine e = newEngine(failing);

        feed(e, flow(1000, 31.0));

        assertThat(e.state(LO)).isEqualTo(AlarmState.UNACK);
        assertThat(e.storeFailures()).isEqualTo(1);
    }

    @Test
    void onDelayIsAppliedPerAlarmInEventTime() {
        feed(engine, new Reading("P-101/motor_current", 0, 3.5, "A"),
                new Reading("P-101/motor_current", 4999, 3.5, "A"));
        assertThat(engine.state("P-101/motor_current:HI")).isEqualTo(AlarmState.NORMAL);

        engine.onReading(new Reading("P-101/motor_current", 5000, 3.5, "A"));

        assertThat(engine.state("P-101/motor_current:HI")).isEqualTo(AlarmState.UNACK);
    }

    @Test
    void unconfiguredTagRaisesNothing() {
        feed(engine, new Reading("X-1/flow", 0, -1e9, ""), new Reading("X-1/flow", 1, 1e9, ""));

        assertThat(store.transitions).isEmpty();
        assertThat(engine.activations()).isZero();
        assertThat(engine.state("X-1/flow:LO")).isEqualTo(AlarmState.NORMAL);
    }

    @Test
    void activationsCountEveryActivationOfEveryAlarm() throws AlarmActionException {
        feed(engine, flow(1000, 31.0), flow(2000, 32.5), flow(3000, 31.0));  // LO twice
        engine.acknowledge(LO, "alice", "");
        feed(engine, flow(4000, 39.0));                                      // LO returns, HI activates
        feed(engine, flow(5000, 37.5), flow(6000, 38.5));                    // HI returns, activates again

        assertThat(engine.activations()).isEqualTo(4);
        assertThat(store.transitions).filteredOn(t -> t.cause() == Cause.ACTIVATE).hasSize(4);
    }

    @Test
    void standingListsMostUrgentFirstThenNewest() {
        feed(engine, new Reading("P-101/motor_current", 500, 3.5, "A"),
                new Reading("P-101/motor_current", 5500, 3.5, "A"),
                flow(6000, 31.0));

        assertThat(engine.standing()).extracting(AlarmTransition::alarmId)
                .containsExactly(LO, "P-101/motor_current:HI");
    }

    @Test
    void restoredAckedAlarmStaysAckedAndReplayDoesNotRaiseItAgain() throws AlarmActionException {
        Reading[] recording = {flow(1000, 32.0), flow(2000, 31.0), flow(3000, 30.8), flow(4000, 30.9)};
        feed(engine, recording);
        engine.acknowledge(LO, "alice", "known");
        int journaled = store.transitions.size();

        AlarmEngine restarted = newEngine(store);
        List<AlarmTransition> heardAfter = new ArrayList<>();
        restarted.addListener(heardAfter::add);

        assertThat(restarted.restore()).isEqualTo(1);
        assertThat(restarted.state(LO)).isEqualTo(AlarmState.ACKED);
        assertThat(restarted.standing()).extracting(AlarmTransition::cause).containsExactly(Cause.ACKNOWLEDGE);

        feed(restarted, recording);

        assertThat(restarted.state(LO)).isEqualTo(AlarmState.ACKED);
        assertThat(store.transitions).hasSize(journaled);
        assertThat(heardAfter).isEmpty();
        assertThat(restarted.activations()).isZero();

        feed(restarted, flow(5000, 31.0));
        assertThat(restarted.state(LO)).as("still active, still acknowledged").isEqualTo(AlarmState.ACKED);
        assertThat(store.transitions).hasSize(journaled);

        feed(restarted, flow(6000, 32.0));
        assertThat(restarted.state(LO)).isEqualTo(AlarmState.NORMAL);
        assertThat(store.transitions).hasSize(journaled + 1);
        assertThat(last().cause()).isEqualTo(Cause.RETURN);
        assertThat(last().from()).isEqualTo(AlarmState.ACKED);
        assertThat(heardAfter).containsExactly(last());
    }

    @Test
    void readingsAtOrBeforeTheLastPersistedEventTimeAreSkippedAfterRestore() {
        feed(engine, flow(1000, 31.0), flow(2000, 32.5));          // UNACK at 1000, RTN_UNACK at 2000
        int journaled = store.transitions.size();

        AlarmEngine restarted = newEngine(store);
        restarted.restore();
        feed(restarted, flow(1000, 31.0), flow(1500, 30.0), flow(2000, 30.0));

        assertThat(restarted.state(LO)).isEqualTo(AlarmState.RTN_UNACK);
        assertThat(store.transitions).hasSize(journaled);

        feed(restarted, flow(2001, 30.0));

        assertThat(restarted.state(LO)).isEqualTo(AlarmState.UNACK);
        assertThat(last().from()).isEqualTo(AlarmState.RTN_UNACK);
        assertThat(last().eventTimeMillis()).isEqualTo(2001);
        assertThat(restarted.activations()).isEqualTo(1);
    }

    @Test
    void acknowledgeRightAfterRestoreUsesTheRestoredEventTime() throws AlarmActionException {
        feed(engine, flow(1000, 31.0));

        AlarmEngine restarted = newEngine(store);
        restarted.restore();
        AlarmTransition ack = restarted.acknowledge(LO, "carol", "");

        assertThat(ack.from()).isEqualTo(AlarmState.UNACK);
        assertThat(ack.to()).isEqualTo(AlarmState.ACKED);
        assertThat(ack.eventTimeMillis()).isEqualTo(1000);
        assertThat(restarted.state(LO)).isEqualTo(AlarmState.ACKED);
    }

    @Test
    void restoreIgnoresAlarmsNoLongerConfigured() {
        store.record(new AlarmTransition("P-999/flow:HI", "P-999/flow", LimitLevel.HI, 1, Cause.ACTIVATE,
                AlarmState.NORMAL, AlarmState.UNACK, 0, NOW, 1, 0, "system", ""));

        assertThat(newEngine(store).restore()).isZero();
    }
}
