package io.plantwatch.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DuplicateFilterTest {

    @Test
    void aRepeatedReadingIsRecognisedAndADifferentOneIsNot() {
        DuplicateFilter f = new DuplicateFilter(1024);
        assertThat(f.seen("P-101/flow", 1_000, 32.5)).isFalse();
        assertThat(f.seen("P-101/flow", 1_000, 32.5)).isTrue();
        assertThat(f.seen("P-101/flow", 1_001, 32.5)).as("other time").isFalse();
        assertThat(f.seen("P-101/flow", 1_000, 32.6)).as("other value").isFalse();
        assertThat(f.seen("P-102/flow", 1_000, 32.5)).as("other tag").isFalse();
        assertThat(f.seen("P-101/flow", 1_000, 32.5)).isTrue();
    }

    @Test
    void minusZeroAndZeroAreTheSameValue() {
        DuplicateFilter f = new DuplicateFilter(16);
        assertThat(f.seen("a/b", 5, 0.0)).isFalse();
        assertThat(f.seen("a/b", 5, -0.0)).isTrue();
    }

    @Test
    void theLastCapacityReadingsAreAlwaysRecognised() {
        DuplicateFilter f = new DuplicateFilter(1000);   // rounded to 1024
        assertThat(f.capacity()).isEqualTo(1024);
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            assertThat(f.seen("D-1/s", i, i * 0.5)).as("reading %d is new", i).isFalse();
        }
        for (int i = n - f.capacity(); i < n; i++) {
            assertThat(f.seen("D-1/s", i, i * 0.5)).as("reading %d is recent", i).isTrue();
        }
    }

    @Test
    void readingsOlderThanTwoGenerationsAreForgotten() {
        DuplicateFilter f = new DuplicateFilter(16);
        f.seen("D-1/s", 0, 0);
        for (int i = 1; i <= 2 * 16; i++) {
            f.seen("D-1/s", i, 0);
        }
        assertThat(f.seen("D-1/s", 0, 0)).isFalse();
    }

    @Test
    void noFalseDuplicatesAmongAMillionDistinctReadings() {
        DuplicateFilter f = new DuplicateFilter(1 << 20);
        Random rnd = new Random(42);
        Set<String> tags = new HashSet<>();
        for (int d = 0; d < 50; d++) {
            for (int s = 0; s < 8; s++) {
                tags.add("D-" + d + "/s" + s);
            }
        }
        String[] t = tags.toArray(String[]::new);
        int dups = 0;
        for (int i = 0; i < 1_000_000; i++) {
            // distinct by construction: time i
            if (f.seen(t[rnd.nextInt(t.length)], 1_700_000_000_000L + i, rnd.nextGaussian())) {
                dups++;
            }
        }
        assertThat(dups).isZero();
    }

    @Test
    void tinyCapacityIsRefused() {
        assertThatThrownBy(() -> new DuplicateFilter(8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(">= 16");
    }
}
