package io.plantwatch.ui.alarm;

import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.LimitLevel;

/**
 * One line of the alarm table: an alarm that is not NORMAL, as of its latest transition.
 *
 * @param alarmId         {@code tag:LEVEL}
 * @param tag             the tag
 * @param level           HI, HIHI, LO, LOLO
 * @param priority        1–4
 * @param state           UNACK, ACKED or RTN_UNACK
 * @param eventTimeMillis event time of the latest transition
 * @param value           process value at that transition
 * @param limit           the limit, engineering units
 * @param unit            engineering unit
 * @param actor           who made the latest transition
 * @param comment         the operator's note, if any
 */
public record AlarmRow(String alarmId, String tag, LimitLevel level, int priority, AlarmState state,
        long eventTimeMillis, double value, double limit, String unit, String actor, String comment) {

    static AlarmRow of(AlarmTransition t, String unit) {
        return new AlarmRow(t.alarmId(), t.tag(), t.level(), t.priority(), t.to(), t.eventTimeMillis(), t.value(),
                t.limit(), unit, t.actor(), t.comment());
    }
}
