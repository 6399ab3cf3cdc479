package io.plantwatch.alarm.kpi;

import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.AlarmTransition.Cause;
import io.plantwatch.domain.LimitLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded synthetic alarm journal shaped like the one {@code AlarmEngine} writes: valid ISA-18.2
 * state sequences per alarm ({@code tag:LEVEL}, HI and LO on every tag), non-decreasing event time,
 * a few "bad actor" alarms that account for most activations and chatter, bursts that flood, and
 * rarely touched alarms that stay active for days. Roughly 45 % activations, 35 % returns and 20 %
 * acknowledgements; priorities about 75 % 4, 17 % 3, 6 % 2 and 2 % 1.
 *
 * <p>Strings and the wall time are shared between rows, so 1,000,000 rows take about 80 MB.
 */
final class SyntheticAlarmJournal {

    /** Start of the synthetic journal: 2026-01-01T00:00:00Z (on a 10-minute boundary). */
    static final long START_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private SyntheticAlarmJournal() {
    }

    /**
     * @param rows         transitions to generate
     * @param tags         tags; each has a HI and a LO alarm
     * @param meanGapMillis mean event-time gap between consecutive transitions outside bursts, ms
     * @param seed         random seed
     */
    static List<AlarmTransition> generate(int rows, int tags, long meanGapMillis, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int alarmCount = tags * 2;
        String[] tagNames = new String[tags];
        String[] ids = new String[alarmCount];
        LimitLevel[] levels = new LimitLevel[alarmCount];
        int[] priorities = new int[alarmCount];
        AlarmState[] states = new AlarmState[alarmCount];
        for (int t = 0; t < tags; t++) {
            tagNames[t] = String.format("U%02d/T-%05d/pv", t % 40, t);
            for (int l = 0; l < 2; l++) {
                int a = t * 2 + l;
                levels[a] = l == 0 ? LimitLevel.HI : LimitLevel.LO;
                ids[a] = AlarmTransition.alarmId(tagNames[t], levels[a]);
                double p = rnd.nextDouble();
                priorities[a] = p < 0.02 ? 1 : p < 0.08 ? 2 : p < 0.25 ? 3 : 4;
                states[a] = AlarmState.NORMAL;
            }
        }
        Instant wall = Instant.ofEpochMilli(START_MILLIS);
        List<AlarmTransition> out = new ArrayList<>(rows);
        long time = START_MILLIS;
        int burstLeft = 0;
        int repeatAlarm = -1;
        int repeatLeft = 0;
        while (out.size() < rows) {
            if (burstLeft > 0) {
                burstLeft--;
                time += rnd.nextLong(200);
            } else {
                if (rnd.nextInt(20_000) == 0) {
                    burstLeft = 200 + rnd.nextInt(800); // an upset: a flood of transitions
                }
                time += rnd.nextLong(2 * meanGapMillis + 1);
            }
            int a;
            if (repeatLeft > 0) {
                repeatLeft--;
                a = repeatAlarm;
            } else {
                double u = rnd.nextDouble();
                a = (int) (alarmCount * u * u * u * u); // heavy head: bad actors
                if (rnd.nextInt(400) == 0) {
                    repeatAlarm = a; // a chattering episode of one alarm
                    repeatLeft = 6 + rnd.nextInt(10);
                }
            }
            AlarmState from = states[a];
            Cause cause;
            AlarmState to;
            switch (from) {
                case NORMAL -> {
                    cause = Cause.ACTIVATE;
                    to = AlarmState.UNACK;
                }
                case UNACK -> {
                    if (rnd.nextInt(100) < 65) {
                        cause = Cause.RETURN;
                        to = AlarmState.RTN_UNACK;
                    } else {
                        cause = Cause.ACKNOWLEDGE;
                        to = AlarmState.ACKED;
                    }
                }
                case ACKED -> {
                    cause = Cause.RETURN;
                    to = AlarmState.NORMAL;
                }
                default -> { // RTN_UNACK
                    if (rnd.nextInt(100) < 70) {
                        cause = Cause.ACTIVATE;
                        to = AlarmState.UNACK;
                    } else {
                        cause = Cause.ACKNOWLEDGE;
                        to = AlarmState.NORMAL;
                    }
                }
            }
            states[a] = to;
            boolean ack = cause == Cause.ACKNOWLEDGE;
            out.add(new AlarmTransition(ids[a], tagNames[a / 2], levels[a], priorities[a], cause, from, to, time, wall,
                    ack ? Double.NaN : 42.0, 40.0, ack ? "operator" : "system", ""));
        }
        return out;
    }
}
