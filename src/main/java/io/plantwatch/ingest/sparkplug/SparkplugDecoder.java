package io.plantwatch.ingest.sparkplug;

import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import io.plantwatch.domain.TagId;
import io.plantwatch.ingest.ReadingSink;
import io.plantwatch.ingest.payload.PayloadDecoder;
import io.plantwatch.ingest.payload.PayloadLimits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.PropertySet;
import org.eclipse.tahu.message.model.PropertyValue;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.eclipse.tahu.message.model.SparkplugMeta;
import org.eclipse.tahu.model.MetricDataTypeMap;
import org.eclipse.tahu.protobuf.SparkplugBProto;

/**
 * Decodes Sparkplug B (spBv1.0) messages into {@link Reading}s, as a Sparkplug host application
 * does: it keeps, per edge node and device, the metric names, aliases, data types and units their
 * births declared, resolves DATA metrics by alias or name, checks sequence numbers, and marks tags
 * stale on deaths. Protobuf decoding and the payload model are Eclipse Tahu's
 * ({@link SparkplugBPayloadDecoder}); the mapping to tags and the host state are ours.
 *
 * <h2>Topics</h2>
 * {@code spBv1.0/{group}/{NBIRTH|NDATA|NDEATH}/{edgeNode}} and
 * {@code spBv1.0/{group}/{DBIRTH|DDATA|DDEATH}/{edgeNode}/{device}}. Host {@code STATE} messages and
 * commands ({@code NCMD}, {@code DCMD}) are skipped (counted); any other topic is rejected.
 *
 * <h2>Tags</h2>
 * A metric becomes tag {@code device/sensor}: device = the Sparkplug device id for DBIRTH/DDATA, the
 * edge node id for NBIRTH/NDATA (the group id is not part of the tag); sensor = the metric name with
 * {@code /} (Sparkplug's folder separator) replaced by {@code .} and spaces by {@code _}, e.g.
 * {@code Inputs/Flow Rate} → {@code Inputs.Flow_Rate}. A name or id that is still not a valid
 * {@link TagId} part (other characters, longer than 64) is rejected per metric with the reason.
 *
 * <h2>Values</h2>
 * Integer, unsigned, float and double metrics become the value; Boolean becomes 1 or 0. Metrics of
 * other types (String, Text, UUID, DateTime, Bytes, File, DataSet, Template, arrays), metrics with a
 * null value, metrics whose {@code Quality} property is 0 (bad) or 500 (stale), and Sparkplug's own
 * control metrics ({@code bdSeq}, {@code Node Control/*}, {@code Device Control/*}) are valid
 * Sparkplug content that is not a process value: they are skipped and counted by reason
 * ({@link #skipped()}), not dead-lettered. Values outside {@link PayloadLimits#maxAbsValue()} are
 * rejected. Birth metrics carry current values and give readings too.
 *
 * <p>Event time: the metric's timestamp, else the payload's, else the receive time; it must lie
 * within {@link PayloadLimits#maxFuture()} / {@link PayloadLimits#maxPast()} of the receive time.
 * Unit: the birth's metric property {@code engUnit} (Ignition's tag property), {@code engUnits},
 * {@code Units} or {@code unit} (any case), remembered per metric so that DATA without properties
 * keeps it; a property on a DATA metric wins.
 *
 * <h2>Host state</h2>
 * <ul>
 *   <li>NBIRTH: resets the node (and forgets its devices, which must rebirth), records {@code bdSeq}
 *       and the sequence number.
 *   <li>Sequence numbers 0–255 (wrapping) are checked per edge node across DBIRTH, NDATA, DDATA and
 *       DDEATH. On a gap the message is still decoded (its aliases are known), a dead letter records
 *       the gap ("sequence gap: expected 7, got 9 …", empty raw) and a rebirth is requested.
 *   <li>DATA or DBIRTH/DDEATH before the node's NBIRTH, DATA of a device without DBIRTH, and a metric
 *       whose alias or name is not in the birth: the affected input is dead-lettered with the reason
 *       and a rebirth is requested.
 *   <li>Rebirth requests: an NCMD to {@code spBv1.0/{group}/NCMD/{edgeNode}} with Boolean metric
 *       {@code Node Control/Rebirth = true}, handed to the {@link RebirthRequester}; at most one per
 *       node per {@code rebirthInterval} (receive time), and again only after that interval unless an
 *       NBIRTH arrived.
 *   <li>NDEATH whose {@code bdSeq} matches the NBIRTH's (or either has none): every tag of the node and
 *       its devices goes stale ({@link ReadingSink#stale}); a non-matching NDEATH belongs to an earlier
 *       session and is skipped. DDEATH: the device's tags go stale.
 * </ul>
 *
 * <p>Outcomes go to the sink on the calling thread; never throws on bad input (a sink's own exception
 * propagates). Not thread-safe: one instance per ingest thread (MQTT delivers a connection's messages
 * in order, which the sequence check relies on). The counters may be read from any thread.
 */
public final class SparkplugDecoder {

    /** Topic namespace of Sparkplug B. */
    public static final String NAMESPACE = SparkplugMeta.SPARKPLUG_B_TOPIC_PREFIX;
    /** The rebirth metric of an NCMD. */
    public static final String REBIRTH_METRIC = SparkplugMeta.METRIC_NODE_REBIRTH;
    /** Default shortest time between two rebirth requests to the same edge node. */
    public static final Duration DEFAULT_REBIRTH_INTERVAL = Duration.ofSeconds(5);

    private static final String[] UNIT_KEYS = {"engunit", "engunits", "units", "unit"};
    private static final int QUALITY_BAD = 0;
    private static final int QUALITY_STALE = 500;

    /** Receives rebirth requests; MqttIngest publishes them (QoS 0, not retained, as Sparkplug asks). */
    @FunctionalInterface
    public interface RebirthRequester {
        /**
         * @param topic   {@code spBv1.0/{group}/NCMD/{edgeNode}}
         * @param payload Sparkplug B protobuf with {@code Node Control/Rebirth = true}
         */
        void requestRebirth(String topic, byte[] payload);
    }

    private final PayloadLimits limits;
    private final long rebirthIntervalMillis;
    private final RebirthRequester requester;
    private final SparkplugBPayloadDecoder tahu = new SparkplugBPayloadDecoder();
    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();
    private final AtomicLong rebirthRequests = new AtomicLong();
    private final AtomicLong sequenceGaps = new AtomicLong();

    /**
     * @param rebirthInterval shortest time between two rebirth requests to one edge node
     * @param requester       sends rebirth requests (called on the decoding thread; must not block)
     */
    public SparkplugDecoder(PayloadLimits limits, Duration rebirthInterval, RebirthRequester requester) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.rebirthIntervalMillis = rebirthInterval.toMillis();
        this.requester = Objects.requireNonNull(requester, "requester");
    }

    /** What one metric of a birth declared. */
    private record MetricInfo(String name, MetricDataType type, String unit) {
    }

    /** Names, aliases and types declared by one birth (a node's or a device's). */
    private static final class Births {
        final Map<Long, MetricInfo> byAlias = new HashMap<>();
        final Map<String, MetricInfo> byName = new HashMap<>();
        final MetricDataTypeMap types = new MetricDataTypeMap();
        final Set<String> tags = new LinkedHashSet<>();
    }

    private static final class Node {
        boolean born;
        Long bdSeq;
        int lastSeq = -1;
        long lastRebirthRequest = Long.MIN_VALUE;
        Births births = new Births();
        final Map<String, Births> devices = new HashMap<>();
    }

    /**
     * Decodes one message.
     *
     * @param topic            the MQTT topic
     * @param payload          the Sparkplug B protobuf body
     * @param receivedAtMillis receive time, epoch ms (event time fallback, time window, rebirth rate)
     * @param sink             receives readings, rejections and stale marks, on this thread
     */
    public void decode(String topic, byte[] payload, long receivedAtMillis, ReadingSink sink) {
        String source = clip(topic == null ? "" : topic, PayloadDecoder.MAX_SOURCE);
        byte[] bytes = payload == null ? new byte[0] : payload;
        String[] t = topic == null ? new String[0] : topic.split("/", -1);
        if (t.length < 3 || !NAMESPACE.equals(t[0])) {
            reject(sink, source, "topic is not a Sparkplug B topic (spBv1.0/{group}/{type}/{edgeNode}[/{device}])",
                    bytes);
            return;
        }
        if (t[1].equals("STATE")) {
            skip("host STATE message");
            return;
        }
        String type = t[2];
        boolean deviceLevel = type.equals("DBIRTH") || type.equals("DDATA") || type.equals("DDEATH");
        boolean nodeLevel = type.equals("NBIRTH") || type.equals("NDATA") || type.equals("NDEATH");
        if (type.equals("NCMD") || type.equals("DCMD")) {
            skip("command (" + type + ")");
            return;
        }
        if (!deviceLevel && !nodeLevel) {
            reject(sink, source, "unknown Sparkplug message type '" + clip(type)
                    + "' (expected NBIRTH, NDATA, NDEATH, DBIRTH, DDATA or DDEATH)", bytes);
            return;
        }
        if (t.length != (deviceLevel ? 5 : 4) || t[1].isEmpty() || t[3].isEmpty() || deviceLevel && t[4].isEmpty()) {
            reject(sink, source, type + " topic must be spBv1.0/{group}/" + type + "/{edgeNode}"
                    + (deviceLevel ? "/{device}" : ""), bytes);
            return;
        }
        if (bytes.length > limits.maxBytes()) {
            reject(sink, source, "payload is " + bytes.length + " bytes, more than the limit of " + limits.maxBytes()
                    + " bytes", bytes);
            return;
        }
        String group = t[1];
        String edge = t[3];
        String device = deviceLevel ? t[4] : null;
        String nodeKey = group + "/" + edge;
        SparkplugBProto.Payload raw;
        try {
            raw = SparkplugBProto.Payload.parseFrom(bytes);
        } catch (IOException | RuntimeException e) {
            reject(sink, source, "payload is not a Sparkplug B protobuf message: " + e.getMessage(), bytes);
            return;
        }
        Node node = nodes.get(nodeKey);

        if (type.equals("NBIRTH")) {
            SparkplugBPayload p = convert(sink, source, bytes, new MetricDataTypeMap(), bytes);
            if (p == null) {
                return;
            }
            node = new Node();
            nodes.put(nodeKey, node);
            node.born = true;
            node.lastSeq = p.getSeq() == null ? 0 : (int) (p.getSeq() & 0xFF);
            node.bdSeq = bdSeq(p);
            birth(node.births, p, edge, source, receivedAtMillis, sink);
            return;
        }
        if (node == null || !node.born) {
            if (type.equals("NDEATH")) {
                skip("NDEATH of an edge node without NBIRTH");
                return;
            }
            boolean requested = requestRebirth(nodeKey, group, edge, receivedAtMillis, node);
            reject(sink, source, type + " from edge node " + nodeKey + " before its NBIRTH; "
                    + (requested ? "rebirth requested" : "rebirth already requested"), bytes);
            return;
        }
        if (type.equals("NDEATH")) {
            SparkplugBPayload p = convert(sink, source, bytes, node.births.types, bytes);
            Long death = p == null ? null : bdSeq(p);
            if (death != null && node.bdSeq != null && !death.equals(node.bdSeq)) {
                skip("NDEATH of an earlier session (bdSeq mismatch)");
                return;
            }
            List<String> tags = new ArrayList<>(node.births.tags);
            node.devices.values().forEach(d -> tags.addAll(d.tags));
            node.born = false;
            node.devices.clear();
            if (!tags.isEmpty()) {
                sink.stale(tags, raw.hasTimestamp() ? raw.getTimestamp() : receivedAtMillis,
                        "NDEATH from edge node " + nodeKey);
            }
            return;
        }
        if (raw.hasSeq()) {
            checkSequence(node, raw.getSeq(), nodeKey, group, edge, source, receivedAtMillis, sink);
        }
        if (type.equals("DBIRTH")) {
            SparkplugBPayload p = convert(sink, source, bytes, new MetricDataTypeMap(), bytes);
            if (p != null) {
                Births b = new Births();
                node.devices.put(device, b);
                birth(b, p, device, source, receivedAtMillis, sink);
            }
            return;
        }
        if (type.equals("DDEATH")) {
            Births gone = node.devices.remove(device);
            if (gone != null && !gone.tags.isEmpty()) {
                sink.stale(new ArrayList<>(gone.tags), raw.hasTimestamp() ? raw.getTimestamp() : receivedAtMillis,
                        "DDEATH of device " + device + " on edge node " + nodeKey);
            }
            return;
        }
        // NDATA, DDATA
        Births births = device == null ? node.births : node.devices.get(device);
        if (births == null) {
            boolean requested = requestRebirth(nodeKey, group, edge, receivedAtMillis, node);
            reject(sink, source, "DDATA from device " + device + " of edge node " + nodeKey + " before its DBIRTH; "
                    + (requested ? "rebirth requested" : "rebirth already requested"), bytes);
            return;
        }
        String deviceId = device == null ? edge : device;
        // metrics without a data type must be known to the birth, else Tahu cannot decode (and drops) them
        List<SparkplugBProto.Payload.Metric> known = new ArrayList<>(raw.getMetricsCount());
        for (SparkplugBProto.Payload.Metric m : raw.getMetricsList()) {
            boolean typed = m.getDatatype() != 0;
            boolean inBirth = m.hasName() ? births.byName.containsKey(m.getName())
                    : m.hasAlias() && births.byAlias.containsKey(m.getAlias());
            if (typed || inBirth) {
                known.add(m);
            } else {
                unknownMetric(m.hasName() ? "metric '" + clip(m.getName()) + "'"
                        : m.hasAlias() ? "alias " + m.getAlias() : "a metric without name or alias",
                        deviceId, nodeKey, group, edge, source, receivedAtMillis, sink, node, m.toString());
            }
        }
        byte[] usable = known.size() == raw.getMetricsCount() ? bytes
                : raw.toBuilder().clearMetrics().addAllMetrics(known).build().toByteArray();
        SparkplugBPayload p = convert(sink, source, usable, births.types, bytes);
        if (p != null) {
            data(births, p, deviceId, nodeKey, group, edge, source, receivedAtMillis, sink, node);
        }
    }

    private void unknownMetric(String which, String deviceId, String nodeKey, String group, String edge,
            String source, long receivedAt, ReadingSink sink, Node node, String raw) {
        boolean requested = requestRebirth(nodeKey, group, edge, receivedAt, node);
        reject(sink, source, which + " is not in the birth of " + deviceId + "; "
                + (requested ? "rebirth requested" : "rebirth already requested"), raw);
    }

    private void checkSequence(Node node, long rawSeq, String nodeKey, String group, String edge,
            String source, long receivedAt, ReadingSink sink) {
        int seq = (int) (rawSeq & 0xFF);
        int expected = (node.lastSeq + 1) & 0xFF;
        node.lastSeq = seq;
        if (seq != expected) {
            sequenceGaps.incrementAndGet();
            int missing = (seq - expected) & 0xFF;
            boolean requested = requestRebirth(nodeKey, group, edge, receivedAt, node);
            sink.reject(new RejectedReading(source, -1, "sequence gap: expected " + expected + ", got " + seq + " ("
                    + (missing == 255 ? "repeated or reordered message" : missing + " message(s) missing")
                    + " from edge node " + nodeKey + "); "
                    + (requested ? "rebirth requested" : "rebirth already requested"), ""));
        }
    }

    private void birth(Births b, SparkplugBPayload p, String deviceId, String source, long receivedAt,
            ReadingSink sink) {
        for (Metric m : p.getMetrics()) {
            if (m == null || !m.hasName()) {
                reject(sink, source, "birth metric without a name", "");
                continue;
            }
            String unit = unit(m.getProperties());
            MetricInfo info = new MetricInfo(m.getName(), m.getDataType(), unit);
            b.byName.put(m.getName(), info);
            if (m.getDataType() != null) {
                b.types.addMetricDataType(m.getName(), m.getDataType());
            }
            if (m.hasAlias()) {
                b.byAlias.put(m.getAlias(), info);
                if (m.getDataType() != null) {
                    b.types.addMetricDataType(m.getAlias(), m.getDataType());
                }
            }
            String tag = emit(m, info, deviceId, source, p.getTimestamp(), receivedAt, sink);
            if (tag != null) {
                b.tags.add(tag);
            }
        }
    }

    private void data(Births b, SparkplugBPayload p, String deviceId, String nodeKey, String group, String edge,
            String source, long receivedAt, ReadingSink sink, Node node) {
        for (Metric m : p.getMetrics()) {
            if (m == null) {
                continue; // Tahu dropped it (and logged why); unknown ones were dead-lettered before
            }
            MetricInfo info = m.hasName() ? b.byName.get(m.getName())
                    : m.hasAlias() ? b.byAlias.get(m.getAlias()) : null;
            if (info == null) {
                unknownMetric(m.hasName() ? "metric '" + clip(m.getName()) + "'"
                        : m.hasAlias() ? "alias " + m.getAlias() : "a metric without name or alias",
                        deviceId, nodeKey, group, edge, source, receivedAt, sink, node, String.valueOf(m));
                continue;
            }
            emit(m, info, deviceId, source, p.getTimestamp(), receivedAt, sink);
        }
    }

    /**
     * Turns one metric into a reading, a rejection or a counted skip.
     *
     * @return the tag when the metric is a (possibly null-valued) numeric process value, else null
     */
    private String emit(Metric m, MetricInfo info, String deviceId, String source, Date payloadTime,
            long receivedAt, ReadingSink sink) {
        String name = info.name();
        if (name.equals("bdSeq") || name.startsWith("Node Control/") || name.startsWith("Device Control/")) {
            skip("Sparkplug control metric");
            return null;
        }
        MetricDataType type = m.getDataType() != null ? m.getDataType() : info.type();
        if (!numeric(type)) {
            skip("metric type " + type + " is not a process value");
            return null;
        }
        String tag;
        try {
            tag = TagId.of(tagPart(deviceId), tagPart(name));
        } catch (IllegalArgumentException e) {
            reject(sink, source, "metric '" + clip(name) + "' cannot become a tag: " + e.getMessage(),
                    String.valueOf(m));
            return null;
        }
        Object v = m.getValue();
        if (v == null || Boolean.TRUE.equals(m.isNull())) {
            skip("null value");
            return tag;
        }
        Integer quality = quality(m.getProperties());
        if (quality != null && (quality == QUALITY_BAD || quality == QUALITY_STALE)) {
            skip("quality " + (quality == QUALITY_BAD ? "bad (0)" : "stale (500)"));
            return tag;
        }
        double value;
        if (v instanceof Boolean bool) {
            value = bool ? 1 : 0;
        } else if (v instanceof Number n) {
            value = n.doubleValue();
        } else {
            skip("metric type " + type + " is not a process value");
            return null;
        }
        if (!Double.isFinite(value) || Math.abs(value) > limits.maxAbsValue()) {
            reject(sink, source, "metric '" + clip(name) + "' value " + value + " is not finite or exceeds"
                    + " the limit of ±" + limits.maxAbsValue(), String.valueOf(m));
            return tag;
        }
        long eventTime = m.getTimestamp() != null ? m.getTimestamp().getTime()
                : time(payloadTime, receivedAt);
        if (eventTime > receivedAt + limits.maxFuture().toMillis()
                || eventTime < receivedAt - limits.maxPast().toMillis()) {
            reject(sink, source, "metric '" + clip(name) + "' timestamp " + eventTime
                    + " is more than " + limits.maxFuture() + " ahead of or " + limits.maxPast()
                    + " behind the receive time " + receivedAt + "; check the edge node's clock", String.valueOf(m));
            return tag;
        }
        String unit = unit(m.getProperties());
        sink.accept(new Reading(tag, eventTime, value, unit.isEmpty() ? info.unit() : unit));
        return tag;
    }

    /** Tahu's model of a parsed payload, or null (rejected with the reason) when Tahu cannot convert it. */
    private SparkplugBPayload convert(ReadingSink sink, String source, byte[] toDecode, MetricDataTypeMap types,
            byte[] bytes) {
        try {
            return tahu.buildFromByteArray(toDecode, types);
        } catch (Exception e) {
            reject(sink, source, "Sparkplug B payload cannot be decoded: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), bytes);
            return null;
        }
    }

    /**
     * Requests a rebirth unless one was requested for this node within the interval.
     *
     * @return true when a request was sent now
     */
    private boolean requestRebirth(String nodeKey, String group, String edge, long now, Node node) {
        Node n = node;
        if (n == null) {
            n = new Node();
            nodes.put(nodeKey, n);
        }
        if (n.lastRebirthRequest != Long.MIN_VALUE && now - n.lastRebirthRequest < rebirthIntervalMillis) {
            return false;
        }
        n.lastRebirthRequest = now;
        rebirthRequests.incrementAndGet();
        requester.requestRebirth(ncmdTopic(group, edge), rebirthPayload(now));
        return true;
    }

    /** {@code spBv1.0/{group}/NCMD/{edgeNode}}. */
    public static String ncmdTopic(String group, String edgeNode) {
        return NAMESPACE + "/" + group + "/NCMD/" + edgeNode;
    }

    /**
     * An NCMD payload asking for a rebirth: timestamp and Boolean metric
     * {@code Node Control/Rebirth = true} (Sparkplug B 3.0, "Rebirth Request"), encoded by Tahu.
     */
    public static byte[] rebirthPayload(long timestampMillis) {
        try {
            SparkplugBPayload p = new SparkplugBPayload.SparkplugBPayloadBuilder()
                    .setTimestamp(new Date(timestampMillis))
                    .addMetric(new Metric.MetricBuilder(REBIRTH_METRIC, MetricDataType.Boolean, true)
                            .timestamp(new Date(timestampMillis)).createMetric())
                    .createPayload();
            return new SparkplugBPayloadEncoder().getBytes(p, false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode a rebirth request", e);
        }
    }

    /**
     * A Sparkplug name as a {@link TagId} part: {@code /} → {@code .}, whitespace → {@code _}; any
     * other character is kept (and makes the tag invalid if TagId refuses it).
     */
    public static String tagPart(String sparkplugName) {
        StringBuilder b = new StringBuilder(sparkplugName.length());
        for (int i = 0; i < sparkplugName.length(); i++) {
            char c = sparkplugName.charAt(i);
            b.append(c == '/' ? '.' : Character.isWhitespace(c) ? '_' : c);
        }
        return b.toString();
    }

    private static boolean numeric(MetricDataType type) {
        if (type == null) {
            return false;
        }
        return type.equals(MetricDataType.Int8) || type.equals(MetricDataType.Int16)
                || type.equals(MetricDataType.Int32) || type.equals(MetricDataType.Int64)
                || type.equals(MetricDataType.UInt8) || type.equals(MetricDataType.UInt16)
                || type.equals(MetricDataType.UInt32) || type.equals(MetricDataType.UInt64)
                || type.equals(MetricDataType.Float) || type.equals(MetricDataType.Double)
                || type.equals(MetricDataType.Boolean);
    }

    private static Long bdSeq(SparkplugBPayload p) {
        for (Metric m : p.getMetrics()) {
            if (m != null && m.hasName() && m.getName().equals(SparkplugMeta.SPARKPLUG_BD_SEQUENCE_NUMBER_KEY)
                    && m.getValue() instanceof Number n) {
                return n.longValue();
            }
        }
        return null;
    }

    private static String unit(PropertySet props) {
        if (props == null) {
            return "";
        }
        for (String key : UNIT_KEYS) {
            for (Map.Entry<String, PropertyValue<?>> e : entries(props)) {
                if (e.getKey().toLowerCase(Locale.ROOT).equals(key) && e.getValue() != null
                        && e.getValue().getValue() instanceof String s) {
                    return s;
                }
            }
        }
        return "";
    }

    private static Integer quality(PropertySet props) {
        if (props == null) {
            return null;
        }
        PropertyValue<?> q = props.getPropertyValue(SparkplugMeta.QUALITY_PROP_NAME);
        return q != null && q.getValue() instanceof Number n ? n.intValue() : null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Set<Map.Entry<String, PropertyValue<?>>> entries(PropertySet props) {
        return (Set) props.getPropertyMap().entrySet();
    }

    private static long time(Date d, long fallback) {
        return d == null ? fallback : d.getTime();
    }

    private void skip(String reason) {
        skipped.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    private static void reject(ReadingSink sink, String source, String reason, byte[] raw) {
        // protobuf is binary: keep a printable hex prefix rather than mojibake
        sink.reject(new RejectedReading(source, -1, reason, hex(raw)));
    }

    private static void reject(ReadingSink sink, String source, String reason, String raw) {
        sink.reject(new RejectedReading(source, -1, reason, clip(raw, PayloadDecoder.MAX_RAW)));
    }

    private static String hex(byte[] raw) {
        int n = Math.min(raw.length, (PayloadDecoder.MAX_RAW - 40) / 2);
        StringBuilder b = new StringBuilder(n * 2 + 40);
        b.append("hex:");
        for (int i = 0; i < n; i++) {
            b.append(Character.forDigit((raw[i] >> 4) & 0xF, 16)).append(Character.forDigit(raw[i] & 0xF, 16));
        }
        if (n < raw.length) {
            b.append("… (").append(raw.length).append(" bytes)");
        }
        return b.toString();
    }

    /** Skipped (not dead-lettered) metrics and messages by reason, a snapshot. */
    public Map<String, Long> skipped() {
        Map<String, Long> out = new TreeMap<>();
        skipped.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Rebirth requests sent so far. */
    public long rebirthRequests() {
        return rebirthRequests.get();
    }

    /** Sequence gaps seen so far. */
    public long sequenceGaps() {
        return sequenceGaps.get();
    }

    private static String clip(String s) {
        return clip(s, 80);
    }

    private static String clip(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }
}
