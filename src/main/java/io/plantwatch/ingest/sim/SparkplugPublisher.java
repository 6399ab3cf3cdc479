package io.plantwatch.ingest.sim;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.TagId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.tahu.SparkplugException;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.PropertyDataType;
import org.eclipse.tahu.message.model.PropertySet;
import org.eclipse.tahu.message.model.PropertyValue;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sparkplug B devices (spBv1.0, encoded with Eclipse Tahu): ONE edge node {@code <clientId>} in group
 * {@code <sparkplugGroup>}, with one Sparkplug device per recording device.
 * <ul>
 *   <li>CONNECT carries the NDEATH ({@code bdSeq} metric) as the will (QoS 1, not retained); clean start.
 *   <li>NBIRTH (seq 0): {@code bdSeq} (Int64) and {@code Node Control/Rebirth} (Boolean false).
 *   <li>DBIRTH per device: every sensor as a Double metric named after the sensor, with an alias unique
 *       across the edge node and the engineering unit as property {@code engUnit}; current values.
 *   <li>DDATA per device and recording instant: the metrics of that instant by alias only, payload and
 *       metric timestamps = the shifted event time.
 *   <li>{@code seq} runs 0–255 over NBIRTH, DBIRTH and DDATA and wraps.
 *   <li>An NCMD {@code Node Control/Rebirth = true} makes the edge node publish NBIRTH and DBIRTHs again
 *       (same bdSeq, seq from 0); after a reconnect bdSeq is incremented and the births are repeated.
 *   <li>DCMDs are logged. On close the client disconnects with reason "disconnect with will message",
 *       so the broker publishes the NDEATH.
 * </ul>
 * NBIRTH, DBIRTH and DDATA use {@code --qos} (default 1; the specification says 0: pass {@code --qos 0}
 * for strictness; 1 makes a demo lose nothing).
 */
final class SparkplugPublisher extends MqttPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SparkplugPublisher.class);
    static final String NAMESPACE = "spBv1.0";
    static final String REBIRTH = "Node Control/Rebirth";
    static final String BD_SEQ = "bdSeq";

    private final SparkplugBPayloadEncoder encoder = new SparkplugBPayloadEncoder();
    private final AtomicLong bdSeq = new AtomicLong();
    private final AtomicBoolean rebirth = new AtomicBoolean();
    private final String group;
    private final String edge;
    private List<DeviceSimulator.Device> devices = List.of();
    /** tag → alias. */
    private final Map<String, Long> aliases = new HashMap<>();
    /** tag → last published value (DBIRTH carries current values). */
    private final Map<String, Double> lastValues = new HashMap<>();
    private int seq;
    private volatile boolean born;

    SparkplugPublisher(DeviceSimulator.Settings settings, DeviceSimulator.Listener listener) {
        super(settings, listener);
        this.group = settings.sparkplugGroup();
        this.edge = settings.clientId();
    }

    private String topic(String type, String device) {
        return NAMESPACE + "/" + group + "/" + type + "/" + edge + (device == null ? "" : "/" + device);
    }

    @Override
    protected Mqtt5Connect connectMessage() {
        return Mqtt5Connect.builder().cleanStart(true).keepAlive(30)
                .willPublish().topic(topic("NDEATH", null)).qos(MqttQos.AT_LEAST_ONCE).retain(false)
                .payload(encode(new SparkplugBPayload(new Date(), List.of(metric(BD_SEQ, MetricDataType.Int64,
                        bdSeq.get())), null)))
                .applyWillPublish().build();
    }

    @Override
    public void connect(List<DeviceSimulator.Device> devs) throws IOException {
        this.devices = devs;
        long next = 1;
        for (DeviceSimulator.Device d : devs) {
            for (Map.Entry<String, String> s : d.units().entrySet()) {
                aliases.put(TagId.of(d.id(), s.getKey()), next++);
            }
        }
        devs.forEach(d -> lastValues.putAll(d.firstValues()));
        super.connect(devs);
    }

    @Override
    protected void subscribeCommands(List<DeviceSimulator.Device> devs) {
        SparkplugBPayloadDecoder decoder = new SparkplugBPayloadDecoder();
        subscribe(topic("NCMD", null), p -> {
            String what = describe(decoder, p);
            command(p, what);
            if (what.contains(REBIRTH + "=true")) {
                LOG.info("rebirth requested by NCMD; publishing NBIRTH and DBIRTHs again");
                rebirth.set(true);
            }
        });
        subscribe(topic("DCMD", "+"), p -> command(p, describe(decoder, p)));
    }

    private static String describe(SparkplugBPayloadDecoder decoder, Mqtt5Publish p) {
        try {
            SparkplugBPayload payload = decoder.buildFromByteArray(p.getPayloadAsBytes(), null);
            List<String> parts = new ArrayList<>();
            for (Metric m : payload.getMetrics()) {
                parts.add((m.hasName() ? m.getName() : "alias " + m.getAlias()) + "=" + m.getValue());
            }
            return String.join(", ", parts);
        } catch (Exception e) {
            return "undecodable Sparkplug payload (" + e.getMessage() + ")";
        }
    }

    @Override
    protected void onConnected(boolean reconnect) {
        rebirth.set(true);
    }

    @Override
    protected void onDisconnected() {
        born = false;
        bdSeq.incrementAndGet();
    }

    @Override
    public void service() throws InterruptedException {
        if (rebirth.getAndSet(false)) {
            birth();
        }
    }

    private void birth() throws InterruptedException {
        seq = 0;
        Date now = new Date();
        List<Metric> node = List.of(metric(BD_SEQ, MetricDataType.Int64, bdSeq.get()),
                metric(REBIRTH, MetricDataType.Boolean, false));
        send(topic("NBIRTH", null), encode(new SparkplugBPayload(now, node, nextSeq())), qos);
        for (DeviceSimulator.Device d : devices) {
            List<Metric> metrics = new ArrayList<>();
            for (Map.Entry<String, String> s : d.units().entrySet()) {
                String tag = TagId.of(d.id(), s.getKey());
                Metric m = metric(s.getKey(), MetricDataType.Double, lastValues.get(tag));
                m.setAlias(aliases.get(tag));
                m.setTimestamp(now);
                if (!s.getValue().isEmpty()) {
                    m.setProperties(new PropertySet.PropertySetBuilder()
                            .addProperty("engUnit", property(s.getValue())).createPropertySet());
                }
                metrics.add(m);
            }
            send(topic("DBIRTH", d.id()), encode(new SparkplugBPayload(now, metrics, nextSeq())), qos);
        }
        born = true;
    }

    @Override
    public int publish(String device, long eventTimeMillis, List<Reading> readings) throws InterruptedException {
        if (!born) {
            birth();
        }
        Date at = new Date(eventTimeMillis);
        List<Metric> metrics = new ArrayList<>(readings.size());
        for (Reading r : readings) {
            Metric m = new Metric();
            m.setAlias(aliases.get(r.tag()));
            m.setDataType(MetricDataType.Double);
            m.setValue(r.value());
            m.setTimestamp(at);
            metrics.add(m);
            lastValues.put(r.tag(), r.value());
        }
        send(topic("DDATA", device), encode(new SparkplugBPayload(at, metrics, nextSeq())), qos);
        return 1;
    }

    private long nextSeq() {
        long s = seq;
        seq = (seq + 1) % 256;
        return s;
    }

    @Override
    protected void disconnect() {
        client.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send()
                .orTimeout(5, TimeUnit.SECONDS).join();
    }

    private static Metric metric(String name, MetricDataType type, Object value) {
        try {
            return new Metric.MetricBuilder(name, type, value).createMetric();
        } catch (SparkplugException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PropertyValue<PropertyDataType> property(String text) {
        try {
            return new PropertyValue<>(PropertyDataType.String, text);
        } catch (SparkplugException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] encode(SparkplugBPayload payload) {
        try {
            return encoder.getBytes(payload, false);
        } catch (IOException e) {
            throw new IllegalStateException("Sparkplug encoding failed", e);
        }
    }
}
