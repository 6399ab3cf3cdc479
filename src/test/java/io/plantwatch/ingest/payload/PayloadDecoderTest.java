package io.plantwatch.ingest.payload;

import io.plantwatch.testsupport.CollectingSink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadDecoderTest {

    /** Receive time of every message: 2026-11-20T10:15:30Z. */
    private static final long NOW = 1_795_169_730_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    private static final String TOPIC = "sensors/P-101/temp";
    private static final String NAMING = " must be 1-64 characters of letters, digits, '-', '_' or '.'";

    private final PayloadDecoder decoder = new PayloadDecoder(PayloadLimits.defaults(), CLOCK);


    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private CollectingSink mqtt(String topic, String payload) {
        CollectingSink sink = new CollectingSink();
        decoder.decode(topic, payload == null ? null : utf8(payload), NOW, sink);
        return sink;
    }

    private CollectingSink kafka(String key, String value) {
        CollectingSink sink = new CollectingSink();
        decoder.decodeKafka(key, value == null ? null : utf8(value), NOW, sink);
        return sink;
    }

    private static RejectedReading onlyRejection(CollectingSink sink) {
        assertThat(sink.accepted).isEmpty();
        assertThat(sink.rejected).hasSize(1);
        return sink.rejected.get(0);
    }

    // ---------------------------------------------------------------- MQTT, good

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # topic                              | payload                                                                      | tag                             | eventTimeMillis | value   | unit
            sensors/P-101/temp                   | {"value": 71.3, "unit": "degC", "timestamp": "2026-11-20T10:15:30.250Z"}     | P-101/temp                      | 1795169730250   | 71.3    | degC
            sensors/P-101/temp                   | {"value": 71.3}                                                              | P-101/temp                      | 1795169730000   | 71.3    | ``
            sensors/P-101/temp                   | {"value": 71.3, "timestamp": null, "unit": null}                             | P-101/temp                      | 1795169730000   | 71.3    | ``
            sensors/P-101/temp                   | {"value": -40, "timestamp": "2026-11-20T11:15:30+01:00"}                     | P-101/temp                      | 1795169730000   | -40.0   | ``
            sensors/P-101/temp                   | {"value": 0, "timestamp": 1795169700000}                                     | P-101/temp                      | 1795169700000   | 0.0     | ``
            sensors/P-101/temp                   | {"value": 1e12, "timestamp": 1795170030000}                                  | P-101/temp                      | 1795170030000   | 1.0E12  | ``
            sensors/P-101/temp                   | {"value": -1e12, "timestamp": 1794564930000}                                 | P-101/temp                      | 1794564930000   | -1.0E12 | ``
            sensors/P-101/temp                   | {"value": 2.5, "unit": "µS/cm", "quality": "good", "seq": 7, "x": {"a": [1]}} | P-101/temp                      | 1795169730000   | 2.5     | µS/cm
            sensors/P-101/temp                   | {"value": 3, "sensor": "pressure"}                                           | P-101/pressure                  | 1795169730000   | 3.0     | ``
            sensors/P-101/temp                   | {"value": 3, "sensor": null}                                                 | P-101/temp                      | 1795169730000   | 3.0     | ``
            sensors/line_1.pump-2/flow.rate      | {"value": 12}                                                                | line_1.pump-2/flow.rate         | 1795169730000   | 12.0    | ``
            """)
    void goodMqttMessageBecomesExactlyOneReading(String topic, String payload, String tag, long eventTime,
            double value, String unit) {
        CollectingSink sink = mqtt(topic, payload);

        assertThat(sink.rejected).isEmpty();
        assertThat(sink.accepted).containsExactly(new Reading(tag, eventTime, value, unit));
    }

    @Test
    void byteOrderMarkIsSkipped() {
        CollectingSink sink = mqtt(TOPIC, "\uFEFF{\"value\": 1}");

        assertThat(sink.rejected).isEmpty();
        assertThat(sink.accepted).containsExactly(new Reading("P-101/temp", NOW, 1.0, ""));
    }

    @Test
    void withoutReceiveTimeTheClockGivesIt() {
        CollectingSink sink = new CollectingSink();
        decoder.decode(TOPIC, utf8("{\"value\": 5}"), sink);
        decoder.decodeKafka("P-101", utf8("{\"value\": 6, \"sensor\": \"temp\"}"), sink);

        assertThat(sink.accepted).containsExactly(new Reading("P-101/temp", NOW, 5.0, ""),
                new Reading("P-101/temp", NOW, 6.0, ""));
    }

    // ---------------------------------------------------------------- MQTT, bad (whole message)

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # topic                   | payload                                          | reason
            sensors/P-101             | {"value": 1}                                     | topic 'sensors/P-101' does not match pattern sensors/{device}/{sensor} (expected 3 levels, found 2)
            sensors/P-101/temp/x      | {"value": 1}                                     | topic 'sensors/P-101/temp/x' does not match pattern sensors/{device}/{sensor} (expected 3 levels, found 4)
            plant/P-101/temp          | {"value": 1}                                     | topic 'plant/P-101/temp' does not match pattern sensors/{device}/{sensor} (level 1 is 'plant', expected 'sensors')
            ``                        | {"value": 1}                                     | topic is empty; expected sensors/{device}/{sensor}
            sensors/+/temp            | {"value": 1}                                     | topic 'sensors/+/temp': device id '+' must be 1-64 characters of letters, digits, '-', '_' or '.'
            sensors/P-101/#           | {"value": 1}                                     | topic 'sensors/P-101/#': sensor id '#' must be 1-64 characters of letters, digits, '-', '_' or '.'
            sensors/P 101/temp        | {"value": 1}                                     | topic 'sensors/P 101/temp': device id 'P 101' must be 1-64 characters of letters, digits, '-', '_' or '.'
            sensors/Pümpe/temp        | {"value": 1}                                     | topic 'sensors/Pümpe/temp': device id 'Pümpe' must be 1-64 characters of letters, digits, '-', '_' or '.'
            sensors//temp             | {"value": 1}                                     | topic 'sensors//temp': device id '' must be 1-64 characters of letters, digits, '-', '_' or '.'
            sensors/P-101/temp        | ``                                               | payload is empty; expected a JSON object or array
            sensors/P-101/temp        | '   '                                            | payload is empty; expected a JSON object or array
            sensors/P-101/temp        | 42                                               | payload is a number, expected a JSON object {"value": ...} or an array of them
            sensors/P-101/temp        | "71.3"                                           | payload is a string, expected a JSON object {"value": ...} or an array of them
            sensors/P-101/temp        | null                                             | payload is null, expected a JSON object {"value": ...} or an array of them
            sensors/P-101/temp        | []                                               | payload is an empty JSON array; a batch needs at least one reading
            sensors/P-101/temp        | {"unit": "degC"}                                 | "value" is missing
            sensors/P-101/temp        | {"value": "71.3"}                                | "value" must be a JSON number, found a string "71.3" (send numbers unquoted)
            sensors/P-101/temp        | {"value": "NaN"}                                 | "value" must be a JSON number, found a string "NaN" (send numbers unquoted)
            sensors/P-101/temp        | {"value": null}                                  | "value" must be a JSON number, found null
            sensors/P-101/temp        | {"value": true}                                  | "value" must be a JSON number, found a boolean
            sensors/P-101/temp        | {"value": [1]}                                   | "value" must be a JSON number, found an array
            sensors/P-101/temp        | {"value": 1e400}                                 | "value" is out of range (too large for a finite double)
            sensors/P-101/temp        | {"value": 1.5e13}                                | "value" 1.5E13 exceeds the limit of ±1.0E12; check the gateway's scaling
            sensors/P-101/temp        | {"value": -1000000000001}                        | "value" -1000000000001 exceeds the limit of ±1.0E12; check the gateway's scaling
            sensors/P-101/temp        | {"value": 123456789012345678901234567890}        | "value" 123456789012345678901234567890 exceeds the limit of ±1.0E12; check the gateway's scaling
            sensors/P-101/temp        | {"value": 1, "unit": 5}                          | "unit" must be a string, found a number
            sensors/P-101/temp        | {"value": 1, "sensor": 7}                        | "sensor" must be a string, found a number
            sensors/P-101/temp        | {"value": 1, "sensor": "a+b"}                    | sensor id 'a+b' must be 1-64 characters of letters, digits, '-', '_' or '.'
            sensors/P-101/temp        | {"value": 1, "timestamp": true}                  | "timestamp" must be an ISO-8601 string or epoch milliseconds, found a boolean
            sensors/P-101/temp        | {"value": 1, "timestamp": {}}                    | "timestamp" must be an ISO-8601 string or epoch milliseconds, found an object
            sensors/P-101/temp        | {"value": 1, "timestamp": "yesterday"}           | "timestamp" "yesterday" is not an ISO-8601 instant with offset (2026-11-20T10:15:30.250Z)
            sensors/P-101/temp        | {"value": 1, "timestamp": "2026-11-20T10:15:30"} | "timestamp" "2026-11-20T10:15:30" is not an ISO-8601 instant with offset (2026-11-20T10:15:30.250Z)
            sensors/P-101/temp        | {"value": 1, "timestamp": "1795169730000"}       | "timestamp" "1795169730000" is not an ISO-8601 instant with offset (2026-11-20T10:15:30.250Z)
            sensors/P-101/temp        | {"value": 1, "timestamp": 1795169730000.5}       | "timestamp" 1.7951697300005E12 must be whole epoch milliseconds (an integer), not a fraction
            sensors/P-101/temp        | {"value": 1, "timestamp": 99999999999999999999}  | "timestamp" 99999999999999999999 is out of range for epoch milliseconds
            sensors/P-101/temp        | {"value": 1, "timestamp": 1795170030001}         | "timestamp" 2026-11-20T10:20:30.001Z is more than 5 min ahead of the receive time 2026-11-20T10:15:30Z; check the device clock
            sensors/P-101/temp        | {"value": 1, "timestamp": "2026-11-12T10:15:30Z"} | "timestamp" 2026-11-12T10:15:30Z is more than 7 days behind the receive time 2026-11-20T10:15:30Z; check the device clock, or import old data as a recording
            sensors/P-101/temp        | {"value": 1, "timestamp": -9223372036854775808}  | "timestamp" -292275055-05-16T16:47:04.192Z is more than 7 days behind the receive time 2026-11-20T10:15:30Z; check the device clock, or import old data as a recording
            """)
    void badMqttMessageIsRejectedAsAWholeWithItsReason(String topic, String payload, String reason) {
        String body = payload.equals("'   '") ? "   " : payload;   // CSV trims bare blanks
        RejectedReading r = onlyRejection(mqtt(topic, body));

        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.position()).isEqualTo(-1);
        assertThat(r.source()).isEqualTo(topic);
        assertThat(r.raw()).isEqualTo(body);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # payload                                   | Jackson's words, in the reason
            {"value": NaN}                              | NaN
            {"value": Infinity}                         | Infinity
            {"value": -Infinity}                        | Infinity
            [{"value": 1}, {"value": NaN}]              | NaN
            {"value": 1                                 | end-of-input
            {"value": 1}}                               | Unexpected close marker
            {"value": 1} {"value": 2}                   | Trailing token
            {value: 1}                                  | Unexpected character
            {"value": 1, "value": 2}                    | Duplicate field 'value'
            {'value': 1}                                | Unexpected character
            {"value": 01}                               | Leading zeroes
            not json                                    | Unrecognized token 'not'
            """)
    void invalidJsonIsRejectedAsAWholeWithJacksonsExplanation(String payload, String words) {
        RejectedReading r = onlyRejection(mqtt(TOPIC, payload));

        assertThat(r.reason()).startsWith("payload is not valid JSON: ").contains(words).contains("(line 1, column ");
        assertThat(r.position()).isEqualTo(-1);
        assertThat(r.raw()).isEqualTo(payload);
    }

    @Test
    void nestingDeeperThanTheLimitIsRejectedAsInvalidJson() {
        String deep = "[".repeat(PayloadDecoder.MAX_NESTING + 1) + "]".repeat(PayloadDecoder.MAX_NESTING + 1);

        RejectedReading r = onlyRejection(mqtt(TOPIC, deep));

        assertThat(r.reason()).startsWith("payload is not valid JSON: ").contains("nesting depth");
    }

    @Test
    void invalidUtf8IsRejectedWithTheOffsetOfTheBadByte() {
        byte[] payload = {'{', '"', 'v', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        CollectingSink sink = new CollectingSink();
        decoder.decode(TOPIC, payload, NOW, sink);

        RejectedReading r = onlyRejection(sink);
        assertThat(r.reason()).isEqualTo("payload is not valid UTF-8 (bad byte sequence at byte 3); "
                + "send JSON encoded as UTF-8");
        assertThat(r.raw()).isEqualTo("{\"v\uFFFD(\":1}");
    }

    @Test
    void nullPayloadIsRejectedAsEmpty() {
        RejectedReading r = onlyRejection(mqtt(TOPIC, null));

        assertThat(r.reason()).isEqualTo("payload is empty; expected a JSON object or array");
        assertThat(r.raw()).isEmpty();
    }

    @Test
    void payloadOverTheSizeLimitIsRejectedBeforeParsingWithItsHeadKept() {
        byte[] mega = new byte[1024 * 1024];
        Arrays.fill(mega, (byte) '[');   // would be too deep to parse: the size check must come first

        CollectingSink sink = new CollectingSink();
        decoder.decode(TOPIC, mega, NOW, sink);

        RejectedReading r = onlyRejection(sink);
        assertThat(r.reason()).isEqualTo("payload is 1048576 bytes, more than the limit of 262144 bytes; split the batch");
        assertThat(r.raw()).hasSize(PayloadDecoder.MAX_RAW).startsWith("[[[[").endsWith("…");
    }

    @Test
    void payloadOfExactlyTheSizeLimitIsParsed() {
        String json = "{\"value\": 1}";
        String padded = json + " ".repeat(PayloadLimits.DEFAULT_MAX_BYTES - json.length());

        CollectingSink sink = mqtt(TOPIC, padded);

        assertThat(sink.rejected).isEmpty();
        assertThat(sink.accepted).hasSize(1);
    }

    @Test
    void longRawTextIsTruncatedTo1024CharactersEndingInAnEllipsis() {
        String payload = "{\"note\": \"" + "x".repeat(5000) + "\"}";

        RejectedReading r = onlyRejection(mqtt(TOPIC, payload));

        assertThat(r.reason()).isEqualTo("\"value\" is missing");
        assertThat(r.raw()).hasSize(1024).isEqualTo(payload.substring(0, 1023) + "…");
    }

    @ParameterizedTest(name = "[{index}] {0} x before the emoji")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # x's  | raw ends with | raw length
            1011   | x😀…           | 1024
            1012   | xx…           | 1023
            """)
    void truncationNeverSplitsASurrogatePair(int xs, String ending, int length) {
        String payload = "{\"note\": \"" + "x".repeat(xs) + "😀😀😀\"}";   // 10 characters before the x's

        RejectedReading r = onlyRejection(mqtt(TOPIC, payload));

        assertThat(r.raw()).hasSize(length).endsWith(ending);
    }

    // ---------------------------------------------------------------- batches

    @Test
    void batchAcceptsGoodElementsAndRejectsEachBadOneWithItsIndex() {
        String payload = """
                [{"value": 1, "timestamp": 1795169700000},
                 {"value": "2"},
                 {"value": 3, "sensor": "pressure", "unit": "bar"},
                 5,
                 [{"value": 4}],
                 {"value": 6, "timestamp": "2030-01-01T00:00:00Z"},
                 {"value": 7, "sensor": "a#b"}]""";

        CollectingSink sink = mqtt(TOPIC, payload);

        assertThat(sink.accepted).containsExactly(
                new Reading("P-101/temp", 1795169700000L, 1.0, ""),
                new Reading("P-101/pressure", NOW, 3.0, "bar"));
        assertThat(sink.rejected).extracting(RejectedReading::position).containsExactly(1L, 3L, 4L, 5L, 6L);
        assertThat(sink.rejected).extracting(RejectedReading::reason).containsExactly(
                "element 1: \"value\" must be a JSON number, found a string \"2\" (send numbers unquoted)",
                "element 3: is a number, expected a JSON object with \"value\"",
                "element 4: is an array, expected a JSON object with \"value\"",
                "element 5: \"timestamp\" 2030-01-01T00:00:00Z is more than 5 min ahead of the receive time "
                        + "2026-11-20T10:15:30Z; check the device clock",
                "element 6: sensor id 'a#b'" + NAMING);
        assertThat(sink.rejected).extracting(RejectedReading::raw).containsExactly(
                "{\"value\":\"2\"}", "5", "[{\"value\":4}]",
                "{\"value\":6,\"timestamp\":\"2030-01-01T00:00:00Z\"}", "{\"value\":7,\"sensor\":\"a#b\"}");
        assertThat(sink.rejected).extracting(RejectedReading::source).containsOnly(TOPIC);
    }

    @Test
    void batchOfExactlyMaxElementsIsDecodedAndOneMoreIsRejectedAsAWhole() {
        PayloadDecoder small = new PayloadDecoder(new PayloadLimits(1024, 3, 1e12, Duration.ofMinutes(5),
                Duration.ofDays(7)), CLOCK);
        CollectingSink three = new CollectingSink();
        CollectingSink four = new CollectingSink();

        small.decode(TOPIC, utf8("[{\"value\":1},{\"value\":2},{\"value\":3}]"), NOW, three);
        small.decode(TOPIC, utf8("[{\"value\":1},{\"value\":2},{\"value\":3},{\"value\":4}]"), NOW, four);

        assertThat(three.accepted).hasSize(3);
        assertThat(three.rejected).isEmpty();
        RejectedReading r = onlyRejection(four);
        assertThat(r.reason()).isEqualTo("batch has 4 elements, more than the limit of 3; split the batch");
        assertThat(r.position()).isEqualTo(-1);
    }

    @Test
    void customLimitsAreTheOnesInTheReasons() {
        PayloadDecoder strict = new PayloadDecoder(new PayloadLimits(64, 10, 100, Duration.ofSeconds(30),
                Duration.ofHours(1)), CLOCK);
        CollectingSink sink = new CollectingSink();

        strict.decode(TOPIC, utf8("[{\"value\":101},{\"value\":1,\"timestamp\":1795169761000}]"), NOW, sink);
        strict.decode(TOPIC, utf8("{\"value\":1,\"timestamp\":1795166129999}"), NOW, sink);
        strict.decode(TOPIC, utf8("{\"value\":1,\"pad\":\"" + "x".repeat(60) + "\"}"), NOW, sink);

        assertThat(sink.accepted).isEmpty();
        assertThat(sink.rejected).extracting(RejectedReading::reason).containsExactly(
                "element 0: \"value\" 101 exceeds the limit of ±100.0; check the gateway's scaling",
                "element 1: \"timestamp\" 2026-11-20T10:16:01Z is more than 30 s ahead of the receive time "
                        + "2026-11-20T10:15:30Z; check the device clock",
                "\"timestamp\" 2026-11-20T09:15:29.999Z is more than 1 h behind the receive time "
                        + "2026-11-20T10:15:30Z; check the device clock, or import old data as a recording",
                "payload is 80 bytes, more than the limit of 64 bytes; split the batch");
    }

    // ---------------------------------------------------------------- Kafka

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # key      | value                                                                         | tag            | eventTimeMillis | value | unit
            P-101      | {"sensor": "temp", "value": 71.3, "unit": "degC", "timestamp": "2026-11-20T10:15:30.250Z"} | P-101/temp     | 1795169730250   | 71.3  | degC
            P-101      | {"sensor": "flow", "value": 32}                                               | P-101/flow     | 1795169730000   | 32.0  | ``
            M_3.01     | {"value": -1.5, "sensor": "vib.x", "timestamp": 1795169000000, "extra": [1, 2]} | M_3.01/vib.x   | 1795169000000   | -1.5  | ``
            """)
    void goodKafkaRecordBecomesExactlyOneReading(String key, String value, String tag, long eventTime,
            double v, String unit) {
        CollectingSink sink = kafka(key, value);

        assertThat(sink.rejected).isEmpty();
        assertThat(sink.accepted).containsExactly(new Reading(tag, eventTime, v, unit));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # key      | value                                    | source        | reason
            P-101      | {"value": 71.3}                          | kafka:P-101   | "sensor" is missing; Kafka values must name the sensor (the key is the device)
            P-101      | {"value": 71.3, "sensor": ""}            | kafka:P-101   | sensor id '' must be 1-64 characters of letters, digits, '-', '_' or '.'
            P-101      | {"value": 71.3, "sensor": "t/x"}         | kafka:P-101   | sensor id 't/x' must be 1-64 characters of letters, digits, '-', '_' or '.'
            P-101      | {"value": "71.3", "sensor": "temp"}      | kafka:P-101   | "value" must be a JSON number, found a string "71.3" (send numbers unquoted)
            ``         | {"value": 71.3, "sensor": "temp"}        | kafka:        | Kafka record has no key; the key must be the device id
            P+101      | {"value": 71.3, "sensor": "temp"}        | kafka:P+101   | Kafka key: device id 'P+101' must be 1-64 characters of letters, digits, '-', '_' or '.'
            P-101/a    | {"value": 71.3, "sensor": "temp"}        | kafka:P-101/a | Kafka key: device id 'P-101/a' must be 1-64 characters of letters, digits, '-', '_' or '.'
            Gerät      | {"value": 71.3, "sensor": "temp"}        | kafka:Gerät   | Kafka key: device id 'Gerät' must be 1-64 characters of letters, digits, '-', '_' or '.'
            P-101      | [ ]                                      | kafka:P-101   | payload is an empty JSON array; a batch needs at least one reading
            P-101      | true                                     | kafka:P-101   | payload is a boolean, expected a JSON object {"value": ...} or an array of them
            """)
    void badKafkaRecordIsRejectedAsAWholeWithItsReason(String key, String value, String source, String reason) {
        RejectedReading r = onlyRejection(kafka(key, value));

        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.source()).isEqualTo(source);
        assertThat(r.position()).isEqualTo(-1);
        assertThat(r.raw()).isEqualTo(value);
    }

    @Test
    void nullKafkaKeyIsRejected() {
        RejectedReading r = onlyRejection(kafka(null, "{\"value\": 1, \"sensor\": \"temp\"}"));

        assertThat(r.reason()).isEqualTo("Kafka record has no key; the key must be the device id");
        assertThat(r.source()).isEqualTo("kafka:");
    }

    @Test
    void kafkaBatchNeedsASensorInEveryElement() {
        CollectingSink sink = kafka("P-101", "[{\"sensor\":\"temp\",\"value\":1},{\"value\":2},"
                + "{\"sensor\":\"flow\",\"value\":3}]");

        assertThat(sink.accepted).containsExactly(new Reading("P-101/temp", NOW, 1.0, ""),
                new Reading("P-101/flow", NOW, 3.0, ""));
        assertThat(sink.rejected).singleElement().satisfies(r -> {
            assertThat(r.position()).isEqualTo(1);
            assertThat(r.source()).isEqualTo("kafka:P-101");
            assertThat(r.reason()).isEqualTo(
                    "element 1: \"sensor\" is missing; Kafka values must name the sensor (the key is the device)");
        });
    }

    // ---------------------------------------------------------------- topic patterns and limits

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # pattern                        | topic                    | tag or reason
            plant/+/{sensor}/{device}        | plant/A1/temp/P-1        | P-1/temp
            plant/+/{sensor}/{device}        | plant/A1/temp            | topic 'plant/A1/temp' does not match pattern plant/+/{sensor}/{device} (expected 4 levels, found 3)
            {device}/{sensor}                | P-1/temp                 | P-1/temp
            {device}/{sensor}                | P-1/+                    | topic 'P-1/+': sensor id '+' must be 1-64 characters of letters, digits, '-', '_' or '.'
            site/{device}/data/{sensor}      | site/P-1/Data/temp       | topic 'site/P-1/Data/temp' does not match pattern site/{device}/data/{sensor} (level 3 is 'Data', expected 'data')
            """)
    void configuredTopicPatternNamesDeviceAndSensor(String pattern, String topic, String expected) {
        PayloadDecoder custom = new PayloadDecoder(PayloadLimits.defaults(), TopicPattern.parse(pattern), CLOCK);
        CollectingSink sink = new CollectingSink();

        custom.decode(topic, utf8("{\"value\": 1}"), NOW, sink);

        if (expected.startsWith("topic ")) {
            assertThat(onlyRejection(sink).reason()).isEqualTo(expected);
        } else {
            assertThat(sink.rejected).isEmpty();
            assertThat(sink.accepted).extracting(Reading::tag).containsExactly(expected);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # pattern                        | message
            sensors/{device}                 | topic pattern 'sensors/{device}' must contain {device} and {sensor}
            {device}/{device}/{sensor}       | topic pattern '{device}/{device}/{sensor}' has {device} twice
            {device}/{sensor}/{sensor}       | topic pattern '{device}/{sensor}/{sensor}' has {sensor} twice
            sensors//{device}/{sensor}       | topic pattern 'sensors//{device}/{sensor}' has an empty level
            sensors/#/{device}/{sensor}      | topic pattern 'sensors/#/{device}/{sensor}': level '#' must be {device}, {sensor}, + or a literal without + # { }
            s{x}/{device}/{sensor}           | topic pattern 's{x}/{device}/{sensor}': level 's{x}' must be {device}, {sensor}, + or a literal without + # { }
            """)
    void invalidTopicPatternIsRefusedWithTheReason(String pattern, String message) {
        assertThatThrownBy(() -> TopicPattern.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # maxBytes | maxElements | maxAbsValue | maxFuture | maxPast | message
            0          | 10          | 1e12        | PT5M      | P7D     | maxBytes must be positive, was 0
            1024       | 0           | 1e12        | PT5M      | P7D     | maxElements must be positive, was 0
            1024       | 10          | 0           | PT5M      | P7D     | maxAbsValue must be finite and positive, was 0.0
            1024       | 10          | Infinity    | PT5M      | P7D     | maxAbsValue must be finite and positive, was Infinity
            1024       | 10          | 1e12        | PT-1S     | P7D     | maxFuture and maxPast must not be negative, were PT-1S and PT168H
            """)
    void invalidLimitsAreRefused(int maxBytes, int maxElements, double maxAbs, Duration future, Duration past,
            String message) {
        assertThatThrownBy(() -> new PayloadLimits(maxBytes, maxElements, maxAbs, future, past))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void defaultLimitsAreTheDocumentedOnes() {
        assertThat(PayloadLimits.defaults()).isEqualTo(new PayloadLimits(262_144, 10_000, 1e12,
                Duration.ofMinutes(5), Duration.ofDays(7)));
    }

    @Test
    void longTopicIsClippedInSourceAndReason() {
        String topic = "sensors/" + "d".repeat(1000) + "/temp";

        RejectedReading r = onlyRejection(mqtt(topic, "{\"value\": 1}"));

        assertThat(r.source()).hasSize(PayloadDecoder.MAX_SOURCE).endsWith("…");
        assertThat(r.reason()).hasSizeLessThanOrEqualTo(1000).startsWith("topic 'sensors/ddd");
    }
}
