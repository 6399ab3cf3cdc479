package io.plantwatch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReadingTest {

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource(quoteCharacter = '"', nullValues = "NULL", delimiter = '|', textBlock = """
            # tag                      | message must contain
            NULL                       | tag id is missing
            ""                         | must be device/sensor
            P-101                      | must be device/sensor
            P-101/flow/extra           | must be device/sensor
            /flow                      | device id ''
            P-101/                     | sensor id ''
            P+101/flow                 | device id 'P+101'
            P#101/flow                 | device id 'P#101'
            "P 101/flow"               | device id 'P 101'
            P-101/fl+ow                | sensor id 'fl+ow'
            P-101/fl#ow                | sensor id 'fl#ow'
            "P-101/fl ow"              | sensor id 'fl ow'
            "P-101/flow\t"             | sensor id
            Pümpe/flow                 | device id 'Pümpe'
            """)
    void invalidTagIdIsRejected(String tag, String problem) {
        assertThatThrownBy(() -> new Reading(tag, 0, 1.0, "u"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void partsLongerThan64CharactersAreRejected() {
        String part64 = "a".repeat(64);

        assertThat(new Reading(part64 + "/" + part64, 0, 1, "").tag()).hasSize(129);
        assertThatThrownBy(() -> new Reading(part64 + "x/flow", 0, 1, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-64 characters");
        assertThatThrownBy(() -> new Reading("P-101/" + part64 + "x", 0, 1, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sensor id");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteValueIsRejected(double value) {
        assertThatThrownBy(() -> new Reading("P-101/flow", 0, value, "L/min"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value of P-101/flow is not finite: " + value);
    }

    @Test
    void validReadingKeepsItsFieldsAndAMissingUnitBecomesEmpty() {
        Reading r = new Reading("P-101/flow_1.a", -5, -Double.MAX_VALUE, null);

        assertThat(r.tag()).isEqualTo("P-101/flow_1.a");
        assertThat(r.eventTimeMillis()).isEqualTo(-5);
        assertThat(r.value()).isEqualTo(-Double.MAX_VALUE);
        assertThat(r.unit()).isEmpty();
        assertThat(TagId.device(r.tag())).isEqualTo("P-101");
        assertThat(TagId.sensor(r.tag())).isEqualTo("flow_1.a");
    }

    @Test
    void tagIdOfBuildsAndValidatesBothParts() {
        assertThat(TagId.of("M-301", "temperature")).isEqualTo("M-301/temperature");
        assertThatThrownBy(() -> TagId.of("M/301", "temperature")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TagId.of("M-301", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sensor id 'null'");
    }
}
