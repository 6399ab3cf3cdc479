package io.plantwatch.app;

import java.util.Arrays;

/** Small statistics for the benchmark commands. */
final class BenchStats {

    private BenchStats() {
    }

    /** The median of the values (mean of the middle two for an even count). */
    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
