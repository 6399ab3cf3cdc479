package io.plantwatch.streaming.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StuckDetectorTest {

    @Test
    void windowsWithTooFewReadingsAreNoEvidence() {
        StuckDetector d = new StuckDetector(3);
        d.update(5, 1, 1);
        d.update(1, 1, 1);
        d.update(0, Double.NaN, Double.NaN);
        assertThat(d.update(5, 1, 1).flatWindows()).isEqualTo(2);
    }

    @Test
    void aDifferentConstantValueStartsTheCountAgain() {
        StuckDetector d = new StuckDetector(3);
        d.update(5, 1, 1);
        d.update(5, 1, 1);
        assertThat(d.update(5, 2, 2).flatWindows()).isEqualTo(1);
        assertThat(d.update(5, 2, 2).alarm()).isFalse();
        assertThat(d.update(5, 2, 2).alarm()).isTrue();
        assertThat(d.update(5, 2, 2.5).alarm()).isFalse();
    }

    @Test
    void fewerThanTwoWindowsIsRefused() {
        assertThatThrownBy(() -> new StuckDetector(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateOfChangeDetector(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
