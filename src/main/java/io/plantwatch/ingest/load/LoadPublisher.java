package io.plantwatch.ingest.load;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes synthetic readings over MQTT 5 for the benchmarks, as devices would: JSON
 * {@code {"value":…,"timestamp":…}} on {@code sensors/{device}/{sensor}}, or, with a batch size
 * above one, a JSON array of {@code {"sensor":…,"value":…,"timestamp":…}} per device on
 * {@code sensors/{device}/batch} (a gateway batch). The timestamp is the wall clock at publication
 * (epoch ms), so a receiver measures publish-to-X latency as its wall clock minus the event time.
 *
 * <p>Device {@code D-000} sensor {@code s0} is the alarm probe: its value alternates between 10
 * (normal) and 90 (above a HI limit of 50) on successive readings, so that a site with that limit
 * raises and clears an alarm on every probe reading. All other values are 10 + a small pattern.
 *
 * <p>Flow control: at most {@code maxInFlight} publications are unacknowledged (QoS 1/2) or unsent
 * (QoS 0) at a time, so the client's memory stays bounded. Threading: {@link #run} blocks the
 * calling thread until every message has been handed to the broker; not reusable.
 */
public final class LoadPublisher implements AutoCloseable {

    /** Tag id of the alarm probe. */
    public static final String PROBE_TAG = "D-000/s0";

    private final Mqtt5AsyncClient client;
    private final MqttQos qos;
    private final Semaphore inFlight;
    private final AtomicLong failed = new AtomicLong();

    /**
     * Connects a publisher.
     *
     * @param broker      {@code mqtt://host:port}
     * @param clientId    MQTT client id
     * @param qos         0, 1 or 2
     * @param maxInFlight bound on outstanding publications
     */
    public LoadPublisher(URI broker, String clientId, int qos, int maxInFlight) {
        this.client = Mqtt5Client.builder().identifier(clientId).serverHost(broker.getHost())
                .serverPort(broker.getPort() > 0 ? broker.getPort() : 1883).buildAsync();
        this.qos = MqttQos.fromCode(qos);
        this.inFlight = new Semaphore(maxInFlight);
        client.connectWith().cleanStart(true).send().join();
    }

    /**
     * Publishes {@code readings} readings over {@code devices × sensors} tags, round robin.
     *
     * @param batch             readings per message (1: one JSON object per message)
     * @param readingsPerSecond pace; 0 or less for as fast as the broker accepts
     * @return readings published
     */
    public long run(long readings, int devices, int sensors, int batch, double readingsPerSecond) throws InterruptedException {
        long t0 = System.nanoTime();
        long sent = 0;
        int tags = devices * sensors;
        // (tag, event time) is a reading's identity (the journal drops repeats): one timestamp per tag per ms
        long[] lastTs = new long[tags];
        long i = 0;
        long messages = 0;
        while (sent < readings) {
            if (readingsPerSecond > 0) {
                long due = t0 + (long) (sent * 1e9 / readingsPerSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            // single readings: tag after tag; batches: one device per message, device after device
            int device = batch <= 1 ? (int) ((i / Math.max(1, sensors)) % devices) : (int) (messages % devices);
            messages++;
            long now = System.currentTimeMillis();
            String topic;
            byte[] payload;
            int n;
            if (batch <= 1) {
                int sensor = (int) (i % sensors);
                topic = "sensors/" + deviceId(device) + "/s" + sensor;
                long ts = Math.max(now, lastTs[device * sensors + sensor] + 1);
                lastTs[device * sensors + sensor] = ts;
                payload = ("{\"value\":" + value(device, sensor, i / tags) + ",\"timestamp\":" + ts + "}")
                        .getBytes(StandardCharsets.UTF_8);
                n = 1;
                i++;
            } else {
                n = (int) Math.min(batch, readings - sent);
                StringBuilder sb = new StringBuilder(n * 48).append('[');
                long round = i / tags;
                for (int k = 0; k < n; k++) {
                    int sensor = k % sensors;
                    long ts = Math.max(now, lastTs[device * sensors + sensor] + 1);
                    lastTs[device * sensors + sensor] = ts;
                    if (k > 0) {
                        sb.append(',');
                    }
                    sb.append("{\"sensor\":\"s").append(sensor).append("\",\"value\":")
                            .append(value(device, sensor, round + k / sensors)).append(",\"timestamp\":").append(ts).append('}');
                }
                topic = "sensors/" + deviceId(device) + "/batch";
                payload = sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
                i += n;
            }
            inFlight.acquire();
            client.publishWith().topic(topic).qos(qos).payload(payload).send().whenComplete((r, e) -> {
                if (e != null) {
                    failed.incrementAndGet();
                }
                inFlight.release();
            });
            sent += n;
        }
        return sent;
    }

    /** Waits until every publication is acknowledged (or the timeout passes). */
    public boolean drain(long timeout, TimeUnit unit, int maxInFlight) throws InterruptedException {
        if (inFlight.tryAcquire(maxInFlight, timeout, unit)) {
            inFlight.release(maxInFlight);
            return true;
        }
        return false;
    }

    /** Publications that failed. */
    public long failed() {
        return failed.get();
    }

    /** Device id {@code D-nnn}. */
    public static String deviceId(int device) {
        return String.format("D-%03d", device);
    }

    private static double value(int device, int sensor, long round) {
        if (device == 0 && sensor == 0) {
            return round % 2 == 0 ? 10 : 90;
        }
        return 10 + (round % 7) * 0.5;
    }

    @Override
    public void close() {
        client.disconnect().join();
    }
}
