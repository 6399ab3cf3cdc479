package io.plantwatch.ui.alarm;

import static io.plantwatch.testsupport.Transitions.transition;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.LimitLevel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnunciationPolicyTest {

    private final List<String> heard = new ArrayList<>();
    private final AnnunciationPolicy policy = new AnnunciationPolicy(2, new Annunciator() {
        @Override
        public void sound(int priority) {
            heard.add("sound P" + priority);
        }

        @Override
        public void silence() {
            heard.add("silence");
        }
    });

    @Test
    void newUnacknowledgedAlarmAtOrAboveTheThresholdSounds() {
        policy.apply(List.of(transition("P-1/a", LimitLevel.HI, 3, AlarmState.NORMAL, AlarmState.UNACK, 1),
                transition("P-1/b", LimitLevel.HI, 2, AlarmState.NORMAL, AlarmState.UNACK, 2)));

        assertThat(heard).containsExactly("sound P2");
        assertThat(policy.soundingProperty().get()).isTrue();
    }

    @Test
    void lowPriorityAlarmDoesNotSound() {
        policy.apply(List.of(transition("P-1/a", LimitLevel.HI, 3, AlarmState.NORMAL, AlarmState.UNACK, 1)));

        assertThat(heard).isEmpty();
        assertThat(policy.soundingProperty().get()).isFalse();
    }

    @Test
    void silenceStopsTheToneButTheNextNewAlarmSoundsAgain() {
        policy.apply(List.of(transition("P-1/a", LimitLevel.HI, 1, AlarmState.NORMAL, AlarmState.UNACK, 1)));
        policy.silence();
        policy.apply(List.of(transition("P-1/a", LimitLevel.HI, 1, AlarmState.UNACK, AlarmState.RTN_UNACK, 2)));
        assertThat(policy.soundingProperty().get()).isFalse();

        policy.apply(List.of(transition("P-1/b", LimitLevel.HI, 2, AlarmState.NORMAL, AlarmState.UNACK, 3)));

        assertThat(heard).containsExactly("sound P1", "silence", "sound P2");
    }

    @Test
    void toneStopsByItselfWhenEveryLoudAlarmIsAcknowledged() {
        policy.apply(List.of(transition("P-1/a", LimitLevel.HI, 1, AlarmState.NORMAL, AlarmState.UNACK, 1),
                transition("P-1/b", LimitLevel.HI, 2, AlarmState.NORMAL, AlarmState.UNACK, 2)));
        policy.apply(List.of(transition("P-1/a", LimitLevel.HI, 1, AlarmState.UNACK, AlarmState.ACKED, 3)));
        assertThat(policy.soundingProperty().get()).isTrue();

        policy.apply(List.of(transition("P-1/b", LimitLevel.HI, 2, AlarmState.UNACK, AlarmState.ACKED, 4)));

        assertThat(policy.soundingProperty().get()).isFalse();
        assertThat(heard).containsExactly("sound P1", "silence");
    }

    @Test
    void thresholdZeroNeverSounds() {
        AnnunciationPolicy quiet = new AnnunciationPolicy(0, Annunciator.SILENT);
        quiet.apply(List.of(transition("P-1/a", LimitLevel.HI, 1, AlarmState.NORMAL, AlarmState.UNACK, 1)));

        assertThat(quiet.soundingProperty().get()).isFalse();
    }
}
