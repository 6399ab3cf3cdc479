package io.plantwatch.ingest.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import io.plantwatch.domain.TagId;
import io.plantwatch.ingest.ReadingSink;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes live JSON payloads (MQTT messages, Kafka record values) into {@link Reading}s, and
 * everything else into {@link RejectedReading}s with a reason an engineer can act on.
 *
 * <h2>Shapes</h2>
 * <ul>
 *   <li>One object: {@code {"value": 71.3, "unit": "degC", "timestamp": "2026-11-20T10:15:30.250Z"}}.
 *   <li>A batch (gateways): a JSON array of such objects, 1 to {@link PayloadLimits#maxElements()}.
 * </ul>
 * Fields of an object:
 * <ul>
 *   <li>{@code value} (required): a JSON number, finite, {@code |value| <=} {@link PayloadLimits#maxAbsValue()}.
 *       Strings such as {@code "71.3"} are rejected, not coerced: a gateway that quotes numbers
 *       usually also sends {@code "n/a"} or {@code "ERR"}, and accepting some strings but not others
 *       would make the rule depend on the data. {@code NaN} and {@code Infinity} are not JSON and make
 *       the whole payload invalid; numbers too large for a double (e.g. {@code 1e400}) are rejected.
 *   <li>{@code timestamp} (optional): an ISO-8601 instant with offset ({@code Z} or {@code +01:00},
 *       fractions allowed) as a string, or epoch milliseconds (UTC) as an integer JSON number. Missing
 *       or {@code null}: the receive time. It must lie within {@link PayloadLimits#maxFuture()} ahead
 *       of and {@link PayloadLimits#maxPast()} behind the receive time.
 *   <li>{@code unit} (optional): a string, the engineering unit; missing or {@code null}: empty.
 *   <li>{@code sensor}: MQTT: optional, a string that overrides the topic's sensor level; Kafka:
 *       required (the record key is the device). Must follow {@link TagId}'s naming rule.
 *   <li>Any other field is ignored, so that gateways may add metadata (quality, sequence numbers).
 *       Duplicate field names make the payload invalid.
 * </ul>
 *
 * <h2>Outcomes</h2>
 * Every call delivers at least one outcome to the sink, on the calling thread, in payload order:
 * <ul>
 *   <li>A payload rejected as a whole (size, encoding, JSON syntax, not an object or array, empty or
 *       oversized batch, topic or key) gives exactly one rejection with position {@code -1} and no
 *       reading; {@code raw} is the payload text (undecodable bytes as U+FFFD).
 *   <li>A single object gives exactly one outcome: a reading, or a rejection with position {@code -1}.
 *   <li>An array of {@code n} elements gives exactly {@code n} outcomes, one per element in order:
 *       a reading, or a rejection whose position is the element's 0-based index, whose reason starts
 *       with {@code element <index>: }, and whose {@code raw} is that element's JSON text. Good
 *       elements are accepted even when others are bad.
 * </ul>
 * {@code raw} is at most {@value #MAX_RAW} characters (longer text ends in {@code …});
 * {@code source} is the topic, or {@code kafka:<key>}, at most {@value #MAX_SOURCE} characters.
 *
 * <p>Never throws on bad input (a sink's own exceptions propagate). Stateless and thread-safe:
 * one instance may serve every ingest thread.
 */
public final class PayloadDecoder {

    /** Longest raw text kept with a rejection, characters (as {@code H2DeadLetters} stores). */
    public static final int MAX_RAW = 1024;
    /** Longest source kept with a rejection, characters (the dead-letter column's size). */
    public static final int MAX_SOURCE = 500;
    /** Deepest JSON nesting parsed; deeper payloads are rejected as invalid JSON. */
    public static final int MAX_NESTING = 64;

    private static final Logger LOG = LoggerFactory.getLogger(PayloadDecoder.class);
    private static final int MAX_QUOTED = 80;
    private static final int MAX_REASON = 1000;

    private final PayloadLimits limits;
    private final TopicPattern topicPattern;
    private final Clock clock;
    private final ObjectReader reader;

    /**
     * A decoder for the default topic pattern {@value TopicPattern#DEFAULT}.
     *
     * @param clock gives the receive time for the overloads without one
     */
    public PayloadDecoder(PayloadLimits limits, Clock clock) {
        this(limits, TopicPattern.defaultPattern(), clock);
    }

    /**
     * A decoder for MQTT topics following {@code topicPattern}.
     *
     * @param clock gives the receive time for the overloads without one
     */
    public PayloadDecoder(PayloadLimits limits, TopicPattern topicPattern, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.topicPattern = Objects.requireNonNull(topicPattern, "topicPattern");
        this.clock = Objects.requireNonNull(clock, "clock");
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                .build();
        this.reader = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build()
                .reader();
    }

    /**
     * Decodes one MQTT message, received now (the clock's time).
     *
     * @see #decode(String, byte[], long, ReadingSink)
     */
    public void decode(String topic, byte[] payload, ReadingSink sink) {
        decode(topic, payload, clock.millis(), sink);
    }

    /**
     * Decodes one MQTT message. Device and sensor come from the topic's levels (see
     * {@link TopicPattern}); an object's {@code sensor} field overrides the topic's sensor.
     *
     * @param topic            the MQTT topic, e.g. {@code sensors/P-101/flow}; null counts as empty
     * @param payload          the message body, UTF-8 JSON; null counts as empty
     * @param receivedAtMillis when the console received it, epoch milliseconds UTC; the event time
     *                         when the payload has none, and the reference for the time window
     * @param sink             receives every outcome, on this thread
     */
    public void decode(String topic, byte[] payload, long receivedAtMillis, ReadingSink sink) {
        String source = clipSource(topic == null ? "" : topic);
        TopicPattern.Match match = topicPattern.match(topic);
        if (match.reason() != null) {
            rejectWhole(sink, source, match.reason(), payload);
            return;
        }
        decodeBody(source, match.device(), match.sensor(), payload, receivedAtMillis, sink);
    }

    /**
     * Decodes one Kafka record, received now (the clock's time).
     *
     * @see #decodeKafka(String, byte[], long, ReadingSink)
     */
    public void decodeKafka(String key, byte[] value, ReadingSink sink) {
        decodeKafka(key, value, clock.millis(), sink);
    }

    /**
     * Decodes one Kafka record. The key is the device id; every object must carry {@code sensor}.
     *
     * @param key              the record key (device id); null is rejected
     * @param value            the record value, UTF-8 JSON; null counts as empty
     * @param receivedAtMillis when the console received it (or the record's timestamp, as the
     *                         caller decides), epoch milliseconds UTC
     * @param sink             receives every outcome, on this thread
     */
    public void decodeKafka(String key, byte[] value, long receivedAtMillis, ReadingSink sink) {
        String source = clipSource("kafka:" + (key == null ? "" : key));
        if (key == null || key.isEmpty()) {
            rejectWhole(sink, source, "Kafka record has no key; the key must be the device id", value);
            return;
        }
        try {
            TagId.of(key, "x");
        } catch (IllegalArgumentException e) {
            rejectWhole(sink, source, "Kafka key: " + e.getMessage(), value);
            return;
        }
        decodeBody(source, key, null, value, receivedAtMillis, sink);
    }

    private void decodeBody(String source, String device, String topicSensor, byte[] payload,
            long receivedAt, ReadingSink sink) {
        byte[] bytes = payload == null ? new byte[0] : payload;
        if (bytes.length > limits.maxBytes()) {
            rejectWhole(sink, source, "payload is " + bytes.length + " bytes, more than the limit of "
                    + limits.maxBytes() + " bytes; split the batch", bytes);
            return;
        }
        String text;
        try {
            text = strictUtf8(bytes);
        } catch (CharacterCodingException e) {
            rejectWhole(sink, source, "payload is not valid UTF-8 (bad byte sequence at byte "
                    + firstBadByte(bytes) + "); send JSON encoded as UTF-8", bytes);
            return;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            rejectWhole(sink, source, "payload is empty; expected a JSON object or array", text);
            return;
        }
        JsonNode root;
        try {
            root = reader.readTree(text);
        } catch (JsonProcessingException e) {
            rejectWhole(sink, source, "payload is not valid JSON: " + jsonError(e), text);
            return;
        } catch (RuntimeException e) {
            // Jackson reports a few constraint violations as unchecked exceptions; still bad input.
            rejectWhole(sink, source, "payload is not valid JSON: " + e.getMessage(), text);
            return;
        }
        if (root.isObject()) {
            String error = element(root, device, topicSensor, receivedAt, sink);
            if (error != null) {
                reject(sink, source, -1, error, text);
            }
        } else if (root.isArray()) {
            int n = root.size();
            if (n == 0) {
                rejectWhole(sink, source, "payload is an empty JSON array; a batch needs at least one reading",
                        text);
            } else if (n > limits.maxElements()) {
                rejectWhole(sink, source, "batch has " + n + " elements, more than the limit of "
                        + limits.maxElements() + "; split the batch", text);
            } else {
                for (int i = 0; i < n; i++) {
                    JsonNode el = root.get(i);
                    String error = el.isObject()
                            ? element(el, device, topicSensor, receivedAt, sink)
                            : "is " + kind(el) + ", expected a JSON object with \"value\"";
                    if (error != null) {
                        reject(sink, source, i, "element " + i + ": " + error, el.toString());
                    }
                }
            }
        } else {
            rejectWhole(sink, source, "payload is " + kind(root)
                    + ", expected a JSON object {\"value\": ...} or an array of them", text);
        }
    }

    /**
     * Turns one object into a reading and accepts it.
     *
     * @return null when accepted, else the reason
     */
    private String element(JsonNode obj, String device, String topicSensor, long receivedAt, ReadingSink sink) {
        String sensor = topicSensor;
        JsonNode sensorNode = obj.get("sensor");
        if (sensorNode != null && !sensorNode.isNull()) {
            if (!sensorNode.isTextual()) {
                return "\"sensor\" must be a string, found " + kind(sensorNode);
            }
            sensor = sensorNode.textValue();
        }
        if (sensor == null) {
            return "\"sensor\" is missing; Kafka values must name the sensor (the key is the device)";
        }
        String tag;
        try {
            tag = TagId.of(device, sensor);
        } catch (IllegalArgumentException e) {
            return clip(e.getMessage(), 300);
        }

        JsonNode valueNode = obj.get("value");
        if (valueNode == null) {
            return "\"value\" is missing";
        }
        if (!valueNode.isNumber()) {
            return "\"value\" must be a JSON number, found " + kind(valueNode)
                    + (valueNode.isTextual() ? " \"" + clip(valueNode.textValue()) + "\" (send numbers unquoted)" : "");
        }
        double value = valueNode.doubleValue();
        if (!Double.isFinite(value)) {
            return "\"value\" is out of range (too large for a finite double)";
        }
        if (Math.abs(value) > limits.maxAbsValue()) {
            return "\"value\" " + clip(valueNode.asText()) + " exceeds the limit of ±" + limits.maxAbsValue()
                    + "; check the gateway's scaling";
        }

        String unit = "";
        JsonNode unitNode = obj.get("unit");
        if (unitNode != null && !unitNode.isNull()) {
            if (!unitNode.isTextual()) {
                return "\"unit\" must be a string, found " + kind(unitNode);
            }
            unit = unitNode.textValue();
        }

        long eventTime;
        JsonNode tsNode = obj.get("timestamp");
        if (tsNode == null || tsNode.isNull()) {
            eventTime = receivedAt;
        } else if (tsNode.isTextual()) {
            try {
                eventTime = Instant.parse(tsNode.textValue()).toEpochMilli();
            } catch (DateTimeException | ArithmeticException e) {
                return "\"timestamp\" \"" + clip(tsNode.textValue())
                        + "\" is not an ISO-8601 instant with offset (2026-11-20T10:15:30.250Z)";
            }
        } else if (tsNode.isIntegralNumber()) {
            if (!tsNode.canConvertToLong()) {
                return "\"timestamp\" " + clip(tsNode.asText()) + " is out of range for epoch milliseconds";
            }
            eventTime = tsNode.longValue();
        } else if (tsNode.isNumber()) {
            return "\"timestamp\" " + clip(tsNode.asText())
                    + " must be whole epoch milliseconds (an integer), not a fraction";
        } else {
            return "\"timestamp\" must be an ISO-8601 string or epoch milliseconds, found " + kind(tsNode);
        }
        String window = checkWindow(eventTime, receivedAt);
        if (window != null) {
            return window;
        }
        sink.accept(new Reading(tag, eventTime, value, unit));
        return null;
    }

    private String checkWindow(long eventTime, long receivedAt) {
        long ahead;
        try {
            ahead = Math.subtractExact(eventTime, receivedAt);
        } catch (ArithmeticException e) {
            ahead = eventTime > receivedAt ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        if (ahead > limits.maxFuture().toMillis()) {
            return "\"timestamp\" " + instant(eventTime) + " is more than " + describe(limits.maxFuture())
                    + " ahead of the receive time " + instant(receivedAt) + "; check the device clock";
        }
        if (ahead < -limits.maxPast().toMillis()) {
            return "\"timestamp\" " + instant(eventTime) + " is more than " + describe(limits.maxPast())
                    + " behind the receive time " + instant(receivedAt)
                    + "; check the device clock, or import old data as a recording";
        }
        return null;
    }

    private static String instant(long millis) {
        try {
            return Instant.ofEpochMilli(millis).toString();
        } catch (DateTimeException e) {
            return millis + " ms";
        }
    }

    /** A limit in its largest whole unit: "7 days", "5 min", "90 s", "1500 ms". */
    static String describe(Duration d) {
        long ms = d.toMillis();
        if (ms >= 86_400_000L && ms % 86_400_000L == 0) {
            return ms / 86_400_000L + (ms == 86_400_000L ? " day" : " days");
        }
        if (ms >= 3_600_000L && ms % 3_600_000L == 0) {
            return ms / 3_600_000L + " h";
        }
        if (ms >= 60_000L && ms % 60_000L == 0) {
            return ms / 60_000L + " min";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + " s";
        }
        return ms + " ms";
    }

    private static String kind(JsonNode node) {
        switch (node.getNodeType()) {
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            default:
                return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static String jsonError(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            msg = msg + " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
        }
        return msg;
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static int firstBadByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return in.position();
    }

    private void rejectWhole(ReadingSink sink, String source, String reason, byte[] payload) {
        byte[] bytes = payload == null ? new byte[0] : payload;
        // Only the head is decoded: cheap for a 1 MB payload, and enough for MAX_RAW characters.
        int head = Math.min(bytes.length, MAX_RAW * 4 + 4);
        reject(sink, source, -1, reason, new String(bytes, 0, head, StandardCharsets.UTF_8)
                + (head < bytes.length ? "…" : ""));
    }

    private void rejectWhole(ReadingSink sink, String source, String reason, String text) {
        reject(sink, source, -1, reason, text);
    }

    private void reject(ReadingSink sink, String source, long position, String reason, String raw) {
        String r = clip(reason, MAX_REASON);
        LOG.debug("rejected {} [{}]: {}", source, position, r);
        sink.reject(new RejectedReading(source, position, r, truncate(raw, MAX_RAW)));
    }

    private static String clipSource(String source) {
        return truncate(source, MAX_SOURCE);
    }

    /** User text quoted in a reason, at most {@value #MAX_QUOTED} characters. */
    static String clip(String s) {
        return clip(s, MAX_QUOTED);
    }

    private static String clip(String s, int max) {
        return s == null ? "null" : truncate(s, max);
    }

    /** At most {@code max} characters, the last being {@code …} when cut; never splits a surrogate pair. */
    static String truncate(String s, int max) {
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
