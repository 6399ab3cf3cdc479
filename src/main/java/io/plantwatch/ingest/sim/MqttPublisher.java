package io.plantwatch.ingest.sim;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT 5 connection shared by the JSON and Sparkplug publishers (HiveMQ client, asynchronous API):
 * at most {@value #IN_FLIGHT} messages in flight, reconnects with a doubling delay (1 s to 30 s) after
 * an unexpected disconnect, and pauses publishing while disconnected.
 */
abstract class MqttPublisher implements Publisher {

    private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);
    static final int IN_FLIGHT = 1000;

    protected final DeviceSimulator.Settings settings;
    protected final DeviceSimulator.Listener listener;
    protected final MqttQos qos;
    protected Mqtt5AsyncClient client;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean connected;
    private volatile boolean closing;
    private boolean everConnected;

    MqttPublisher(DeviceSimulator.Settings settings, DeviceSimulator.Listener listener) {
        this.settings = settings;
        this.listener = listener;
        this.qos = MqttQos.fromCode(settings.qos());
    }

    /** The CONNECT packet (a Sparkplug edge node carries its NDEATH as the will). */
    protected abstract Mqtt5Connect connectMessage();

    /** Subscribes to the devices' command topics, after each connect. */
    protected abstract void subscribeCommands(List<DeviceSimulator.Device> devices);

    /** Called on the client's thread after every successful (re)connect; must not block. */
    protected void onConnected(boolean reconnect) {
    }

    /** Called on the client's thread before a reconnect; may change the CONNECT packet. */
    protected void onDisconnected() {
    }

    @Override
    public void connect(List<DeviceSimulator.Device> devices) throws IOException {
        var uri = settings.mqtt();
        int port = uri.getPort() > 0 ? uri.getPort() : "mqtts".equals(uri.getScheme()) ? 8883 : 1883;
        Mqtt5ClientBuilder b = Mqtt5Client.builder().identifier(settings.clientId()).serverHost(uri.getHost())
                .serverPort(port);
        if ("mqtts".equals(uri.getScheme())) {
            b = b.sslWithDefaultConfig();
        }
        client = b.addConnectedListener(ctx -> {
            connected = true;
            boolean again = everConnected;
            everConnected = true;
            if (again) {
                LOG.info("simulator reconnected to {}", uri);
                onConnected(true);
            }
        }).addDisconnectedListener(ctx -> {
            connected = false;
            if (closing || !everConnected) {
                return;
            }
            int attempt = ctx.getReconnector().getAttempts();
            long delay = Math.min(30, 1L << Math.min(5, attempt));
            LOG.warn("simulator lost {} ({}); reconnecting in {} s", uri, ctx.getCause().getMessage(), delay);
            onDisconnected();
            ((Mqtt5ClientDisconnectedContext) ctx).getReconnector().reconnect(true).delay(delay, TimeUnit.SECONDS)
                    .connect(connectMessage());
        }).buildAsync();
        try {
            client.connect(connectMessage()).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable root = e.getCause();
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new IOException("cannot connect to " + uri + ": " + root.getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer from " + uri + " within 15 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + uri, e);
        }
        onConnected(false);
        subscribeCommands(devices);
    }

    /** Subscribes (waiting for the SUBACK) with a callback for the commands; the client re-subscribes after a reconnect. */
    protected void subscribe(String filter, Consumer<Mqtt5Publish> handler) {
        try {
            client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).callback(handler).send()
                    .orTimeout(10, TimeUnit.SECONDS).join();
        } catch (java.util.concurrent.CompletionException e) {
            LOG.warn("simulator could not subscribe to {}: {}", filter, e.getCause().getMessage());
        }
    }

    /** Publishes asynchronously, waiting while {@value #IN_FLIGHT} messages are unacknowledged. */
    protected void send(String topic, byte[] payload, MqttQos q) throws InterruptedException {
        inFlight.acquire();
        client.publishWith().topic(topic).qos(q).payload(payload).send().whenComplete((result, e) -> {
            if (e != null || result.getError().isPresent()) {
                if (failed.incrementAndGet() <= 10) {
                    LOG.warn("publish to {} failed: {}", topic, e != null ? e.getMessage() : result.getError().get());
                }
            } else {
                acknowledged.incrementAndGet();
            }
            inFlight.release(); // after counting, so that flush() sees the final counts
        });
    }

    @Override
    public boolean ready() {
        return connected;
    }

    @Override
    public void flush(Duration timeout) throws InterruptedException {
        if (inFlight.tryAcquire(IN_FLIGHT, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            inFlight.release(IN_FLIGHT);
        } else {
            LOG.warn("{} messages still unacknowledged after {}", IN_FLIGHT - inFlight.availablePermits(), timeout);
        }
    }

    @Override
    public long acknowledged() {
        return acknowledged.get();
    }

    @Override
    public long failed() {
        return failed.get();
    }

    /** Disconnects; subclasses may say goodbye first. */
    protected void disconnect() {
        client.disconnect().orTimeout(5, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        closing = true;
        if (client == null) {
            return;
        }
        try {
            if (connected) {
                disconnect();
            }
        } catch (RuntimeException e) {
            LOG.debug("disconnect", e);
        }
    }

    /** Logs a command received and hands it on. Runs on the client's thread. */
    protected void command(Mqtt5Publish p, String description) {
        LOG.info("command received on {}: {}", p.getTopic(), description);
        try {
            listener.onCommand(p.getTopic().toString(), p.getPayloadAsBytes());
        } catch (RuntimeException e) {
            LOG.warn("command listener failed", e);
        }
    }

    /**
     * Answers a catalog command as a device would (docs/commands.md): an MQTT 5 response on the PUBLISH's
     * response topic with its correlation data (accepted, or rejected with the reason), and for a read-back
     * command that was accepted, the new state on its state topic (retained). Does not block: the
     * publishes are asynchronous. Runs on the client's thread.
     */
    protected void answer(Mqtt5Publish p, DeviceCommands commands) {
        DeviceCommands.Outcome o = commands.handle(p.getTopic().toString(), p.getPayloadAsBytes());
        if (o.accepted()) {
            LOG.info("command {} accepted{}", p.getTopic(), o.value() == null ? "" : " (value " + o.value() + ")");
        } else {
            LOG.info("command {} rejected: {}", p.getTopic(), o.reason());
        }
        p.getResponseTopic().ifPresent(rt -> {
            var b = client.publishWith().topic(rt).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(io.plantwatch.command.CommandMessages.response(o.accepted(), o.reason()));
            p.getCorrelationData().ifPresent(b::correlationData);
            b.send().whenComplete((r, e) -> {
                if (e != null) {
                    LOG.warn("response to {} not sent: {}", rt, e.getMessage());
                }
            });
        });
        var def = o.definition();
        if (o.accepted() && def != null
                && def.confirmation().kind() == io.plantwatch.domain.CommandDefinition.Confirmation.Kind.READ_BACK) {
            client.publishWith().topic(def.confirmation().stateTopic()).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                    .payload(io.plantwatch.command.CommandMessages.state(def.confirmation().expected(o.value()),
                            def.parameter()))
                    .send();
        }
    }
}
