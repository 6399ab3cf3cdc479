package io.plantwatch.ingest.load;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's baseline: a bare HiveMQ-client subscriber that only counts messages (and the
 * readings they carry, given the publisher's batch size), with the client's automatic
 * acknowledgement. It decodes nothing and stores nothing: the upper bound for any consumer of the
 * same broker on the same machine. Thread-safe counters; callbacks on the client's threads.
 */
public final class CountingSubscriber implements AutoCloseable {

    private final Mqtt5AsyncClient client;
    private final AtomicLong messages = new AtomicLong();
    private volatile long firstNanos;
    private volatile long lastNanos;

    /** Connects and subscribes to {@code topicFilter} at {@code qos}. */
    public CountingSubscriber(URI broker, String clientId, String topicFilter, int qos) {
        client = Mqtt5Client.builder().identifier(clientId).serverHost(broker.getHost())
                .serverPort(broker.getPort() > 0 ? broker.getPort() : 1883).buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, p -> {
            long now = System.nanoTime();
            if (messages.getAndIncrement() == 0) {
                firstNanos = now;
            }
            lastNanos = now;
        });
        client.connectWith().cleanStart(true).send().join();
        client.subscribeWith().topicFilter(topicFilter).qos(MqttQos.fromCode(qos)).send().join();
    }

    /** Messages received so far. */
    public long messages() {
        return messages.get();
    }

    /** Seconds between the first and the last message received. */
    public double seconds() {
        return (lastNanos - firstNanos) / 1e9;
    }

    @Override
    public void close() {
        client.disconnect().join();
    }
}
