package io.plantwatch.ingest.kafka;

import io.plantwatch.domain.ConnectionState;
import io.plantwatch.domain.KafkaSettings;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import io.plantwatch.ingest.ReadingSink;
import io.plantwatch.ingest.payload.PayloadDecoder;
import io.plantwatch.ingest.payload.PayloadLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes readings from Kafka (DESIGN.md, "The data path"): record key = device id, record value =
 * the JSON reading(s) of the MQTT payloads with a {@code sensor} field, decoded by
 * {@link PayloadDecoder#decodeKafka}. A consumer in group {@link KafkaSettings#groupId()} subscribes to
 * {@link KafkaSettings#topics()}; a new group starts at the earliest offset.
 *
 * <h2>Delivery: at least once, offsets committed only after the journal has the readings</h2>
 * Automatic commits are off. For every polled batch each record is decoded and its outcomes handed to
 * the sink, whose {@link ReadingSink#accept} returns only when the reading is in the durable journal;
 * then the next offsets of the records handed over are committed with {@code commitSync}. Invalid
 * records go to {@link ReadingSink#reject} (source {@code kafka:<topic>/<partition>@<offset> key=<key>})
 * and are committed like the others, so they never block a partition.
 * <p>When the sink throws (journal full, disk error), nothing of that record is committed: what was
 * handed over before it is committed, every partition of the batch is {@code seek}ed back to its first
 * record not handed over, and the poll loop tries again after a backoff (100 ms doubling to 5 s). A
 * record whose first outcomes were accepted before the failure (a JSON batch) is re-decoded identically
 * (its receive time is the record's timestamp) and the outcomes already delivered are skipped: within
 * one run nothing is lost and nothing is delivered twice. On a rebalance, revoked partitions are
 * committed first. After a crash (no clean {@link #close}) the records after the last commit come again:
 * at least once.
 *
 * <h2>Receive time</h2>
 * The receive time handed to the decoder (event time of readings without a {@code timestamp}, and the
 * reference of the future/past check) is the record's timestamp (producer create time or broker
 * log-append time), not the moment of consumption: a console that resumes after a day's outage judges
 * the readings it missed against when they were produced. Records without a timestamp use the clock.
 *
 * <h2>Connection state</h2>
 * kafka-clients reconnects by itself ({@code reconnect.backoff.ms}); the state shown is derived:
 * CONNECTING at start; CONNECTED when partitions are assigned, records arrive, or an idle-time probe
 * ({@code listTopics}, at most every 5 s while no records come) succeeds and every topic exists;
 * RECONNECTING with the reason when the probe gets no answer; ERROR with the reason for authentication or
 * authorisation failures, a missing topic or a rejected configuration; DISCONNECTED after {@link #close}.
 * The listener is called on the poll thread.
 *
 * <p>Threading: one daemon poll thread ({@code kafka-ingest-<clientId>}) owns the consumer and calls
 * the sink; {@link #start}, {@link #close}, {@link #counters} and {@link #state} may be called from any
 * thread.
 */
public final class KafkaIngest implements AutoCloseable {

    /**
     * Counts since {@link #start}, a consistent-enough snapshot for a status bar.
     *
     * @param records          records fully handed to the sink
     * @param readingsAccepted readings accepted by the sink
     * @param rejected         rejections handed to the sink (a bad record, or one bad element of a batch)
     * @param commits          successful offset commits
     * @param sinkFailures     times the sink threw and the records were sought back for a retry
     */
    public record Counters(long records, long readingsAccepted, long rejected, long commits, long sinkFailures) {
    }

    /**
     * Outcome of {@link #testConnection}.
     *
     * @param ok              the cluster answered and every topic exists
     * @param roundTripMillis time to the cluster's answer, ms (0 when it did not answer)
     * @param reason          what is wrong, for the operator; empty when ok
     */
    public record ConnectionTest(boolean ok, long roundTripMillis, String reason) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(KafkaIngest.class);
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(5);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final long BACKOFF_MIN_MS = 100;
    private static final long BACKOFF_MAX_MS = 5000;

    private final KafkaSettings settings;
    private final ReadingSink sink;
    private final ConnectionState.Listener listener;
    private final Clock clock;
    private final PayloadDecoder decoder;
    private final String connection;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong sinkFailures = new AtomicLong();
    /** Appended but not yet committed: partition → next offset. Poll thread only. */
    private final Map<TopicPartition, Long> pending = new HashMap<>();
    private volatile ConnectionState state;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    // retry of a partly delivered record (poll thread only)
    private TopicPartition retryPartition;
    private long retryOffset = -1;
    private int retryDelivered;
    private long backoffMs = BACKOFF_MIN_MS;
    private long lastProbeNanos;

    /**
     * Prepares (does not connect) the consumer.
     *
     * @param sink     receives readings and rejections on the poll thread; {@code accept} returns when the
     *                 reading is durable, and may throw (the record is then retried, see above)
     * @param listener connection state changes, on the poll thread; must not block
     * @param clock    receive time for records without a timestamp; wall time of state changes
     * @param limits   payload bounds for the decoder
     */
    public KafkaIngest(KafkaSettings settings, ReadingSink sink, ConnectionState.Listener listener, Clock clock,
            PayloadLimits limits) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.decoder = new PayloadDecoder(limits, clock);
        this.connection = "kafka://" + settings.bootstrapServers();
        this.state = new ConnectionState(connection, ConnectionState.Status.DISCONNECTED, "", clock.instant());
    }

    /**
     * Starts the poll thread, which creates the consumer and subscribes.
     *
     * @throws IllegalStateException when started before, or closed
     */
    public synchronized void start() {
        if (thread != null || closing.getCount() == 0) {
            throw new IllegalStateException("Kafka ingest was started before");
        }
        running = true;
        thread = new Thread(this::run, "kafka-ingest-" + settings.clientId());
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code kafka://<bootstrap servers>}, the name of this connection in {@link ConnectionState}. */
    public String connection() {
        return connection;
    }

    /** The latest connection state. */
    public ConnectionState state() {
        return state;
    }

    /** Counts since start. */
    public Counters counters() {
        return new Counters(records.get(), accepted.get(), rejected.get(), commits.get(), sinkFailures.get());
    }

    private void run() {
        publish(ConnectionState.Status.CONNECTING, "");
        KafkaConsumer<String, byte[]> c;
        try {
            c = new KafkaConsumer<>(KafkaProperties.consumer(settings));
        } catch (KafkaException | IllegalArgumentException e) {
            LOG.error("Kafka consumer for {} could not be created", connection, e);
            publish(ConnectionState.Status.ERROR, "configuration rejected: " + rootMessage(e));
            return;
        }
        consumer = c;
        try {
            if (!running) {
                return;
            }
            c.subscribe(settings.topics(), new Rebalance(c));
            while (running) {
                try {
                    ConsumerRecords<String, byte[]> batch = c.poll(settings.pollTimeout());
                    if (batch.isEmpty()) {
                        probeIfIdle(c);
                    } else {
                        alive();
                        process(c, batch);
                    }
                    commitPending(c);
                } catch (WakeupException | InterruptException e) {
                    if (running) {
                        LOG.debug("unexpected wakeup of the Kafka poll loop", e);
                    }
                } catch (AuthenticationException | AuthorizationException e) {
                    failure(ConnectionState.Status.ERROR, rootMessage(e), e);
                } catch (KafkaException e) {
                    failure(e instanceof RetriableException ? ConnectionState.Status.RECONNECTING
                            : ConnectionState.Status.ERROR, rootMessage(e), e);
                }
            }
            try {
                commitPending(c);
            } catch (KafkaException e) {
                LOG.warn("final offset commit to {} failed; records after the last commit will come again: {}",
                        connection, e.getMessage());
            }
        } finally {
            try {
                c.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            } catch (KafkaException e) {
                LOG.warn("closing the Kafka consumer of {}: {}", connection, e.getMessage());
            }
            publish(ConnectionState.Status.DISCONNECTED, "");
        }
    }

    private void failure(ConnectionState.Status status, String reason, Exception e) {
        LOG.warn("Kafka {}: {}", connection, reason, e);
        publish(status, reason);
        backoff();
    }

    /** Hands a polled batch to the sink, partition by partition; on a sink failure seeks back and backs off. */
    private void process(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> batch) {
        List<TopicPartition> partitions = new ArrayList<>(batch.partitions());
        for (int p = 0; p < partitions.size(); p++) {
            TopicPartition tp = partitions.get(p);
            for (ConsumerRecord<String, byte[]> r : batch.records(tp)) {
                try {
                    deliver(tp, r);
                } catch (RuntimeException e) {
                    sinkFailures.incrementAndGet();
                    LOG.warn("the journal did not take record {}/{}@{} ({}); retrying from there in {} ms",
                            r.topic(), r.partition(), r.offset(), e.toString(), backoffMs);
                    c.seek(tp, r.offset());
                    for (TopicPartition later : partitions.subList(p + 1, partitions.size())) {
                        c.seek(later, batch.records(later).get(0).offset());
                    }
                    commitPending(c);
                    backoff();
                    return;
                }
                pending.put(tp, r.offset() + 1);
            }
        }
        backoffMs = BACKOFF_MIN_MS;
    }

    /** Decodes one record into the sink, skipping outcomes delivered by an earlier, failed attempt. */
    private void deliver(TopicPartition tp, ConsumerRecord<String, byte[]> r) {
        int skip = tp.equals(retryPartition) && r.offset() == retryOffset ? retryDelivered : 0;
        String source = clip("kafka:" + r.topic() + "/" + r.partition() + "@" + r.offset() + " key=" + r.key());
        int[] delivered = {0};
        ReadingSink counting = new ReadingSink() {
            @Override
            public void accept(Reading reading) {
                if (delivered[0] >= skip) {
                    sink.accept(reading);
                    accepted.incrementAndGet();
                }
                delivered[0]++;
            }

            @Override
            public void reject(RejectedReading x) {
                if (delivered[0] >= skip) {
                    sink.reject(new RejectedReading(source, x.position(), x.reason(), x.raw()));
                    rejected.incrementAndGet();
                }
                delivered[0]++;
            }
        };
        long receivedAt = r.timestamp() >= 0 ? r.timestamp() : clock.millis();
        try {
            decoder.decodeKafka(r.key(), r.value(), receivedAt, counting);
        } catch (RuntimeException e) {
            retryPartition = tp;
            retryOffset = r.offset();
            retryDelivered = delivered[0];
            throw e;
        }
        retryPartition = null;
        retryOffset = -1;
        retryDelivered = 0;
        records.incrementAndGet();
    }

    private void commitPending(KafkaConsumer<String, byte[]> c) {
        commit(c, new HashMap<>(pending));
    }

    private void commit(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> next) {
        if (next.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.forEach((tp, o) -> offsets.put(tp, new OffsetAndMetadata(o)));
        try {
            c.commitSync(offsets);
            commits.incrementAndGet();
            next.forEach(pending::remove);
        } catch (CommitFailedException e) {
            // the group moved on: these partitions belong to another member, which resumes from the last commit
            LOG.warn("offset commit to {} failed after a rebalance; the new owner re-reads from the last commit: {}",
                    connection, e.getMessage());
            next.keySet().forEach(pending::remove);
        } catch (RetriableException e) {
            LOG.warn("offset commit to {} failed, will retry: {}", connection, e.getMessage());
        }
    }

    private void probeIfIdle(KafkaConsumer<String, byte[]> c) {
        long now = System.nanoTime();
        if (lastProbeNanos != 0 && now - lastProbeNanos < PROBE_INTERVAL.toNanos()) {
            return;
        }
        lastProbeNanos = now;
        Map<String, List<PartitionInfo>> topics;
        try {
            topics = c.listTopics(PROBE_TIMEOUT);
        } catch (TimeoutException e) {
            publish(ConnectionState.Status.RECONNECTING, "no answer from " + connection + " within "
                    + PROBE_TIMEOUT.toSeconds() + " s; kafka-clients keeps reconnecting");
            return;
        }
        TreeSet<String> missing = new TreeSet<>(settings.topics());
        missing.removeAll(topics.keySet());
        if (missing.isEmpty()) {
            publish(ConnectionState.Status.CONNECTED, "");
        } else {
            publish(ConnectionState.Status.ERROR, "topic" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + " not found on " + connection + "; create " + (missing.size() > 1 ? "them" : "it")
                    + " or correct connections.kafka.topics");
        }
    }

    private void alive() {
        lastProbeNanos = System.nanoTime();
        publish(ConnectionState.Status.CONNECTED, "");
    }

    private void backoff() {
        try {
            closing.await(backoffMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        backoffMs = Math.min(BACKOFF_MAX_MS, backoffMs * 2);
    }

    private void publish(ConnectionState.Status status, String detail) {
        ConnectionState old = state;
        if (old.status() == status && old.detail().equals(detail)) {
            return;
        }
        ConnectionState s = new ConnectionState(connection, status, detail, clock.instant());
        state = s;
        if (status == ConnectionState.Status.ERROR || status == ConnectionState.Status.RECONNECTING) {
            LOG.warn("{} {}: {}", connection, status, detail);
        } else {
            LOG.info("{} {}", connection, status);
        }
        try {
            listener.onState(s);
        } catch (RuntimeException e) {
            LOG.warn("connection state listener failed", e);
        }
    }

    /** Commits revoked partitions before another member takes them; forgets lost ones. */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> c;

        Rebalance(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> revoked = new HashMap<>();
            for (TopicPartition tp : partitions) {
                Long o = pending.get(tp);
                if (o != null) {
                    revoked.put(tp, o);
                }
            }
            try {
                commit(c, revoked);
            } catch (KafkaException e) {
                LOG.warn("commit of revoked partitions {} failed: {}", partitions, e.getMessage());
            }
            partitions.forEach(pending::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.info("{} assigned {}", connection, partitions);
            alive();
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            LOG.warn("{} lost {} (session timed out); the group re-reads them from the last commit", connection,
                    partitions);
            partitions.forEach(pending::remove);
        }
    }

    /**
     * Stops consuming: wakes the poll thread, which commits what the journal holds, leaves the group and
     * closes the consumer (up to ~5 s), then waits for it. Idempotent.
     */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            closing.countDown();
            t = thread;
        }
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.warn("Kafka poll thread did not end within 30 s");
            }
        }
    }

    /**
     * Checks a Kafka connection without consuming: an admin client asks the cluster for its brokers
     * ({@code describeCluster}) and checks that every topic exists ({@code describeTopics}).
     *
     * @param timeout longest wait for each answer
     * @return ok with the round-trip time of {@code describeCluster} in ms, or the reason
     */
    public static ConnectionTest testConnection(KafkaSettings settings, Duration timeout) {
        String where = "kafka://" + settings.bootstrapServers();
        Properties p;
        try {
            p = KafkaProperties.admin(settings);
        } catch (IllegalArgumentException e) {
            return new ConnectionTest(false, 0, e.getMessage());
        }
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        long t0 = System.nanoTime();
        try (Admin admin = Admin.create(p)) {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms)).nodes()
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS).size();
            long rtt = (System.nanoTime() - t0) / 1_000_000;
            Map<String, KafkaFuture<TopicDescription>> topics = admin
                    .describeTopics(settings.topics(), new DescribeTopicsOptions().timeoutMs(ms)).topicNameValues();
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<TopicDescription>> e : topics.entrySet()) {
                try {
                    e.getValue().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
                } catch (ExecutionException x) {
                    if (x.getCause() instanceof UnknownTopicOrPartitionException) {
                        missing.add(e.getKey());
                    } else {
                        throw x;
                    }
                }
            }
            if (!missing.isEmpty()) {
                return new ConnectionTest(false, rtt, where + " answered (" + brokers + " broker" + (brokers == 1 ? "" : "s")
                        + ") but topic" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " not found");
            }
            return new ConnectionTest(true, rtt, "");
        } catch (ExecutionException e) {
            return new ConnectionTest(false, 0, explain(where, e.getCause(), timeout));
        } catch (java.util.concurrent.TimeoutException e) {
            return new ConnectionTest(false, 0, explain(where, new TimeoutException(e.getMessage()), timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ConnectionTest(false, 0, "interrupted");
        } catch (KafkaException e) {
            return new ConnectionTest(false, 0, where + ": " + rootMessage(e));
        }
    }

    private static String explain(String where, Throwable cause, Duration timeout) {
        if (cause instanceof TimeoutException) {
            return "no answer from " + where + " within " + timeout.toMillis() + " ms: is the broker running, "
                    + "reachable from here, and is bootstrapServers right?";
        }
        if (cause instanceof AuthenticationException) {
            return where + " refused the credentials: " + cause.getMessage();
        }
        if (cause instanceof AuthorizationException) {
            return where + " denied access: " + cause.getMessage();
        }
        return where + ": " + (cause == null ? "unknown error" : cause.getMessage());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
        return m;
    }

    private static String clip(String source) {
        return source.length() <= PayloadDecoder.MAX_SOURCE ? source
                : source.substring(0, PayloadDecoder.MAX_SOURCE - 1) + "…";
    }
}
