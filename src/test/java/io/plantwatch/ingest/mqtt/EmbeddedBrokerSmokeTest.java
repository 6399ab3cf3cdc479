package io.plantwatch.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.plantwatch.testsupport.EmbeddedMqttBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The test broker really routes a QoS 1 message from one client to another. */
@Timeout(60)
class EmbeddedBrokerSmokeTest {

    @Test
    void routesAQos1Message(@TempDir Path dir) throws Exception {
        try (EmbeddedMqttBroker broker = new EmbeddedMqttBroker(dir).start()) {
            Mqtt5BlockingClient sub = Mqtt5Client.builder().serverHost("127.0.0.1").serverPort(broker.port())
                    .identifier("sub").buildBlocking();
            sub.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
                sub.subscribeWith().topicFilter("sensors/+/+").qos(MqttQos.AT_LEAST_ONCE).send();
                Mqtt5BlockingClient pub = Mqtt5Client.builder().serverHost("127.0.0.1").serverPort(broker.port())
                        .identifier("pub").buildBlocking();
                pub.connect();
                pub.publishWith().topic("sensors/P-101/flow").qos(MqttQos.AT_LEAST_ONCE)
                        .payload("{\"value\":1.5}".getBytes(StandardCharsets.UTF_8)).send();
                var received = publishes.receive(10, TimeUnit.SECONDS);
                assertThat(received).isPresent();
                assertThat(received.get().getTopic().toString()).isEqualTo("sensors/P-101/flow");
                assertThat(new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"value\":1.5}");
                pub.disconnect();
            }
            sub.disconnect();
        }
    }
}
