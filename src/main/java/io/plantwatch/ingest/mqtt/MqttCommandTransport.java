package io.plantwatch.ingest.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.plantwatch.command.CommandMessages;
import io.plantwatch.command.CommandTransport;
import io.plantwatch.domain.CommandDefinition;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.ingest.Secrets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands over MQTT (docs/commands.md), on a connection of its own beside the ingest's: client id
 * {@code <connections.mqtt.clientId>-cmd}, clean start (no session: a PUBLISH not acknowledged before a
 * reconnect fails instead of going out late, so a command is never re-sent), automatic reconnect with the
 * site's delays, the site's TLS and credentials.
 *
 * <ul>
 *   <li>Commands go out once at QoS 1. With MQTT 5 they carry the response topic
 *       {@code plantwatch/responses/<client id>}, the command id as correlation data and the message
 *       expiry (rounded up to whole seconds), so a broker drops a command that a device could not
 *       receive in time.
 *   <li>MQTT 5 responses ({@code {"result":"accepted"|"rejected","reason":…}}) arrive on the response
 *       topic, which this client subscribes to at QoS 1; the correlation data picks the command.
 *   <li>Read-back (MQTT 3.1.1 devices, or a 3.1.1 connection): the state topics of the catalog are
 *       subscribed at connect; only a state message that arrives after the command was handed to the
 *       client counts, and it confirms when it shows the expected value
 *       ({@link CommandMessages#matches}). Other values are remembered for the timeout's reason.
 * </ul>
 *
 * <p>Threading: thread-safe; no method blocks; outcomes are reported on the client's netty threads.
 */
public final class MqttCommandTransport implements CommandTransport {

    private static final Logger LOG = LoggerFactory.getLogger(MqttCommandTransport.class);

    private final MqttSettings settings;
    private final String clientId;
    private final String responseTopic;
    private final Set<String> stateTopics = ConcurrentHashMap.newKeySet();
    private final MqttTransport transport;
    private final boolean v5;
    private final Map<String, Outcome> awaitingResponse = new ConcurrentHashMap<>();
    private final Map<String, ReadBack> awaitingState = new ConcurrentHashMap<>();
    private volatile boolean connected;
    private volatile boolean closed;

    /** A read-back in progress. */
    private static final class ReadBack {
        final String topic;
        final String expected;
        final Outcome outcome;
        volatile String lastSeen;

        ReadBack(String topic, String expected, Outcome outcome) {
            this.topic = topic;
            this.expected = expected;
            this.outcome = outcome;
        }
    }

    /**
     * Prepares the client (does not connect; see {@link #start}).
     *
     * @param settings    the console's MQTT connection ({@code connections.mqtt}): broker, version, TLS,
     *                    credentials, reconnect delays; its client id gets the suffix {@code -cmd}
     * @param stateTopics the read-back state topics of the catalog, subscribed at connect
     * @throws IllegalArgumentException when TLS material or a secret cannot be loaded
     */
    public MqttCommandTransport(MqttSettings settings, Collection<String> stateTopics, Secrets secrets) {
        this.settings = settings;
        this.clientId = settings.clientId() + "-cmd";
        this.responseTopic = "plantwatch/responses/" + clientId;
        this.stateTopics.addAll(stateTopics);
        this.v5 = settings.version() == MqttSettings.Version.V5;
        MqttClientBuilder builder = MqttClient.builder()
                .automaticReconnect().initialDelay(settings.reconnectInitial().toMillis(), TimeUnit.MILLISECONDS)
                .maxDelay(settings.reconnectMax().toMillis(), TimeUnit.MILLISECONDS).applyAutomaticReconnect()
                .addConnectedListener(ctx -> onConnected())
                .addDisconnectedListener(ctx -> {
                    if (connected) {
                        LOG.warn("command connection to {} lost: {}", settings.serverUri(), ctx.getCause().getMessage());
                    }
                    connected = false;
                    if (closed) {
                        ctx.getReconnector().reconnect(false);
                    }
                });
        this.transport = MqttClients.transport(settings, clientId, true, secrets, builder);
        MqttClient c = transport.client();
        if (c instanceof Mqtt5AsyncClient c5) {
            c5.publishes(MqttGlobalPublishFilter.ALL, this::onMessage);
        } else {
            ((Mqtt3AsyncClient) c).publishes(MqttGlobalPublishFilter.ALL,
                    p -> onMessage(p.getTopic().toString(), p.getPayloadAsBytes(), null));
        }
    }

    /**
     * Connects in the background (retrying with the site's reconnect delays); commands are refused
     * ({@link #unavailable}) until connected and subscribed.
     */
    public void start() {
        transport.connect().whenComplete((present, e) -> {
            if (e != null) {
                LOG.warn("command connection to {} failed: {}; retrying", settings.serverUri(), e.getMessage());
            }
        });
    }

    /** After every (re)connect: subscribe to the response topic and the state topics, then accept commands. */
    private void onConnected() {
        List<String> filters = new ArrayList<>();
        if (v5) {
            filters.add(responseTopic);
        }
        filters.addAll(new LinkedHashSet<>(stateTopics));
        if (filters.isEmpty()) {
            connected = true;
            return;
        }
        transport.subscribe(filters, 1).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.error("command connection: subscription to {} refused: {}", filters, e.getMessage());
                return;
            }
            connected = true;
            LOG.info("command connection to {} ready (client {}, {}, responses on {}, {} state topics)",
                    settings.serverUri(), clientId, v5 ? "MQTT 5" : "MQTT 3.1.1", v5 ? responseTopic : "-",
                    stateTopics.size());
        });
    }

    /** Waits up to {@code timeout} until connected and subscribed; true when ready. For tools and tests. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!connected && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return connected;
    }

    @Override
    public String unavailable(CommandDefinition.Confirmation confirmation) {
        if (closed) {
            return "the command connection is closed";
        }
        if (!connected) {
            return "the command connection to " + settings.serverUri() + " is not up";
        }
        if (!v5 && confirmation.kind() == CommandDefinition.Confirmation.Kind.RESPONSE) {
            return "the console's MQTT connection is 3.1.1, which has no response topics; "
                    + "confirm this command by read-back (readBack in the catalog) or connect with MQTT 5";
        }
        return null;
    }

    @Override
    public String responseTopic() {
        return responseTopic;
    }

    @Override
    public void send(Request r, Outcome outcome) {
        boolean response = r.confirmation().kind() == CommandDefinition.Confirmation.Kind.RESPONSE;
        if (response) {
            awaitingResponse.put(r.commandId(), outcome);
        } else {
            String topic = r.confirmation().stateTopic();
            if (stateTopics.add(topic) && connected) {
                transport.subscribe(List.of(topic), 1); // a topic not in the catalog at start (tests)
            }
            awaitingState.put(r.commandId(), new ReadBack(topic, r.expected(), outcome));
        }
        CompletableFuture<Void> sent;
        if (v5) {
            var b = ((Mqtt5AsyncClient) transport.client()).publishWith().topic(r.topic()).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(r.payload()).contentType("application/json")
                    .messageExpiryInterval(Math.max(1, (r.expiry().toMillis() + 999) / 1000));
            if (response) {
                b = b.responseTopic(responseTopic).correlationData(r.commandId().getBytes(StandardCharsets.UTF_8));
            }
            sent = b.send().thenAccept(res -> res.getError().ifPresent(e -> {
                throw new IllegalStateException(e.getMessage(), e);
            }));
        } else {
            sent = transport.publish(r.topic(), r.payload(), 1, false);
        }
        sent.whenComplete((ok, e) -> {
            if (e == null) {
                outcome.sent();
            } else {
                awaitingResponse.remove(r.commandId());
                awaitingState.remove(r.commandId());
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                outcome.notSent(cause.getMessage() == null ? cause.toString() : cause.getMessage());
            }
        });
    }

    @Override
    public String forget(String commandId) {
        awaitingResponse.remove(commandId);
        ReadBack rb = awaitingState.remove(commandId);
        if (rb != null) {
            return rb.lastSeen == null ? "nothing on " + rb.topic
                    : rb.topic + " showed '" + rb.lastSeen + "', expected '" + rb.expected + "'";
        }
        return null;
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload) {
        return transport.publish(topic, payload, 1, false);
    }

    private void onMessage(Mqtt5Publish p) {
        onMessage(p.getTopic().toString(), p.getPayloadAsBytes(), p.getCorrelationData().orElse(null));
    }

    /** A response or a state message, on a netty thread. */
    private void onMessage(String topic, byte[] payload, ByteBuffer correlation) {
        if (topic.equals(responseTopic)) {
            if (correlation == null) {
                LOG.warn("response on {} without correlation data ignored", topic);
                return;
            }
            String id = StandardCharsets.UTF_8.decode(correlation.duplicate()).toString();
            Outcome o = awaitingResponse.get(id);
            if (o == null) {
                LOG.warn("response for command {} ignored: not awaited (timed out or unknown)", id);
                return;
            }
            CommandMessages.Response r;
            try {
                r = CommandMessages.parseResponse(payload);
            } catch (IllegalArgumentException e) {
                LOG.warn("unreadable response for command {} ignored: {}", id, e.getMessage());
                return;
            }
            if (awaitingResponse.remove(id, o)) {
                if (r.accepted()) {
                    o.acknowledged("accepted by the device" + (r.reason().isEmpty() ? "" : ": " + r.reason()));
                } else {
                    o.rejected(r.reason());
                }
            }
            return;
        }
        if (awaitingState.isEmpty()) {
            return;
        }
        String value = CommandMessages.stateValue(payload);
        for (Map.Entry<String, ReadBack> e : awaitingState.entrySet()) {
            ReadBack rb = e.getValue();
            if (!rb.topic.equals(topic)) {
                continue;
            }
            if (CommandMessages.matches(rb.expected, value)) {
                if (awaitingState.remove(e.getKey(), rb)) {
                    rb.outcome.acknowledged("read back " + topic + " = " + value);
                }
            } else {
                rb.lastSeen = value;
            }
        }
    }

    /** Disconnects (up to 5 s); nothing pending is reported. */
    @Override
    public void close() {
        closed = true;
        connected = false;
        try {
            transport.disconnect().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("command connection disconnect", e);
        }
        awaitingResponse.clear();
        awaitingState.clear();
    }
}
