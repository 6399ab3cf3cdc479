package io.plantwatch.testsupport;

import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.LimitLevel;
import java.time.Instant;

/** Builds alarm transitions for tests; the cause follows from the states. */
public final class Transitions {

    private Transitions() {
    }

    /** A transition of {@code tag:level} from one state to another at event time {@code t} (ms). */
    public static AlarmTransition transition(String tag, LimitLevel level, int priority, AlarmState from, AlarmState to,
            long t) {
        AlarmTransition.Cause cause = to.isActive() && !from.isActive() ? AlarmTransition.Cause.ACTIVATE
                : !to.isActive() && from.isActive() ? AlarmTransition.Cause.RETURN : AlarmTransition.Cause.ACKNOWLEDGE;
        return new AlarmTransition(AlarmTransition.alarmId(tag, level), tag, level, priority, cause, from, to, t,
                Instant.EPOCH, 1.0, 2.0, "system", "");
    }
}
