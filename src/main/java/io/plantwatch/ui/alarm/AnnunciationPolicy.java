package io.plantwatch.ui.alarm;

import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * When the console sounds (EEMUA 191 §A7, ISA-18.2 §11.5: audible annunciation of new alarms,
 * silenced by the operator without acknowledging): a new annunciation, i.e. a transition into UNACK
 * of priority {@code threshold} or more urgent, starts the tone. Silence stops it until the next new
 * annunciation. It also stops by itself once no alarm at that priority waits for acknowledgement.
 * FX thread only.
 */
public final class AnnunciationPolicy {

    private final int threshold;
    private final Annunciator annunciator;
    private final Map<String, Integer> unackedLoud = new HashMap<>();
    private final ReadOnlyBooleanWrapper sounding = new ReadOnlyBooleanWrapper(false);

    /**
     * @param threshold priorities 1..threshold sound; 0 never sounds
     */
    public AnnunciationPolicy(int threshold, Annunciator annunciator) {
        this.threshold = threshold;
        this.annunciator = annunciator;
    }

    /** True while the tone sounds. */
    public ReadOnlyBooleanProperty soundingProperty() {
        return sounding.getReadOnlyProperty();
    }

    /** Applies transitions in order; starts or stops the tone. */
    public void apply(List<AlarmTransition> transitions) {
        int loudest = 0;
        for (AlarmTransition t : transitions) {
            boolean loud = t.priority() <= threshold;
            if (loud && t.to() == AlarmState.UNACK && t.from() != AlarmState.UNACK) {
                unackedLoud.put(t.alarmId(), t.priority());
                loudest = loudest == 0 ? t.priority() : Math.min(loudest, t.priority());
            } else if (!t.to().needsAck()) {
                unackedLoud.remove(t.alarmId());
            }
        }
        if (loudest > 0) {
            sounding.set(true);
            annunciator.sound(loudest);
        } else if (sounding.get() && unackedLoud.isEmpty()) {
            silence();
        }
    }

    /** The operator silences the console; alarms stay unacknowledged. */
    public void silence() {
        sounding.set(false);
        annunciator.silence();
    }
}
