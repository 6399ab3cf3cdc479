package io.plantwatch.ingest.sim;

import io.plantwatch.domain.Reading;
import io.plantwatch.domain.TagId;
import io.plantwatch.ingest.replay.Recording;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a {@link Recording} the way live devices would, so that a demo needs only a broker
 * ({@code bin/plantwatch simulate}).
 *
 * <h2>Time base</h2>
 * The recording's time base is shifted so that its first reading's event time is "now" (the clock at
 * the start of each pass) and the spacing between readings is the recording's divided by the speed:
 * at speed 10, readings 10 s apart in the file are published 1 s apart, stamped 1 s apart. Timestamps
 * therefore lie near the wall clock and pass the console's future/past checks. At speed max the
 * readings are published back to back and stamped with the clock when their instant is published
 * (readings of one instant share one timestamp). Where the recording steps back in time the
 * simulator does not wait. Values and units are the recording's.
 *
 * <h2>What is published</h2>
 * <ul>
 *   <li>MQTT JSON: one message per reading on {@code <topicPrefix>/<device>/<sensor>},
 *       {@code {"value":71.3,"unit":"degC","timestamp":"2026-11-20T10:15:30.250Z"}}; each device
 *       subscribes to {@code commands/<device>/#}.
 *   <li>MQTT Sparkplug B: one edge node ({@code clientId}, default {@code plantwatch-sim}) in group
 *       {@code sparkplugGroup} with one Sparkplug device per recording device; NBIRTH/DBIRTH with
 *       aliases and engineering units, DDATA by alias per device and instant, NDEATH as the will,
 *       rebirth on NCMD {@code Node Control/Rebirth} (see {@code SparkplugPublisher}).
 *   <li>Kafka: one record per reading on {@code kafkaTopic}, key = device id, value
 *       {@code {"sensor":…,"value":…,"unit":…,"timestamp":…}}.
 * </ul>
 * Commands received are logged and handed to {@link Listener#onCommand}.
 *
 * <h2>Answering commands</h2>
 * Given the site's command catalog (JSON over MQTT only), the devices answer as real ones would
 * (docs/commands.md): each catalog device, with or without readings, subscribes to
 * {@code commands/<device>/#} (and to any other catalog topic), checks a command's payload against the
 * catalog's schema, and answers with an MQTT 5 response on the command's response topic with its
 * correlation data ({@code {"result":"accepted"}} or {@code {"result":"rejected","reason":…}}); for a
 * command confirmed by read-back it publishes the new state on the state topic (retained) when it
 * accepts. {@code shutdown} stops a device: its running-dependent sensors (names containing
 * {@code flow}, {@code current} or {@code vibration}) publish 0 until {@code start}.
 *
 * <p>Threading: {@link #start} connects on the caller's thread, then publishes on one daemon thread
 * ({@code device-simulator}); listener callbacks come from that thread (progress) or the MQTT
 * client's threads (commands) and must not block. Getters and {@link #close} may be called from any thread.
 */
public final class DeviceSimulator implements AutoCloseable {

    /** Where the simulated devices publish. */
    public enum Transport { MQTT, KAFKA }

    /** Payload encoding on MQTT. */
    public enum Format { JSON, SPARKPLUG }

    /**
     * What to simulate and where.
     *
     * @param transport      MQTT or Kafka
     * @param mqtt           {@code mqtt://host:port} or {@code mqtts://…} (MQTT only, else null)
     * @param kafka          bootstrap servers {@code host:port[,…]} (Kafka only, else null)
     * @param format         JSON or Sparkplug B (Sparkplug on MQTT only)
     * @param qos            MQTT QoS 0–2 of the published messages
     * @param topicPrefix    first topic level of JSON messages, e.g. {@code sensors}
     * @param kafkaTopic     Kafka topic, e.g. {@code plant-readings}
     * @param speed          speed factor ≥ 1, or {@link Double#POSITIVE_INFINITY} for max
     * @param loop           start over at the end (with a new time base), until closed
     * @param clientId       MQTT client id / Kafka client id; the Sparkplug edge node id
     * @param sparkplugGroup Sparkplug group id
     */
    public record Settings(Transport transport, URI mqtt, String kafka, Format format, int qos, String topicPrefix,
            String kafkaTopic, double speed, boolean loop, String clientId, String sparkplugGroup) {

        /** @throws IllegalArgumentException for a combination that cannot work, with the reason */
        public Settings {
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(format, "format");
            if (transport == Transport.MQTT) {
                if (mqtt == null || !("mqtt".equals(mqtt.getScheme()) || "mqtts".equals(mqtt.getScheme()))
                        || mqtt.getHost() == null) {
                    throw new IllegalArgumentException("the MQTT URL must look like mqtt://host:1883, was " + mqtt);
                }
            } else {
                if (kafka == null || kafka.isBlank()) {
                    throw new IllegalArgumentException("Kafka needs bootstrap servers, host:port");
                }
                if (format != Format.JSON) {
                    throw new IllegalArgumentException("Sparkplug B is an MQTT format; Kafka records are JSON");
                }
            }
            if (qos < 0 || qos > 2) {
                throw new IllegalArgumentException("qos must be 0, 1 or 2, was " + qos);
            }
            if (!(speed >= 1)) {
                throw new IllegalArgumentException("speed must be >= 1 or max, was " + speed);
            }
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException("client id must not be empty");
            }
        }

        /** MQTT JSON at speed 1, QoS 1, prefix {@code sensors}, client {@code plantwatch-sim}, group {@code plantwatch}. */
        public static Settings mqtt(URI url) {
            return new Settings(Transport.MQTT, url, null, Format.JSON, 1, "sensors", "plant-readings", 1, false,
                    "plantwatch-sim", "plantwatch");
        }

        /** Kafka to topic {@code plant-readings} at speed 1, client {@code plantwatch-sim}. */
        public static Settings kafka(String bootstrapServers) {
            return new Settings(Transport.KAFKA, null, bootstrapServers, Format.JSON, 1, "sensors", "plant-readings",
                    1, false, "plantwatch-sim", "plantwatch");
        }

        /** The same settings with another format. */
        public Settings withFormat(Format f) {
            return new Settings(transport, mqtt, kafka, f, qos, topicPrefix, kafkaTopic, speed, loop, clientId,
                    sparkplugGroup);
        }

        /** The same settings with another speed (≥ 1, or infinity for max) and loop flag. */
        public Settings withSpeed(double s, boolean l) {
            return new Settings(transport, mqtt, kafka, format, qos, topicPrefix, kafkaTopic, s, l, clientId,
                    sparkplugGroup);
        }

        /** Where it publishes, for messages: the URL or {@code kafka://bootstrap/topic}. */
        public String target() {
            return transport == Transport.MQTT ? mqtt.toString() : "kafka://" + kafka + "/" + kafkaTopic;
        }
    }

    /**
     * A device of the recording.
     *
     * @param id          device id
     * @param units       sensor → engineering unit, in first-appearance order
     * @param firstValues tag → the first value in the recording (Sparkplug DBIRTH before any data)
     */
    public record Device(String id, Map<String, String> units, Map<String, Double> firstValues) {
    }

    /**
     * Progress, at most once a second and once at the end of each pass.
     *
     * @param messages          messages published so far (MQTT: one per reading, or one DDATA per device
     *                          and instant; Kafka: one per reading)
     * @param readings          readings published so far, all passes
     * @param readingsPerPass   readings in the recording
     * @param pass              current pass, 1-based
     * @param messagesPerSecond mean rate over the last report interval
     * @param eventTimeMillis   shifted event time of the last published reading
     */
    public record Progress(long messages, long readings, long readingsPerPass, int pass, double messagesPerSecond,
            long eventTimeMillis) {
    }

    /** Callbacks; both default to doing nothing. Must not block. */
    public interface Listener {
        /** Progress report, on the publishing thread. */
        default void onProgress(Progress progress) {
        }

        /** A command for one of the devices (MQTT), on the MQTT client's thread. */
        default void onCommand(String topic, byte[] payload) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSimulator.class);

    private final Recording recording;
    private final Settings settings;
    private final Clock clock;
    private final Listener listener;
    private final io.plantwatch.domain.CommandCatalog catalog;
    private final DeviceCommands commands;
    private final List<Device> devices;
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private Publisher publisher;
    private Thread thread;
    private volatile boolean stopped;
    private volatile long messages;
    private volatile long readings;

    /**
     * @param recording what to publish (its rejected lines are ignored)
     * @param clock     the time base ("now" of each pass; timestamps at max speed)
     * @throws IllegalArgumentException when the recording has no readings
     */
    public DeviceSimulator(Recording recording, Settings settings, Clock clock, Listener listener) {
        this(recording, settings, clock, listener, io.plantwatch.domain.CommandCatalog.EMPTY);
    }

    /**
     * A simulator whose devices answer the commands of {@code catalog} (JSON over MQTT; other formats
     * only log commands).
     *
     * @throws IllegalArgumentException when the recording has no readings
     */
    public DeviceSimulator(Recording recording, Settings settings, Clock clock, Listener listener,
            io.plantwatch.domain.CommandCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.commands = catalog.isEmpty() ? null : new DeviceCommands(catalog);
        this.recording = Objects.requireNonNull(recording, "recording");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (recording.readings().isEmpty()) {
            throw new IllegalArgumentException(recording.source() + " has no readings to simulate");
        }
        this.devices = devicesOf(recording.readings());
    }

    private static List<Device> devicesOf(List<Reading> readings) {
        Map<String, Map<String, String>> units = new LinkedHashMap<>();
        Map<String, Map<String, Double>> first = new LinkedHashMap<>();
        for (Reading r : readings) {
            String d = TagId.device(r.tag());
            units.computeIfAbsent(d, k -> new LinkedHashMap<>()).putIfAbsent(TagId.sensor(r.tag()), r.unit());
            first.computeIfAbsent(d, k -> new LinkedHashMap<>()).putIfAbsent(r.tag(), r.value());
        }
        List<Device> out = new ArrayList<>();
        units.forEach((d, u) -> out.add(new Device(d, Collections.unmodifiableMap(u),
                Collections.unmodifiableMap(first.get(d)))));
        return List.copyOf(out);
    }

    /** Whether a simulated device is running (false after an accepted {@code shutdown}, until {@code start}). */
    public boolean running(String device) {
        return commands == null || commands.running(device);
    }

    /** The command catalog the devices answer from (empty: they only log commands). */
    public io.plantwatch.domain.CommandCatalog catalog() {
        return catalog;
    }

    /** The recording's devices, in first-appearance order. */
    public List<Device> devices() {
        return devices;
    }

    /**
     * Connects (and subscribes to the command topics), then starts publishing on the simulator's thread.
     *
     * @throws IOException           when the broker cannot be reached (the message says why)
     * @throws IllegalStateException when started twice
     */
    public synchronized void start() throws IOException {
        if (thread != null) {
            throw new IllegalStateException("simulator already started");
        }
        publisher = switch (settings.transport()) {
            case KAFKA -> new KafkaPublisher(settings);
            case MQTT -> settings.format() == Format.SPARKPLUG ? new SparkplugPublisher(settings, listener)
                    : new JsonMqttPublisher(settings, listener, commands);
        };
        try {
            publisher.connect(devices);
        } catch (IOException | RuntimeException e) {
            publisher.close();
            throw e;
        }
        LOG.info("simulating {} devices from {} on {} ({}, speed {})", devices.size(), recording.source(),
                settings.target(), settings.format(), Double.isInfinite(settings.speed()) ? "max" : settings.speed() + "x");
        thread = new Thread(this::run, "device-simulator");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            List<Reading> all = recording.readings();
            boolean paced = Double.isFinite(settings.speed());
            long reportNanos = System.nanoTime();
            long reportMessages = 0;
            int pass = 0;
            do {
                pass++;
                long base = clock.millis();
                long wallStart = System.nanoTime();
                long t0 = all.get(0).eventTimeMillis();
                long lastT = Long.MIN_VALUE;
                long stamp = base;
                int i = 0;
                while (i < all.size() && !stopped) {
                    // one device's readings of one instant
                    Reading head = all.get(i);
                    String device = TagId.device(head.tag());
                    int j = i + 1;
                    while (j < all.size() && all.get(j).eventTimeMillis() == head.eventTimeMillis()
                            && TagId.device(all.get(j).tag()).equals(device)) {
                        j++;
                    }
                    long t = head.eventTimeMillis();
                    if (paced) {
                        stamp = base + Math.round((t - t0) / settings.speed());
                        waitUntil(wallStart + (long) ((t - t0) * 1_000_000.0 / settings.speed()));
                    } else if (t != lastT) {
                        stamp = clock.millis();
                    }
                    lastT = t;
                    awaitReady();
                    if (stopped) {
                        break;
                    }
                    publisher.service();
                    messages += publisher.publish(device, stamp, all.subList(i, j));
                    readings += j - i;
                    i = j;
                    long now = System.nanoTime();
                    if (now - reportNanos >= 1_000_000_000L) {
                        report(pass, (messages - reportMessages) * 1e9 / (now - reportNanos), stamp);
                        reportNanos = now;
                        reportMessages = messages;
                    }
                }
                publisher.flush(Duration.ofSeconds(30));
                long now = System.nanoTime();
                report(pass, (messages - reportMessages) * 1e9 / Math.max(1, now - reportNanos), stamp);
                reportNanos = now;
                reportMessages = messages;
            } while (settings.loop() && !stopped);
            LOG.info("simulation of {} ended: {} messages, {} readings, {} failed", recording.source(), messages,
                    readings, publisher.failed());
            done.complete(messages);
        } catch (InterruptedException e) {
            done.complete(messages);
        } catch (RuntimeException e) {
            if (stopped) {
                done.complete(messages); // interrupted inside a client call by close()
            } else {
                LOG.error("simulation of {} failed", recording.source(), e);
                done.completeExceptionally(e);
            }
        }
    }

    private void report(int pass, double rate, long stamp) {
        try {
            listener.onProgress(new Progress(messages, readings, recording.readings().size(), pass, rate, stamp));
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed", e);
        }
    }

    /** Parks until the due time (System.nanoTime), serving rebirth requests meanwhile. */
    private void waitUntil(long due) throws InterruptedException {
        long wait;
        while ((wait = due - System.nanoTime()) > 200_000 && !stopped) {
            LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(50)));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (publisher.ready()) {
                publisher.service();
            }
        }
    }

    /** Pauses while the broker connection is down (the client reconnects by itself). */
    private void awaitReady() throws InterruptedException {
        while (!publisher.ready() && !stopped) {
            Thread.sleep(50);
        }
    }

    /**
     * Completes with the number of messages published when the recording ends (never with
     * {@code loop}, unless closed); exceptionally when publishing failed.
     */
    public CompletableFuture<Long> done() {
        return done;
    }

    /** Messages published so far. */
    public long messages() {
        return messages;
    }

    /** Readings published so far. */
    public long readings() {
        return readings;
    }

    /** Messages acknowledged by the broker so far (QoS 0: written). */
    public long acknowledged() {
        Publisher p = publisher;
        return p == null ? 0 : p.acknowledged();
    }

    /**
     * Stops publishing and disconnects (Sparkplug: the broker publishes the NDEATH). Waits up to 10 s
     * for the publishing thread. Idempotent.
     */
    @Override
    public void close() {
        stopped = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Publisher p = publisher;
        if (p != null) {
            p.close();
        }
        done.complete(messages);
    }
}
