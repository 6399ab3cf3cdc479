package io.plantwatch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagDefinitionTest {

    private static LimitSpec limit(LimitLevel level, double value) {
        return new LimitSpec(level, value, 2, 0.5, 1000);
    }

    private static TagDefinition tag(List<LimitSpec> limits) {
        return new TagDefinition("P-101/flow", "Loop flow", "L/min", 0, 40, limits);
    }

    @Test
    void limitsAreSortedLoloLoHiHihiAndLookedUpByLevel() {
        TagDefinition t = tag(List.of(limit(LimitLevel.HIHI, 39), limit(LimitLevel.LO, 31.5),
                limit(LimitLevel.HI, 38), limit(LimitLevel.LOLO, 30.5)));

        assertThat(t.limits()).extracting(LimitSpec::level)
                .containsExactly(LimitLevel.LOLO, LimitLevel.LO, LimitLevel.HI, LimitLevel.HIHI);
        assertThat(t.limit(LimitLevel.HI)).contains(limit(LimitLevel.HI, 38));
        assertThat(tag(List.of(limit(LimitLevel.LO, 1))).limit(LimitLevel.HI)).isEmpty();
        assertThat(tag(List.of()).limits()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}={1}, {2}={3}")
    @CsvSource(textBlock = """
            LO,   32,   HI,   31
            LO,   32,   HI,   32
            LOLO, 31,   LO,   30
            LOLO, 31,   LO,   31
            HI,   39,   HIHI, 38.9
            HI,   39,   HIHI, 39
            LOLO, 10,   HIHI, 5
            """)
    void limitsMustBeStrictlyOrdered(LimitLevel a, double va, LimitLevel b, double vb) {
        assertThatThrownBy(() -> tag(List.of(limit(b, vb), limit(a, va))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("P-101/flow: " + a + " (" + va + ") must be below " + b + " (" + vb + ")");
    }

    @Test
    void eachLevelMayBeConfiguredOnlyOnce() {
        assertThatThrownBy(() -> tag(List.of(limit(LimitLevel.HI, 35), limit(LimitLevel.HI, 36))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("P-101/flow: HI is configured twice");
    }

    @ParameterizedTest(name = "[{index}] range [{0}, {1}]")
    @CsvSource(textBlock = """
            0,   0
            40,  0
            NaN, 40
            0,   NaN
            """)
    void rangeMustBeNonEmpty(double low, double high) {
        assertThatThrownBy(() -> new TagDefinition("P-101/flow", "", "L/min", low, high, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be above range low");
    }

    @Test
    void invalidTagIdIsRejected() {
        assertThatThrownBy(() -> new TagDefinition("P 101/flow", "", "", 0, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device id 'P 101'");
    }

    @Test
    void missingDescriptionAndUnitBecomeEmpty() {
        TagDefinition t = new TagDefinition("P-101/flow", null, null, 0, 1, List.of());

        assertThat(t.description()).isEmpty();
        assertThat(t.unit()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0} value={1} priority={2} deadband={3} delay={4}")
    @CsvSource(delimiter = '|', textBlock = """
            # level | value    | priority | deadband | delay | message must contain
            HI      | NaN      | 2        | 0        | 0     | HI limit must be a finite number
            LO      | Infinity | 2        | 0        | 0     | LO limit must be a finite number
            HI      | 30       | 0        | 0        | 0     | HI priority must be 1 (highest) to 4, was 0
            HIHI    | 30       | 5        | 0        | 0     | HIHI priority must be 1 (highest) to 4, was 5
            LOLO    | 30       | 1        | -0.1     | 0     | LOLO deadband must be >= 0, was -0.1
            HI      | 30       | 1        | NaN      | 0     | HI deadband must be >= 0, was NaN
            HI      | 30       | 4        | 0        | -1    | HI on-delay must be >= 0, was -1 ms
            """)
    void limitSpecRejectsInvalidSettings(LimitLevel level, double value, int priority, double deadband, long delay,
            String problem) {
        assertThatThrownBy(() -> new LimitSpec(level, value, priority, deadband, delay))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(problem);
    }

    @ParameterizedTest(name = "[{index}] {0} {1}: exceeded by {2}? {3}; returned by {2}? {4}")
    @CsvSource(textBlock = """
            HI,   30, 30.01, true,  false
            HI,   30, 30,    false, false
            HI,   30, 29,    false, true
            HIHI, 30, 28.9,  false, true
            LO,   10, 9.99,  true,  false
            LO,   10, 10,    false, false
            LO,   10, 11,    false, true
            LOLO, 10, 11.5,  false, true
            """)
    void exceededAndReturnedUseTheDeadband(LimitLevel level, double limit, double v, boolean exceeded,
            boolean returned) {
        LimitSpec spec = new LimitSpec(level, limit, 1, 1.0, 0);

        assertThat(spec.exceededBy(v)).isEqualTo(exceeded);
        assertThat(spec.returnedBy(v)).isEqualTo(returned);
    }
}
