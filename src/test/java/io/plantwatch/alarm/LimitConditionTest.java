package io.plantwatch.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.alarm.LimitCondition.Change;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.domain.LimitSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Readings are written {@code eventTimeMillis@value}, separated by spaces; the expected change of
 * each reading is {@code -} (NONE), {@code A} (ACTIVATED) or {@code R} (RETURNED).
 */
class LimitConditionTest {

    private static List<Change> run(LimitCondition condition, String readings) {
        List<Change> out = new ArrayList<>();
        for (String r : readings.trim().split("\\s+")) {
            String[] tv = r.split("@");
            out.add(condition.evaluate(Double.parseDouble(tv[1]), Long.parseLong(tv[0])));
        }
        return out;
    }

    private static List<Change> expected(String codes) {
        return Arrays.stream(codes.trim().split("\\s+")).map(c -> switch (c) {
            case "-" -> Change.NONE;
            case "A" -> Change.ACTIVATED;
            case "R" -> Change.RETURNED;
            default -> throw new IllegalArgumentException("unknown code " + c);
        }).toList();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                       | level | limit | deadband | onDelay | readings                                                    | changes
            HI activates when the on-delay has elapsed    | HI    | 30    | 1        | 10000   | 0@31 5000@31 9999@31 10000@31                               | - - - A
            HI exactly at the limit is not exceeded      | HI    | 30    | 1        | 0       | 0@30 20000@30 20001@30.0001                                 | - - A
            HI dip below the limit restarts the delay    | HI    | 30    | 1        | 10000   | 0@31 6000@29.9 8000@31 12000@31 17999@31 18000@31           | - - - - - A
            HI dip to exactly the limit restarts too     | HI    | 30    | 1        | 10000   | 0@31 6000@30 8000@31 17999@31 18000@31                      | - - - - A
            HI deadband keeps it active until at limit-db | HI    | 30    | 1        | 0       | 0@31 1000@30 2000@29.5 3000@29.01 4000@29                   | A - - - R
            HI after return needs the on-delay again     | HI    | 30    | 1        | 10000   | 0@31 10000@31 11000@28 12000@31 21999@31 22000@31           | - A R - - A
            HI sparse readings: delay measured in event time | HI | 30    | 0        | 10000   | 0@31 60000@31                                               | - A
            HIHI mirrors HI                              | HIHI  | 90    | 2        | 5000    | 0@91 4999@95 5000@91 6000@88.5 7000@88                      | - - A - R
            LO activates when the on-delay has elapsed    | LO    | 10    | 1        | 10000   | 0@9 5000@9 9999@9 10000@9                                   | - - - A
            LO exactly at the limit is not exceeded      | LO    | 10    | 1        | 0       | 0@10 20000@10 20001@9.999                                   | - - A
            LO rise above the limit restarts the delay   | LO    | 10    | 1        | 10000   | 0@9 6000@10.1 8000@9 12000@9 18000@9                        | - - - - A
            LO deadband keeps it active until at limit+db | LO    | 10    | 1        | 0       | 0@9 1000@10 2000@10.5 3000@10.99 4000@11                    | A - - - R
            LOLO mirrors LO                              | LOLO  | 5     | 0.5      | 2000    | 0@4 1000@4.9 2000@3 3000@5.4 4000@5.5                       | - - A - R
            zero on-delay activates on the first reading  | HI    | 30    | 0        | 0       | 0@31                                                        | A
            zero deadband returns at the limit itself     | HI    | 30    | 0        | 0       | 0@31 1000@30.5 2000@30                                      | A - R
            zero on-delay, zero deadband LO              | LO    | 10    | 0        | 0       | 0@9 1@10 2@9 3@11                                           | A R A R
            back in time cannot complete the delay       | HI    | 30    | 1        | 10000   | 10000@31 0@31 5000@31 19999@31 20000@31                     | - - - - A
            far back in time cannot complete the delay   | HI    | 30    | 1        | 10000   | 100000@31 -900000@31 109999@31 110000@31                    | - - - A
            """)
    void changesFollowLimitDeadbandAndOnDelayInEventTime(String name, LimitLevel level, double limit,
            double deadband, long onDelay, String readings, String changes) {
        LimitCondition condition = new LimitCondition(new LimitSpec(level, limit, 2, deadband, onDelay));

        assertThat(run(condition, readings)).as(name).containsExactlyElementsOf(expected(changes));
    }

    @Test
    void activeReflectsTheLastChange() {
        LimitCondition c = new LimitCondition(new LimitSpec(LimitLevel.HI, 30, 2, 1, 1000));

        c.evaluate(31, 0);
        assertThat(c.active()).isFalse();
        c.evaluate(31, 1000);
        assertThat(c.active()).isTrue();
        c.evaluate(29.5, 2000);
        assertThat(c.active()).isTrue();
        c.evaluate(29, 3000);
        assertThat(c.active()).isFalse();
    }

    @Test
    void restoreActiveWaitsForTheReturnWithoutReactivating() {
        LimitCondition c = new LimitCondition(new LimitSpec(LimitLevel.HI, 30, 2, 1, 10000));

        c.restore(true);

        assertThat(c.active()).isTrue();
        assertThat(run(c, "0@35 50000@35 60000@29 70000@31")).containsExactlyElementsOf(expected("- - R -"));
    }

    @Test
    void restoreInactiveDiscardsAPendingDelay() {
        LimitCondition c = new LimitCondition(new LimitSpec(LimitLevel.HI, 30, 2, 1, 10000));
        c.evaluate(31, 0);

        c.restore(false);

        assertThat(run(c, "10000@31 19999@31 20000@31")).containsExactlyElementsOf(expected("- - A"));
    }

    @Test
    void specIsTheOneGiven() {
        LimitSpec spec = new LimitSpec(LimitLevel.LOLO, 1.5, 1, 0.1, 250);

        assertThat(new LimitCondition(spec).spec()).isSameAs(spec);
    }
}
