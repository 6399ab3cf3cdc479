package io.plantwatch.ui;

import static io.plantwatch.testsupport.Transitions.transition;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.ConnectionState;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.WindowStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleFeedTest {

    private final ConsoleFeed feed = new ConsoleFeed();


    @Test
    void latestValueIsTheNewestReadingOfTheTag() {
        feed.onReading(new Reading("P-1/flow", 1_000, 31.0, "L/min"));
        feed.onReading(new Reading("P-1/flow", 2_000, 30.0, "L/min"));

        assertThat(feed.latest("P-1/flow")).isEqualTo(new ConsoleFeed.LiveValue(30.0, 2_000));
        assertThat(feed.latest("P-1/other")).isNull();
        assertThat(feed.readingCount()).isEqualTo(2);
    }

    @Test
    void trendBufferKeepsTheNewestPointsWhenTheScreenFallsBehind() {
        int n = ConsoleFeed.TREND_PENDING + 500;
        for (int i = 0; i < n; i++) {
            feed.onReading(new Reading("P-1/flow", i, i, ""));
        }

        double[][] points = feed.drainRaw("P-1/flow");

        assertThat(points[0]).hasSize(ConsoleFeed.TREND_PENDING);
        assertThat(points[0][0]).isEqualTo(500.0);
        assertThat(points[1][ConsoleFeed.TREND_PENDING - 1]).isEqualTo(n - 1.0);
        assertThat(feed.drainRaw("P-1/flow")[0]).isEmpty();
    }

    @Test
    void windowAveragesOfOneBatchAreQueuedInEventTimeOrderAtTheWindowMiddle() {
        feed.onWindows(List.of(new WindowStats("P-1/flow", 20_000, 30_000, 10, 3.0, 1, 5, 1),
                new WindowStats("P-1/flow", 0, 10_000, 10, 1.0, 1, 5, 1),
                new WindowStats("P-1/flow", 10_000, 20_000, 10, 2.0, 1, 5, 1)));

        double[][] avg = feed.drainAverages("P-1/flow");

        assertThat(avg[0]).containsExactly(5_000.0, 15_000.0, 25_000.0);
        assertThat(avg[1]).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void alarmTransitionsAreNeverDroppedAndKeepTheirOrder() {
        List<AlarmTransition> sent = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            AlarmTransition t = transition("P-1/flow", LimitLevel.LO, 2, AlarmState.NORMAL, AlarmState.UNACK, i);
            sent.add(t);
            feed.onTransition(t);
        }

        assertThat(feed.drainTransitions()).containsExactlyElementsOf(sent);
        assertThat(feed.drainTransitions()).isEmpty();
    }

    @Test
    void firstValueShownIsRecordedOnce() {
        feed.markFirstValueShown();
        long first = feed.firstValueShownNanos();
        feed.markFirstValueShown();

        assertThat(first).isPositive();
        assertThat(feed.firstValueShownNanos()).isEqualTo(first);
    }

    @Test
    void onlyTheLatestStatePerConnectionIsKeptSortedByConnection() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        feed.onConnectionState(new ConnectionState("mqtt://b:1883", ConnectionState.Status.CONNECTING, "", t));
        feed.onConnectionState(new ConnectionState("kafka://k:9092", ConnectionState.Status.CONNECTED, "", t));
        feed.onConnectionState(new ConnectionState("mqtt://b:1883", ConnectionState.Status.RECONNECTING, "timeout", t));

        assertThat(feed.connectionStates()).extracting(ConnectionState::connection, ConnectionState::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("kafka://k:9092", ConnectionState.Status.CONNECTED),
                        org.assertj.core.groups.Tuple.tuple("mqtt://b:1883", ConnectionState.Status.RECONNECTING));

        feed.removeConnection("kafka://k:9092");

        assertThat(feed.connectionStates()).extracting(ConnectionState::connection).containsExactly("mqtt://b:1883");
    }

    @Test
    void aStaleTagStaysStaleUntilItsNextReadingOnly() {
        feed.onReading(new Reading("G1/temp", 1_000, 20.0, "degC"));
        feed.stale(List.of("G1/temp", "G1/flow"), 5_000, "DDEATH from G1");

        assertThat(feed.staleMark("G1/temp")).isEqualTo(new ConsoleFeed.StaleMark(5_000, "DDEATH from G1"));
        assertThat(feed.latest("G1/temp")).isEqualTo(new ConsoleFeed.LiveValue(20.0, 1_000));

        feed.onReading(new Reading("G1/temp", 4_000, 21.0, "degC"));   // device clock behind the death: still a new reading

        assertThat(feed.staleMark("G1/temp")).isNull();
        assertThat(feed.staleMark("G1/flow")).isNotNull();
        assertThat(feed.staleMark("G1/other")).isNull();
    }
}
