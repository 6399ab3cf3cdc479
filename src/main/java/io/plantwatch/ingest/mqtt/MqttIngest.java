package io.plantwatch.ingest.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt3.lifecycle.Mqtt3ClientConnectedContext;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientConnectedContext;
import io.plantwatch.domain.ConnectionState;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.PayloadFormat;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import io.plantwatch.ingest.ReadingSink;
import io.plantwatch.ingest.Secrets;
import io.plantwatch.ingest.payload.PayloadDecoder;
import io.plantwatch.ingest.payload.PayloadLimits;
import io.plantwatch.ingest.payload.TopicPattern;
import io.plantwatch.ingest.sparkplug.SparkplugDecoder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live MQTT ingest: one HiveMQ client (MQTT 5 or 3.1.1) on a persistent session, decoding JSON or
 * Sparkplug B payloads into the {@link ReadingSink} (the journal), acknowledging each QoS 1/2
 * message only after its readings are in the sink.
 *
 * <h2>Delivery guarantees</h2>
 * <ul>
 *   <li>Persistent session: MQTT 5 {@code cleanStart=false} with {@code sessionExpiry}, 3.1.1
 *       {@code cleanSession=false}, the settings' stable client id; the broker queues QoS 1/2
 *       messages while the console is away and delivers them after it reconnects. The publish
 *       callback is registered before CONNECT, so messages delivered right after CONNACK are seen.
 *   <li>Manual acknowledgement: a message's PUBACK (QoS 1) / PUBREC (QoS 2) is sent after
 *       {@link ReadingSink#accept} / {@link ReadingSink#reject} / {@link ReadingSink#stale} returned
 *       for every outcome of the message. The HiveMQ client sends acknowledgements in arrival order
 *       (as MQTT requires), so every message it hands over is acknowledged exactly once, in order.
 *   <li>Sink failure (the journal cannot write): the message is decoded once into its outcomes;
 *       delivery is retried from the outcome that failed, with the reconnect backoff, until it
 *       succeeds: ingestion pauses, nothing is skipped or duplicated, and the state shows
 *       {@code ERROR} with the reason until the journal writes again. The message is not
 *       acknowledged meanwhile; if the console is closed first, the broker redelivers it (QoS 1/2,
 *       persistent session) on the next start.
 *   <li>After a lost connection, QoS 1 messages the broker resends may be decoded twice (once from
 *       the old connection's queue, once resent): at least once, as QoS 1 promises. QoS 2 resends
 *       are recognised by the client and not handed over again: exactly once.
 *   <li>QoS 0: at most once; messages still queued when the console closes are lost.
 * </ul>
 *
 * <h2>Threading and memory</h2>
 * HiveMQ's netty threads only enqueue; one dedicated daemon thread ({@code plantwatch-mqtt-ingest})
 * decodes, calls the sink and acknowledges, so the journal order is the broker's delivery order.
 * QoS 1/2 messages in the queue are bounded by the broker's in-flight window (MQTT 5 receive
 * maximum {@value MqttTransport.V5#RECEIVE_MAXIMUM}; for 3.1.1 the broker's own in-flight limit).
 * QoS 0 messages beyond {@value #MAX_QUEUED_QOS0} waiting are dropped and counted
 * ({@link Counters#droppedQos0()}); netty is never blocked.
 *
 * <h2>Reconnect</h2>
 * Own reconnect policy in the client's disconnected listener: delay {@code reconnectInitial · 2^attempt}
 * (±20 % jitter) up to {@code reconnectMax}; configuration faults (refused credentials, TLS trust,
 * unknown host) retry at {@code reconnectMax} and are reported as {@code ERROR}, everything else as
 * {@code RECONNECTING}; both with the reason. Subscriptions ({@code topicFilters} at {@code qos}) are
 * sent on every connect (MQTT 5 with retain handling "send if new"; 3.1.1 when the broker has no
 * session, or on the first connect of this instance).
 *
 * <h2>Sparkplug B</h2>
 * With {@link PayloadFormat#SPARKPLUG} messages go to a {@link SparkplugDecoder}; its rebirth
 * requests are published here (QoS 0, not retained).
 *
 * <p>Thread-safe: {@link #start}, {@link #close}, {@link #counters} and {@link #state} may be called
 * from any thread; state changes reach the {@link ConnectionState.Listener} on the client's or the
 * ingest thread.
 */
public final class MqttIngest implements AutoCloseable {

    /** Most QoS 0 messages waiting for the ingest thread; more are dropped and counted. */
    public static final int MAX_QUEUED_QOS0 = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngest.class);

    private final MqttSettings settings;
    private final ReadingSink sink;
    private final ConnectionState.Listener listener;
    private final Clock clock;
    private final PayloadLimits limits;
    private final Secrets secrets;
    private final String connectionName;
    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedQos0 = new AtomicInteger();
    private final Object retryWait = new Object();

    private final LongAdder received = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder droppedQos0 = new LongAdder();
    private final LongAdder sinkFailures = new LongAdder();
    private final AtomicLong connects = new AtomicLong();

    private volatile MqttTransport transport;
    private volatile SparkplugDecoder sparkplug;
    private volatile PayloadDecoder json;
    private volatile Thread worker;
    private volatile boolean closing;
    private volatile ConnectionState state;
    /** Incremented whenever a connection ends; a subscription result of an ended connection is ignored. */
    private final AtomicLong epoch = new AtomicLong();
    /** Text of the last CONNECTED state, restored when the journal writes again; null while disconnected. */
    private volatile String connectedDetail;

    /** One received message waiting for the ingest thread. */
    private record Item(MqttTransport.Incoming in, long receivedAtMillis) {
    }

    /**
     * Counters since construction, a snapshot.
     *
     * @param messagesReceived     PUBLISH packets received (including dropped ones)
     * @param readingsAccepted     readings the sink accepted
     * @param rejected             rejections given to the sink (dead letters), whole payloads and elements
     * @param acknowledged         messages acknowledged after the sink (every QoS; PUBACK/PUBREC for 1/2)
     * @param droppedQos0          QoS 0 messages dropped because {@value #MAX_QUEUED_QOS0} were waiting
     * @param sinkFailures         sink calls that threw (each is retried after a backoff)
     * @param rebirthRequests      Sparkplug rebirth requests sent
     * @param sequenceGaps         Sparkplug sequence gaps seen
     * @param queued               messages waiting for the ingest thread now
     * @param connects             successful connects (CONNACKs) so far
     */
    public record Counters(long messagesReceived, long readingsAccepted, long rejected, long acknowledged,
            long droppedQos0, long sinkFailures, long rebirthRequests,
            long sequenceGaps, long queued, long connects) {
    }

    /**
     * Result of {@link #testConnection}.
     *
     * @param ok               the broker accepted a connection
     * @param roundTripMillis  CONNECT → CONNACK, including TCP and TLS handshakes; -1 when not ok
     * @param reason           empty when ok, else why not (as in {@link ConnectionState#detail()})
     */
    public record ConnectionTest(boolean ok, long roundTripMillis, String reason) {
    }

    /**
     * An ingest that resolves secrets from the process environment.
     *
     * @see #MqttIngest(MqttSettings, ReadingSink, ConnectionState.Listener, Clock, PayloadLimits, Secrets)
     */
    public MqttIngest(MqttSettings settings, ReadingSink sink, ConnectionState.Listener listener, Clock clock,
            PayloadLimits limits) {
        this(settings, sink, listener, clock, limits, Secrets.fromEnvironment());
    }

    /**
     * Prepares (does not connect) an ingest.
     *
     * @param sink     synchronous: when {@code accept} returns, the reading is durable; may throw
     * @param listener connection state changes; must not block
     * @param clock    receive time of messages (event time fallback, payload time window)
     * @param secrets  resolves the password and keystore passwords when {@link #start} connects
     * @throws IllegalArgumentException when {@code settings.topicPattern()} is invalid (JSON)
     */
    public MqttIngest(MqttSettings settings, ReadingSink sink, ConnectionState.Listener listener, Clock clock,
            PayloadLimits limits, Secrets secrets) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.connectionName = connectionName(settings);
        this.state = new ConnectionState(connectionName, ConnectionState.Status.DISCONNECTED, "", clock.instant());
        if (settings.format() == PayloadFormat.JSON) {
            String pattern = settings.topicPattern() == null ? TopicPattern.DEFAULT : settings.topicPattern();
            this.json = new PayloadDecoder(limits, TopicPattern.parse(pattern), clock);
        }
    }

    /**
     * Starts the ingest thread and connects in the background; returns at once. Progress is
     * reported through the listener (CONNECTING, then CONNECTED or RECONNECTING/ERROR with reasons).
     *
     * @throws IllegalArgumentException when the settings cannot be used (a secret that does not
     *                                  resolve, an unreadable truststore); the listener gets ERROR too
     * @throws IllegalStateException    when already started or closed
     */
    public synchronized void start() {
        if (transport != null || closing) {
            throw new IllegalStateException("MQTT ingest already started or closed");
        }
        MqttClientBuilder builder = MqttClient.builder()
                .addConnectedListener(this::onConnected)
                .addDisconnectedListener(this::onDisconnected);
        MqttTransport t;
        try {
            t = MqttClients.transport(settings, settings.clientId(), settings.cleanStart(), secrets, builder);
        } catch (IllegalArgumentException e) {
            emit(ConnectionState.Status.ERROR, e.getMessage());
            throw e;
        }
        transport = t;
        if (settings.format() == PayloadFormat.SPARKPLUG) {
            sparkplug = new SparkplugDecoder(limits, SparkplugDecoder.DEFAULT_REBIRTH_INTERVAL,
                    (topic, payload) -> t.publish(topic, payload, 0, false).whenComplete((r, e) -> {
                        if (e != null) {
                            LOG.warn("rebirth request to {} not sent: {}", topic, e.getMessage());
                        } else {
                            LOG.info("rebirth requested: {}", topic);
                        }
                    }));
        }
        Thread w = new Thread(this::runWorker, "plantwatch-mqtt-ingest");
        w.setDaemon(true);
        worker = w;
        w.start();
        t.onPublish(this::onIncoming);
        emit(ConnectionState.Status.CONNECTING, "");
        t.connect().whenComplete((sessionPresent, e) -> {
            if (e != null && !closing) {
                LOG.warn("MQTT connect to {} gave up: {}", connectionName, ConnectionErrors.describe(e, connectionName));
            }
        });
    }

    // ---- netty threads ----

    private void onIncoming(MqttTransport.Incoming in) {
        received.increment();
        if (in.qos() == 0) {
            if (queuedQos0.get() >= MAX_QUEUED_QOS0) {
                droppedQos0.increment();
                return;
            }
            queuedQos0.incrementAndGet();
        }
        queue.add(new Item(in, clock.millis()));
    }

    private void onConnected(MqttClientConnectedContext ctx) {
        long n = connects.incrementAndGet();
        if (closing) {
            transport.disconnect();
            return;
        }
        boolean sessionPresent = ctx instanceof Mqtt5ClientConnectedContext c5 ? c5.getConnAck().isSessionPresent()
                : ctx instanceof Mqtt3ClientConnectedContext c3 && c3.getConnAck().isSessionPresent();
        String session = sessionPresent ? "session resumed" : "new session";
        if (!sessionPresent && n > 1) {
            // the client ended its session state (clean start, or the broker forgot the session), and with
            // it the publish flows registered for it; without a new one every message would be dropped
            // by the client ("No publish flow registered"), acknowledged and lost
            transport.onPublish(this::onIncoming);
        }
        LOG.info("MQTT connected to {} as {} ({})", connectionName, settings.clientId(), session);
        if (settings.version() == MqttSettings.Version.V5 || !sessionPresent || n == 1) {
            // CONNECTED once the broker confirmed the subscriptions: from then on nothing published is missed
            long connection = epoch.get();
            transport.subscribe(settings.topicFilters(), settings.qos()).whenComplete((r, e) -> {
                if (closing || epoch.get() != connection) {
                    return;
                }
                if (e != null) {
                    String why = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                            ? e.getCause().getMessage() : e.getMessage();
                    emit(ConnectionState.Status.ERROR, "subscribe to " + settings.topicFilters() + " failed: " + why);
                    LOG.error("MQTT subscribe to {} failed: {}", settings.topicFilters(), why);
                } else {
                    connected(session + ", subscribed to " + String.join(", ", settings.topicFilters()) + " at QoS "
                            + settings.qos());
                }
            });
        } else {
            connected(session + " (subscriptions kept by the broker)");
        }
    }

    private void connected(String detail) {
        connectedDetail = detail;
        emit(ConnectionState.Status.CONNECTED, detail);
    }

    private void onDisconnected(MqttClientDisconnectedContext ctx) {
        epoch.incrementAndGet();
        connectedDetail = null;
        if (closing) {
            ctx.getReconnector().reconnect(false);
            return;
        }
        Throwable cause = ctx.getCause();
        boolean fault = ConnectionErrors.isConfigurationFault(cause);
        String reason = ConnectionErrors.describe(cause, connectionName);
        long delay = fault ? millis(settings.reconnectMax(), 30_000)
                : backoffMillis(settings.reconnectInitial(), settings.reconnectMax(),
                        ctx.getReconnector().getAttempts(), ThreadLocalRandom.current().nextDouble());
        ctx.getReconnector().reconnect(true)
                .resubscribeIfSessionPresent(false)
                .resubscribeIfSessionExpired(false)
                .delay(delay, TimeUnit.MILLISECONDS);
        String detail = reason + "; next attempt in " + seconds(delay);
        emit(fault ? ConnectionState.Status.ERROR : ConnectionState.Status.RECONNECTING, detail);
        if (fault) {
            LOG.error("MQTT {}: {}", connectionName, detail);
        } else {
            LOG.warn("MQTT {}: {}", connectionName, detail);
        }
    }

    // ---- ingest thread ----

    private void runWorker() {
        while (!closing) {
            Item item;
            try {
                item = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (item != null) {
                process(item);
            }
        }
    }

    private void process(Item item) {
        MqttTransport.Incoming in = item.in();
        if (in.qos() == 0) {
            queuedQos0.decrementAndGet();
        }
        // decode once (the Sparkplug decoder keeps state), then deliver; a failed delivery is retried
        // from the outcome that failed, so a retry neither skips nor repeats anything
        Outcomes outcomes = new Outcomes();
        try {
            if (sparkplug != null) {
                sparkplug.decode(in.topic(), in.payload(), item.receivedAtMillis(), outcomes);
            } else {
                json.decode(in.topic(), in.payload(), item.receivedAtMillis(), outcomes);
            }
        } catch (RuntimeException e) {
            // a decoder bug must not stall ingestion: keep the message as a dead letter
            LOG.error("decoder failed on a message on {}", in.topic(), e);
            outcomes.list.add(new RejectedReading(in.topic(), -1, "decoder failed: " + e, "hex:"
                    + java.util.HexFormat.of().formatHex(in.payload(), 0, Math.min(in.payload().length, 400))));
        }
        int failures = 0;
        int next = 0;
        while (next < outcomes.list.size()) {
            try {
                deliver(outcomes.list.get(next));
                next++;
            } catch (RuntimeException e) {
                sinkFailures.increment();
                if (closing) {
                    LOG.error("MQTT message on {} not written to the journal before close; {}", in.topic(),
                            in.qos() == 0 ? "QoS 0: lost" : "not acknowledged: the broker redelivers it next start");
                    return;
                }
                long delay = backoffMillis(settings.reconnectInitial(), settings.reconnectMax(), failures++,
                        ThreadLocalRandom.current().nextDouble());
                String reason = "journal write failed (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                        + "); ingestion paused, message not acknowledged; next attempt in " + seconds(delay);
                LOG.error("MQTT ingest from {}: {}", connectionName, reason, e);
                emit(ConnectionState.Status.ERROR, reason);
                // wait on a monitor, not Thread.sleep + interrupt: interrupting a thread inside the
                // journal's FileChannel I/O would close the channel
                synchronized (retryWait) {
                    try {
                        if (!closing) {
                            retryWait.wait(delay);
                        }
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
        if (failures > 0) {
            String detail = connectedDetail;
            if (detail != null && !closing) {
                emit(ConnectionState.Status.CONNECTED, detail);
            }
            LOG.info("MQTT ingest from {}: journal writes again after {} failure(s)", connectionName, failures);
        }
        try {
            in.ack().run();
            acknowledged.increment();
        } catch (RuntimeException e) {
            LOG.warn("acknowledgement of a message on {} not sent: {}", in.topic(), e.getMessage());
        }
    }

    private void deliver(Object outcome) {
        if (outcome instanceof Reading r) {
            sink.accept(r);
            accepted.increment();
        } else if (outcome instanceof RejectedReading r) {
            sink.reject(r);
            rejected.increment();
        } else {
            Stale st = (Stale) outcome;
            sink.stale(st.tags(), st.eventTimeMillis(), st.reason());
        }
    }

    private record Stale(List<String> tags, long eventTimeMillis, String reason) {
    }

    /** What a decoder produced for one message, in order: Readings, RejectedReadings and Stale marks. */
    private static final class Outcomes implements ReadingSink {
        final List<Object> list = new java.util.ArrayList<>(4);

        @Override
        public void accept(Reading reading) {
            list.add(reading);
        }

        @Override
        public void reject(RejectedReading rejected) {
            list.add(rejected);
        }

        @Override
        public void stale(List<String> tags, long eventTimeMillis, String reason) {
            list.add(new Stale(List.copyOf(tags), eventTimeMillis, reason));
        }
    }

    // ---- state ----

    private void emit(ConnectionState.Status status, String detail) {
        ConnectionState s = new ConnectionState(connectionName, status, detail, clock.instant());
        state = s;
        try {
            listener.onState(s);
        } catch (RuntimeException e) {
            LOG.warn("connection state listener failed", e);
        }
    }

    /** The latest connection state. */
    public ConnectionState state() {
        return state;
    }

    /** The counters now. */
    public Counters counters() {
        SparkplugDecoder sp = sparkplug;
        return new Counters(received.sum(), accepted.sum(), rejected.sum(), acknowledged.sum(), droppedQos0.sum(),
                sinkFailures.sum(), sp == null ? 0 : sp.rebirthRequests(),
                sp == null ? 0 : sp.sequenceGaps(), queue.size(), connects.get());
    }

    /** Sparkplug metrics skipped (not dead-lettered) by reason; empty for JSON. */
    public java.util.Map<String, Long> sparkplugSkipped() {
        SparkplugDecoder sp = sparkplug;
        return sp == null ? java.util.Map.of() : sp.skipped();
    }

    /**
     * Stops the ingest thread after the message in hand, disconnects (the broker keeps the session
     * and queues QoS 1/2 messages for the next start), and reports DISCONNECTED. Messages still
     * queued are not processed; QoS 1/2 ones are unacknowledged and redelivered on the next start,
     * QoS 0 ones are lost. Idempotent.
     */
    @Override
    public void close() {
        MqttTransport t;
        Thread w;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            t = transport;
            w = worker;
        }
        synchronized (retryWait) {
            retryWait.notifyAll(); // ends a journal-retry wait; that message stays unacknowledged
        }
        if (w != null) {
            try {
                w.join(5_000); // the message in hand is finished and acknowledged while still connected
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (t != null) {
            try {
                t.disconnect().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("MQTT disconnect: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        emit(ConnectionState.Status.DISCONNECTED, "");
    }

    // ---- connection test ----

    /**
     * Tests the settings from the connections dialog: connects with a throwaway client id and a
     * clean session (the console's persistent session is not touched), then disconnects.
     * Blocks up to {@code timeout}; call it off the FX thread.
     *
     * @return never null; {@code ok=false} with the reason on any failure (including settings that
     *         cannot be used)
     */
    public static ConnectionTest testConnection(MqttSettings settings, Duration timeout) {
        return testConnection(settings, timeout, Secrets.fromEnvironment());
    }

    /** As {@link #testConnection(MqttSettings, Duration)}, resolving secrets with {@code secrets}. */
    public static ConnectionTest testConnection(MqttSettings settings, Duration timeout, Secrets secrets) {
        String name = connectionName(settings);
        MqttTransport t;
        try {
            t = MqttClients.transport(settings, "plantwatch-test-" + UUID.randomUUID().toString().substring(0, 8),
                    true, secrets, null);
        } catch (IllegalArgumentException e) {
            return new ConnectionTest(false, -1, e.getMessage());
        }
        long start = System.nanoTime();
        CompletableFuture<Boolean> connect = t.connect();
        try {
            connect.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long rtt = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            t.disconnect().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ConnectionTest(true, rtt, "");
        } catch (ExecutionException e) {
            return new ConnectionTest(false, -1, ConnectionErrors.describe(e.getCause(), name));
        } catch (TimeoutException e) {
            connect.cancel(true);
            t.disconnect();
            return new ConnectionTest(false, -1, "no answer from " + name + " within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.disconnect();
            return new ConnectionTest(false, -1, "interrupted");
        }
    }

    // ---- helpers ----

    /**
     * Reconnect delay for an attempt: {@code initial · 2^attempt} capped at {@code max}, then
     * ±20 % jitter (so that many consoles do not reconnect in step), never below 1 ms or above max.
     *
     * @param attempt 0 for the first retry
     * @param random  uniform in [0, 1)
     */
    static long backoffMillis(Duration initial, Duration max, int attempt, double random) {
        long init = Math.max(1, millis(initial, 1_000));
        long cap = Math.max(init, millis(max, 30_000));
        int a = Math.max(0, Math.min(attempt, 30));
        double base = Math.min((double) cap, init * Math.pow(2, a));
        double jittered = base * (0.8 + 0.4 * random);
        return Math.max(1, Math.min(cap, Math.round(jittered)));
    }

    private static long millis(Duration d, long fallback) {
        return d == null ? fallback : d.toMillis();
    }

    private static String seconds(long ms) {
        return ms < 1000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** {@code mqtt://host:port} without user info or path, as shown to the operator. */
    static String connectionName(MqttSettings s) {
        return s.serverUri().getScheme() + "://" + s.serverUri().getHost() + ":" + s.port();
    }
}
