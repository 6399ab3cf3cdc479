package io.plantwatch.ingest.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscribe;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3SubscribeBuilder;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5SubscribeBuilder;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.plantwatch.domain.MqttSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The two HiveMQ client APIs (MQTT 5 and 3.1.1) behind one small surface, so that
 * {@link MqttIngest} is written once. Implementations are thin and stateless apart from the
 * client; every method is non-blocking (futures complete on the client's netty threads).
 */
interface MqttTransport {

    /** One received PUBLISH. {@code ack} sends its PUBACK/PUBREC (a no-op for QoS 0). */
    record Incoming(String topic, byte[] payload, int qos, Runnable ack) {
    }

    /** The underlying client (its config is what {@link MqttClients} built). */
    MqttClient client();

    /**
     * Registers the callback for every incoming PUBLISH with manual acknowledgement. Call before
     * {@link #connect} so that messages the broker delivers from a stored session right after
     * CONNACK reach it. The callback runs on a netty thread and must not block.
     */
    void onPublish(Consumer<Incoming> callback);

    /** Connects with the settings' session parameters; completes with CONNACK's session-present flag. */
    CompletableFuture<Boolean> connect();

    /**
     * Subscribes to {@code filters} at {@code qos}.
     *
     * @return completes exceptionally with a readable reason when the broker refuses any filter
     */
    CompletableFuture<Void> subscribe(List<String> filters, int qos);

    /** Publishes (fire and forget at QoS 0; completes when acknowledged at QoS 1/2). */
    CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain);

    /** Sends DISCONNECT (or cancels a pending reconnect). */
    CompletableFuture<Void> disconnect();

    /** The client's state. */
    default MqttClientState state() {
        return client().getState();
    }

    /** Builds the transport for {@code settings.version()} over a configured builder. */
    static MqttTransport create(MqttClientBuilder builder, MqttSettings settings, String username, byte[] password,
            boolean cleanStart) {
        return settings.version() == MqttSettings.Version.V5
                ? new V5(builder.useMqttVersion5().buildAsync(), settings, username, password, cleanStart)
                : new V3(builder.useMqttVersion3().buildAsync(), settings, username, password, cleanStart);
    }

    /** MQTT 5. */
    final class V5 implements MqttTransport {
        /**
         * Most QoS 1/2 messages in flight towards us (MQTT 5 Receive Maximum): bounds what waits in the
         * ingest queue. 1024 by default; system property {@code plantwatch.mqtt.receiveMaximum} (1–65,535)
         * overrides it. Two measured trade-offs (docs/mqtt.md): Debian's mosquitto 2.0.11 exceeded 1024
         * under load, which the HiveMQ client treats as a protocol error (RECEIVE_MAXIMUM_EXCEEDED) and
         * disconnects, so {@code bench mqtt} raises it to 65,535 for mosquitto; with 65,535, embedded
         * HiveMQ CE once stalled a QoS 2 stream after a broker restart in {@code MqttBrokerRestartIT}.
         */
        static final int RECEIVE_MAXIMUM = Math.max(1, Math.min(65_535,
                Integer.getInteger("plantwatch.mqtt.receiveMaximum", 1024)));
        private final Mqtt5AsyncClient client;
        private final MqttSettings settings;
        private final String username;
        private final byte[] password;
        private final boolean cleanStart;

        V5(Mqtt5AsyncClient client, MqttSettings settings, String username, byte[] password, boolean cleanStart) {
            this.client = client;
            this.settings = settings;
            this.username = username;
            this.password = password;
            this.cleanStart = cleanStart;
        }

        @Override
        public MqttClient client() {
            return client;
        }

        @Override
        public void onPublish(Consumer<Incoming> callback) {
            client.publishes(MqttGlobalPublishFilter.ALL, p -> callback.accept(new Incoming(p.getTopic().toString(),
                    p.getPayloadAsBytes(), p.getQos().getCode(), p::acknowledge)), true);
        }

        @Override
        public CompletableFuture<Boolean> connect() {
            var connect = client.connectWith()
                    .cleanStart(cleanStart)
                    .sessionExpiryInterval(cleanStart ? 0 : sessionExpirySeconds(settings))
                    .keepAlive(keepAliveSeconds(settings))
                    .restrictions().receiveMaximum(RECEIVE_MAXIMUM).applyRestrictions();
            if (username != null) {
                var auth = connect.simpleAuth().username(username);
                if (password != null) {
                    auth = auth.password(password);
                }
                connect = auth.applySimpleAuth();
            }
            return connect.send().thenApply(ack -> ack.isSessionPresent());
        }

        @Override
        public CompletableFuture<Void> subscribe(List<String> filters, int qos) {
            Mqtt5SubscribeBuilder.Start builder = Mqtt5Subscribe.builder();
            Mqtt5SubscribeBuilder.Complete complete = null;
            for (String f : filters) {
                var sub = (complete == null ? builder : complete).addSubscription().topicFilter(f)
                        .qos(MqttQos.fromCode(qos))
                        // a repeated subscription (every reconnect) must not redeliver retained messages
                        .retainHandling(Mqtt5RetainHandling.SEND_IF_SUBSCRIPTION_DOES_NOT_EXIST)
                        .applySubscription();
                complete = sub;
            }
            return client.subscribe(complete.build()).thenAccept(ack -> {
                List<String> refused = new ArrayList<>();
                List<Mqtt5SubAckReasonCode> codes = ack.getReasonCodes();
                for (int i = 0; i < codes.size(); i++) {
                    if (codes.get(i).isError()) {
                        refused.add(filters.get(i) + " (" + codes.get(i) + ")");
                    }
                }
                if (!refused.isEmpty()) {
                    throw new IllegalStateException("broker refused subscription " + String.join(", ", refused));
                }
            });
        }

        @Override
        public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
            return client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).retain(retain).payload(payload).send()
                    .thenAccept(r -> r.getError().ifPresent(e -> {
                        throw new IllegalStateException(e);
                    }));
        }

        @Override
        public CompletableFuture<Void> disconnect() {
            return client.disconnect();
        }
    }

    /** MQTT 3.1.1. */
    final class V3 implements MqttTransport {
        private final Mqtt3AsyncClient client;
        private final MqttSettings settings;
        private final String username;
        private final byte[] password;
        private final boolean cleanStart;

        V3(Mqtt3AsyncClient client, MqttSettings settings, String username, byte[] password, boolean cleanStart) {
            this.client = client;
            this.settings = settings;
            this.username = username;
            this.password = password;
            this.cleanStart = cleanStart;
        }

        @Override
        public MqttClient client() {
            return client;
        }

        @Override
        public void onPublish(Consumer<Incoming> callback) {
            client.publishes(MqttGlobalPublishFilter.ALL, p -> callback.accept(new Incoming(p.getTopic().toString(),
                    p.getPayloadAsBytes(), p.getQos().getCode(), p::acknowledge)), true);
        }

        @Override
        public CompletableFuture<Boolean> connect() {
            var connect = client.connectWith().cleanSession(cleanStart).keepAlive(keepAliveSeconds(settings));
            if (username != null) {
                var auth = connect.simpleAuth().username(username);
                if (password != null) {
                    auth = auth.password(password);
                }
                connect = auth.applySimpleAuth();
            }
            return connect.send().thenApply(ack -> ack.isSessionPresent());
        }

        @Override
        public CompletableFuture<Void> subscribe(List<String> filters, int qos) {
            Mqtt3SubscribeBuilder.Start builder = Mqtt3Subscribe.builder();
            Mqtt3SubscribeBuilder.Complete complete = null;
            for (String f : filters) {
                complete = (complete == null ? builder : complete).addSubscription().topicFilter(f)
                        .qos(MqttQos.fromCode(qos)).applySubscription();
            }
            return client.subscribe(complete.build()).thenAccept(ack -> {
                List<String> refused = new ArrayList<>();
                List<Mqtt3SubAckReturnCode> codes = ack.getReturnCodes();
                for (int i = 0; i < codes.size(); i++) {
                    if (codes.get(i).isError()) {
                        refused.add(filters.get(i));
                    }
                }
                if (!refused.isEmpty()) {
                    throw new IllegalStateException("broker refused subscription " + String.join(", ", refused));
                }
            });
        }

        @Override
        public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
            return client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).retain(retain).payload(payload).send()
                    .thenAccept(p -> {
                    });
        }

        @Override
        public CompletableFuture<Void> disconnect() {
            return client.disconnect();
        }
    }

    /** MQTT 5 session expiry in seconds: at most 0xFFFFFFFF (which means "never expires"). */
    static long sessionExpirySeconds(MqttSettings s) {
        if (s.sessionExpiry() == null) {
            return 0;
        }
        return Math.min(s.sessionExpiry().toSeconds(), 0xFFFF_FFFFL);
    }

    /** Keep-alive in seconds, 0–65535 (MQTT's 16-bit field). */
    static int keepAliveSeconds(MqttSettings s) {
        if (s.keepAlive() == null) {
            return 60;
        }
        return (int) Math.max(0, Math.min(s.keepAlive().toSeconds(), 65_535));
    }
}
