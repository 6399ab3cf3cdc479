package io.plantwatch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TagIdTest {

    /** The naming rule as written in docs/configuration.md. */
    private static final Pattern RULE = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}/[A-Za-z0-9_.\\-]{1,64}");

    @Test
    void validatesExactlyAsTheDocumentedRule() {
        Random rnd = new Random(7);
        String alphabet = "aZ09_.-/ +#é\u0000\t";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(i % 50 == 0 ? 140 : 12);
            for (int k = 0; k < len; k++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String tag = sb.toString();
            boolean expected = RULE.matcher(tag).matches();
            boolean actual;
            try {
                TagId.requireValid(tag);
                actual = true;
            } catch (IllegalArgumentException e) {
                actual = false;
            }
            assertThat(actual).as("'%s'", tag).isEqualTo(expected);
        }
    }

    @Test
    void errorsNameThePartAndTheRule() {
        assertThatThrownBy(() -> TagId.of("P 101", "flow")).hasMessageContaining("device id 'P 101'")
                .hasMessageContaining("1-64 characters");
        assertThatThrownBy(() -> TagId.requireValid("P-101/fl#ow")).hasMessageContaining("sensor id 'fl#ow'");
        assertThatThrownBy(() -> TagId.requireValid("P-101")).hasMessageContaining("must be device/sensor");
        assertThat(TagId.of("P-101", "flow")).isEqualTo("P-101/flow");
        TagId.requireValid("a".repeat(64) + "/" + "b".repeat(64));
        assertThatThrownBy(() -> TagId.requireValid("a".repeat(65) + "/b")).hasMessageContaining("device id");
    }
}
