package io.plantwatch.ui.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.domain.ConnectionState;
import io.plantwatch.domain.ConnectionState.Status;
import io.plantwatch.ui.ConsoleFeed;
import io.plantwatch.ui.StatusSnapshot;
import io.plantwatch.ui.status.ConnectionIndicator.Severity;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusViewModelTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private final ConsoleFeed feed = new ConsoleFeed();
    private final StatusViewModel vm = new StatusViewModel();

    private static StatusSnapshot snapshot(boolean live, long rejected) {
        return new StatusSnapshot("RUNNING", "", 0, 3, 100, rejected, "valve1.csv", 20, 50, 200, 0, live);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            mqtt://broker:1883   | CONNECTED    |                       | MQTT mqtt://broker:1883 — connected                              | NORMAL
            mqtts://broker:8883  | CONNECTING   |                       | MQTT mqtts://broker:8883 — connecting                            | NORMAL
            mqtt://broker:1883   | DISCONNECTED |                       | MQTT mqtt://broker:1883 — disconnected                           | NORMAL
            mqtt://broker:1883   | RECONNECTING | connection lost       | MQTT mqtt://broker:1883 — reconnecting (connection lost)         | DEGRADED
            mqtt://broker:1883   | RECONNECTING |                       | MQTT mqtt://broker:1883 — reconnecting                           | DEGRADED
            mqtt://broker:1883   | ERROR        | not authorized (0x87) | MQTT mqtt://broker:1883 — error: not authorized (0x87)           | FAILED
            kafka://k1:9092      | ERROR        |                       | Kafka k1:9092 — error: unknown cause                             | FAILED
            """)
    void connectionStateBecomesTextAndSeverity(String connection, Status status, String detail, String text, Severity severity) {
        ConnectionIndicator i = ConnectionIndicator.of(new ConnectionState(connection, status, detail, T));

        assertThat(i.text()).isEqualTo(text);
        assertThat(i.severity()).isEqualTo(severity);
        assertThat(i.connection()).isEqualTo(connection);
    }

    @Test
    void liveModeShowsOneIndicatorPerConnectionWithItsLatestState() {
        feed.onConnectionState(new ConnectionState("mqtt://b:1883", Status.CONNECTED, "", T));
        feed.onConnectionState(new ConnectionState("kafka://k:9092", Status.CONNECTING, "", T));
        vm.refresh(snapshot(true, 0), feed);

        assertThat(vm.replayProperty().get()).isEqualTo("LIVE");
        assertThat(vm.liveProperty().get()).isTrue();
        assertThat(vm.connections()).extracting(ConnectionIndicator::text)
                .containsExactly("Kafka k:9092 — connecting", "MQTT mqtt://b:1883 — connected");

        feed.onConnectionState(new ConnectionState("mqtt://b:1883", Status.RECONNECTING, "keep-alive timeout", T));
        vm.refresh(snapshot(true, 0), feed);

        assertThat(vm.connections()).extracting(ConnectionIndicator::text, ConnectionIndicator::severity).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Kafka k:9092 — connecting", Severity.NORMAL),
                org.assertj.core.groups.Tuple.tuple("MQTT mqtt://b:1883 — reconnecting (keep-alive timeout)", Severity.DEGRADED));
    }

    @Test
    void unchangedConnectionsDoNotTouchTheList() {
        feed.onConnectionState(new ConnectionState("mqtt://b:1883", Status.CONNECTED, "", T));
        vm.refresh(snapshot(true, 0), feed);
        int[] changes = {0};
        vm.connections().addListener((javafx.collections.ListChangeListener<ConnectionIndicator>) c -> changes[0]++);

        vm.refresh(snapshot(true, 0), feed);
        vm.refresh(snapshot(true, 0), feed);

        assertThat(changes[0]).isZero();
    }

    @Test
    void replayModeNamesTheRecordingAndShowsNoConnections() {
        feed.onConnectionState(new ConnectionState("mqtt://b:1883", Status.ERROR, "refused", T));

        vm.refresh(snapshot(false, 0), feed);

        assertThat(vm.replayProperty().get()).startsWith("REPLAY: valve1.csv 20x 25% · ");
        assertThat(vm.liveProperty().get()).isFalse();
        assertThat(vm.connections()).isEmpty();
    }

    @Test
    void rejectedCountIsTheTotalWithThousandsSeparators() {
        vm.refresh(snapshot(false, 12_345), feed);

        assertThat(vm.rejectedProperty().get()).isEqualTo(String.format("%,d rejected", 12_345));
    }
}
