package io.plantwatch.streaming.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Univariate z-score of a slow (thermal) tag's value against a baseline that adapts with
 * time-based half-lives, with hysteresis, raising one alarm <em>event</em> at each onset. Design
 * and evidence: ADR 0005 and {@code docs/research/detector/}.
 *
 * <pre>
 * a(Δt, h) = 1 − 0.5^(Δt/h)                      time-based EWMA weight: irregular sampling and gaps are fine
 * z        = (x − μ) / √var                       against the state before this value
 * μ        ← μ + a(Δt, h_μ)·(x − μ)               (Lucas &amp; Saccucci 1990, EWMA)
 * var      ← var + a(Δt, h_var)·((x − μ_prev)² − var)   (variance EWMA as in RiskMetrics 1996)
 * alarm on when |z| ≥ h_on, off when |z| &lt; h_off; an onset is the rising edge
 * </pre>
 *
 * The baseline is initialised from the first {@code warmup} of the series (mean and population
 * variance), and no alarm is raised during it. A value that goes back in time gets Δt = 0. Not
 * thread-safe: one instance per tag, fed in order.
 */
public final class ThermalZDetector {

    /**
     * Parameters, in seconds; {@link #DEFAULTS} are the researched values (ADR 0005).
     *
     * @param meanHalfLifeSeconds     half-life of the mean
     * @param varianceHalfLifeSeconds half-life of the variance
     * @param on                      |z| that starts an alarm
     * @param off                     |z| below which it ends
     * @param warmupSeconds           initialisation period, no alarms
     */
    public record Params(double meanHalfLifeSeconds, double varianceHalfLifeSeconds, double on, double off,
            double warmupSeconds) {

        private static final double DAY = 86_400;

        /** Mean 1 day, variance 7 days, on 3, off 1.5, warm-up 3 days: NAB 2-file standard 54.0. */
        public static final Params DEFAULTS = new Params(DAY, 7 * DAY, 3.0, 1.5, 3 * DAY);

        /** @throws IllegalArgumentException on non-positive half-lives or off above on */
        public Params {
            if (!(meanHalfLifeSeconds > 0) || !(varianceHalfLifeSeconds > 0) || !(off <= on) || warmupSeconds < 0) {
                throw new IllegalArgumentException("invalid thermal z parameters: " + this);
            }
        }
    }

    /**
     * One value's result.
     *
     * @param z       the z-score (NaN during warm-up)
     * @param alarm   in alarm after this value
     * @param onset   the alarm started with this value
     */
    public record Result(double z, boolean alarm, boolean onset) {
    }

    private final Params params;
    private final List<double[]> warmup = new ArrayList<>();
    private double first = Double.NaN;
    private double mean;
    private double variance;
    private double previousTime;
    private boolean initialised;
    private boolean alarm;

    public ThermalZDetector(Params params) {
        this.params = params;
    }

    /**
     * Feeds one value (e.g. a window average).
     *
     * @param timeSeconds event time in seconds
     * @return the results of every value that became decidable with this one: none during warm-up,
     *         then the warm-up values (never alarming) and this one
     */
    public List<Result> update(double timeSeconds, double value) {
        if (!initialised) {
            if (Double.isNaN(first)) {
                first = timeSeconds;
            }
            if (timeSeconds < first + params.warmupSeconds() || warmup.size() < 2) {
                warmup.add(new double[] {timeSeconds, value});
                return List.of();
            }
            initialise();
            List<Result> out = new ArrayList<>();
            for (double[] w : warmup) {
                out.add(step(w[0], w[1], false));
            }
            warmup.clear();
            out.add(step(timeSeconds, value, true));
            return out;
        }
        return List.of(step(timeSeconds, value, true));
    }

    private void initialise() {
        double sum = 0;
        for (double[] w : warmup) {
            sum += w[1];
        }
        mean = sum / warmup.size();
        double ss = 0;
        for (double[] w : warmup) {
            ss += (w[1] - mean) * (w[1] - mean);
        }
        variance = ss / warmup.size() + 1e-12;
        previousTime = warmup.get(0)[0];
        initialised = true;
    }

    private Result step(double t, double x, boolean decide) {
        double dt = Math.max(t - previousTime, 0);
        previousTime = Math.max(previousTime, t);
        double r = x - mean;
        double z = r / Math.sqrt(variance);
        boolean onset = false;
        if (decide) {
            if (!alarm && Math.abs(z) >= params.on()) {
                alarm = true;
                onset = true;
            } else if (alarm && Math.abs(z) < params.off()) {
                alarm = false;
            }
        }
        mean += (1 - Math.pow(0.5, dt / params.meanHalfLifeSeconds())) * r;
        variance += (1 - Math.pow(0.5, dt / params.varianceHalfLifeSeconds())) * (r * r - variance);
        return new Result(decide ? z : Double.NaN, decide && alarm, onset);
    }
}
