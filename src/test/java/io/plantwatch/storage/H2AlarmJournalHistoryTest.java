package io.plantwatch.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.domain.AlarmJournalFilter;
import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.AlarmTransition.Cause;
import io.plantwatch.domain.LimitLevel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link H2AlarmJournal#history}: the filtered, newest-first search, against a real H2 file database. */
class H2AlarmJournalHistoryTest {

    private static final long T0 = Instant.parse("2020-03-09T13:00:00Z").toEpochMilli();
    private static final Instant WALL = Instant.parse("2026-05-04T10:15:30.123456Z");

    @TempDir
    Path dataDir;

    private Database db;
    private H2AlarmJournal journal;
    /** What was recorded, in recording order. */
    private final List<AlarmTransition> recorded = new ArrayList<>();

    private void record(String tag, LimitLevel level, int priority, Cause cause, AlarmState from, AlarmState to,
            long minutes, String actor, String comment) {
        AlarmTransition t = new AlarmTransition(AlarmTransition.alarmId(tag, level), tag, level, priority, cause, from,
                to, T0 + minutes * 60_000, WALL.plusSeconds(minutes), 30.0 + minutes, 31.5, actor, comment);
        journal.record(t);
        recorded.add(t);
    }

    @BeforeEach
    void fill() {
        db = Database.open(dataDir);
        journal = new H2AlarmJournal(db);
        record("P-101/flow", LimitLevel.LO, 2, Cause.ACTIVATE, AlarmState.NORMAL, AlarmState.UNACK, 0, "system", "");
        record("P-101/flow", LimitLevel.LOLO, 1, Cause.ACTIVATE, AlarmState.NORMAL, AlarmState.UNACK, 1, "system", "");
        record("P-101/flow", LimitLevel.LO, 2, Cause.ACKNOWLEDGE, AlarmState.UNACK, AlarmState.ACKED, 2, "J. Smith",
                "valve checked");
        record("P-101/motor_temperature", LimitLevel.HI, 3, Cause.ACTIVATE, AlarmState.NORMAL, AlarmState.UNACK, 3,
                "system", "");
        record("P-101/motorXtemperature", LimitLevel.HI, 4, Cause.ACTIVATE, AlarmState.NORMAL, AlarmState.UNACK, 4,
                "system", "");
        record("P-101/flow", LimitLevel.LOLO, 1, Cause.ACKNOWLEDGE, AlarmState.UNACK, AlarmState.ACKED, 5, "Åsa Öberg",
                "known");
        record("P-101/motor_temperature", LimitLevel.HI, 3, Cause.SHELVE, AlarmState.UNACK, AlarmState.SHELVED, 6,
                "a.smithson", "sensor swap");
        record("P-101/flow", LimitLevel.LO, 2, Cause.RETURN, AlarmState.ACKED, AlarmState.NORMAL, 7, "system", "");
        // same event time as the previous one: the later recorded comes first
        record("P-101/flow", LimitLevel.LOLO, 1, Cause.RETURN, AlarmState.ACKED, AlarmState.NORMAL, 7, "system", "");
        record("P-102/pressure", LimitLevel.HIHI, 1, Cause.ACTIVATE, AlarmState.NORMAL, AlarmState.UNACK, 60, "system",
                "");
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** The reference answer: the filter's own meaning over what was recorded, newest first. */
    private List<AlarmTransition> expected(AlarmJournalFilter filter, int limit) {
        List<AlarmTransition> matching = new ArrayList<>();
        for (int i = recorded.size() - 1; i >= 0; i--) {
            if (filter.matches(recorded.get(i))) {
                matching.add(recorded.get(i));
            }
        }
        matching.sort(Comparator.comparingLong(AlarmTransition::eventTimeMillis).reversed());
        return matching.subList(0, Math.min(limit, matching.size()));
    }

    private static AlarmJournalFilter filter(Instant from, Instant to, String tag, Set<Integer> priorities,
            Set<AlarmState> states, String actor) {
        return new AlarmJournalFilter(from, to, tag, priorities, states, actor);
    }

    @Test
    void withoutCriteriaEverythingComesNewestFirstWithAllFieldsIntact() {
        List<AlarmTransition> all = journal.history(AlarmJournalFilter.ALL, 100);

        assertThat(all).hasSize(recorded.size()).containsExactlyElementsOf(expected(AlarmJournalFilter.ALL, 100));
        assertThat(all.get(0).tag()).isEqualTo("P-102/pressure");
        assertThat(all.get(1).alarmId()).as("same event time: later recorded first").isEqualTo("P-101/flow:LOLO");
        assertThat(all.get(2).alarmId()).isEqualTo("P-101/flow:LO");
        assertThat(all.get(all.size() - 1)).isEqualTo(recorded.get(0));
    }

    @Test
    void eventTimeRangeIncludesItsStartAndExcludesItsEnd() {
        Instant from = Instant.ofEpochMilli(T0 + 2 * 60_000);
        Instant to = Instant.ofEpochMilli(T0 + 6 * 60_000);

        List<AlarmTransition> found = journal.history(filter(from, to, "", Set.of(), Set.of(), ""), 100);

        assertThat(found).extracting(AlarmTransition::eventTimeMillis)
                .containsExactly(T0 + 5 * 60_000, T0 + 4 * 60_000, T0 + 3 * 60_000, T0 + 2 * 60_000);
        assertThat(journal.history(filter(from, null, "", Set.of(), Set.of(), ""), 100)).hasSize(8);
        assertThat(journal.history(filter(null, to, "", Set.of(), Set.of(), ""), 100)).hasSize(6);
    }

    @Test
    void tagMatchesAnyPartIgnoringCase() {
        assertThat(journal.history(filter(null, null, "FLOW", Set.of(), Set.of(), ""), 100))
                .hasSize(6).allMatch(t -> t.tag().equals("P-101/flow"));
        assertThat(journal.history(filter(null, null, "p-10", Set.of(), Set.of(), ""), 100)).hasSize(recorded.size());
    }

    @Test
    void likeWildcardsInTheSearchTextAreLiteral() {
        assertThat(journal.history(filter(null, null, "r_t", Set.of(), Set.of(), ""), 100))
                .as("_ matches only an underscore").hasSize(2)
                .allMatch(t -> t.tag().equals("P-101/motor_temperature"));
        assertThat(journal.history(filter(null, null, "%", Set.of(), Set.of(), ""), 100)).isEmpty();
        assertThat(journal.history(filter(null, null, "\\", Set.of(), Set.of(), ""), 100)).isEmpty();
    }

    @Test
    void prioritiesAndStatesSelectFromTheirSets() {
        assertThat(journal.history(filter(null, null, "", Set.of(1), Set.of(), ""), 100))
                .extracting(AlarmTransition::priority).hasSize(4).containsOnly(1);
        assertThat(journal.history(filter(null, null, "", Set.of(3, 4), Set.of(), ""), 100)).hasSize(3);
        assertThat(journal.history(filter(null, null, "", Set.of(), EnumSet.of(AlarmState.ACKED), ""), 100))
                .extracting(AlarmTransition::cause).containsExactly(Cause.ACKNOWLEDGE, Cause.ACKNOWLEDGE);
        assertThat(journal.history(filter(null, null, "", Set.of(),
                EnumSet.of(AlarmState.SHELVED, AlarmState.NORMAL), ""), 100)).hasSize(3);
    }

    @Test
    void operatorMatchesAnyPartOfTheActorIgnoringCase() {
        assertThat(journal.history(filter(null, null, "", Set.of(), Set.of(), "SMITH"), 100))
                .extracting(AlarmTransition::actor).containsExactly("a.smithson", "J. Smith");
        assertThat(journal.history(filter(null, null, "", Set.of(), Set.of(), "öberg"), 100))
                .extracting(AlarmTransition::comment).containsExactly("known");
    }

    @Test
    void criteriaCombineAndAgreeWithTheFiltersOwnMeaning() {
        List<AlarmJournalFilter> filters = List.of(
                filter(Instant.ofEpochMilli(T0 + 60_000), Instant.ofEpochMilli(T0 + 61 * 60_000), "flow", Set.of(1, 2),
                        EnumSet.of(AlarmState.UNACK, AlarmState.ACKED), ""),
                filter(null, null, "motor", Set.of(3), Set.of(), "smith"),
                filter(Instant.ofEpochMilli(T0), null, "", Set.of(1, 2, 3, 4), EnumSet.of(AlarmState.NORMAL), "system"),
                filter(null, Instant.ofEpochMilli(T0 + 1), "", Set.of(2), Set.of(), ""));
        for (AlarmJournalFilter f : filters) {
            assertThat(journal.history(f, 100)).as(f.toString()).containsExactlyElementsOf(expected(f, 100));
        }
        assertThat(journal.history(filters.get(0), 100)).extracting(AlarmTransition::cause)
                .containsExactly(Cause.ACKNOWLEDGE, Cause.ACKNOWLEDGE, Cause.ACTIVATE);
    }

    @Test
    void limitKeepsTheNewest() {
        assertThat(journal.history(AlarmJournalFilter.ALL, 3)).containsExactlyElementsOf(expected(AlarmJournalFilter.ALL, 3));
        assertThat(journal.history(AlarmJournalFilter.ALL, 1)).singleElement()
                .extracting(AlarmTransition::tag).isEqualTo("P-102/pressure");
        assertThatThrownBy(() -> journal.history(AlarmJournalFilter.ALL, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void searchTextIsDataNotSql() {
        String injection = "x' OR '1'='1";

        assertThat(journal.history(filter(null, null, injection, Set.of(), Set.of(), injection), 100)).isEmpty();
        assertThat(journal.history(filter(null, null, "'); DROP TABLE alarm_transition; --", Set.of(), Set.of(), ""),
                100)).isEmpty();
        assertThat(journal.all()).hasSize(recorded.size());
    }

    @Test
    void anEmptyTimeRangeOrAPriorityOutside1To4IsRefused() {
        Instant t = Instant.ofEpochMilli(T0);

        assertThatThrownBy(() -> filter(t, t, "", Set.of(), Set.of(), "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be after");
        assertThatThrownBy(() -> filter(null, null, "", Set.of(0), Set.of(), ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
