package io.plantwatch.ingest.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import io.plantwatch.ingest.ReadingSink;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 100,000 generated payloads through {@link PayloadDecoder}, from a fixed seed (a failure names the
 * message so that it can be reproduced).
 *
 * <p>Accounting. Each generated message has a number of <em>units</em>: 1 for a message that must
 * be rejected as a whole or that is a single object, {@code n} for a JSON array of {@code n}
 * elements that passes the message-level checks. For every message whose outcome the generator
 * knows (all but random garbage), the decoder must deliver exactly the expected readings (tags in
 * order) and exactly the expected rejection positions ({@code -1} for the whole message, else the
 * bad elements' indices); for random garbage it must deliver exactly one outcome, a rejection
 * having position {@code -1}. So accepted + rejected = units, per message and in total, and no
 * exception escapes.
 */
class PayloadFuzzTest {

    private static final long SEED = 20_261_120L;
    private static final int MESSAGES = 100_000;
    private static final long NOW = 1_795_169_730_000L;
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    private static final String[] UNITS = {"degC", "bar", "L/min", "µS/cm", "m³/h", "%", "", "rpm"};
    private static final String[] BAD_IDS = {"P+1", "#", "+", "a b", "Pümpe", "dév", "😀", "", "x".repeat(65),
            "a/b", "tab\tid", "nul\u0000", "new\nline", "日本"};

    private final PayloadDecoder decoder = new PayloadDecoder(PayloadLimits.defaults(),
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    private final Random rnd = new Random(SEED);

    /** What one generated message must produce; {@code tags == null} means "one outcome, any". */
    private record Case(boolean kafka, String id, byte[] payload, List<String> tags, List<Long> positions,
            String kind) {

        int units() {
            return tags == null ? 1 : tags.size() + positions.size();
        }
    }

    /** One element's JSON and, when it is good, the tag it must become. */
    private record Element(String json, String tag) {
    }

    /** Counts one message's outcomes. */
    private static final class Outcomes implements ReadingSink {
        final List<String> tags = new ArrayList<>();
        final List<Long> positions = new ArrayList<>();
        String badRejection;

        @Override
        public void accept(Reading reading) {
            tags.add(reading.tag());
        }

        @Override
        public void reject(RejectedReading r) {
            positions.add(r.position());
            if (r.reason() == null || r.reason().isBlank() || r.raw() == null
                    || r.raw().length() > PayloadDecoder.MAX_RAW || r.source().length() > PayloadDecoder.MAX_SOURCE) {
                badRejection = r.toString();
            }
        }
    }

    @Test
    void everyGeneratedMessageIsAcceptedOrRejectedUnitForUnitAndNothingThrows() {
        List<String> failures = new ArrayList<>();
        long units = 0;
        long accepted = 0;
        long rejected = 0;
        long wholeRejections = 0;
        for (int i = 0; i < MESSAGES; i++) {
            Case c = generate(i);
            Outcomes out = new Outcomes();
            try {
                if (c.kafka()) {
                    decoder.decodeKafka(c.id(), c.payload(), NOW, out);
                } else {
                    decoder.decode(c.id(), c.payload(), NOW, out);
                }
            } catch (RuntimeException | Error e) {
                failures.add(describe(i, c) + " threw " + e);
                continue;
            }
            units += c.units();
            accepted += out.tags.size();
            rejected += out.positions.size();
            wholeRejections += out.positions.contains(-1L) ? 1 : 0;
            String problem = check(c, out);
            if (problem != null) {
                String text = describe(i, c) + ": " + problem;
                failures.add(text.length() > 2000 ? text.substring(0, 2000) + "…" : text);
            }
        }

        assertThat(failures.subList(0, Math.min(20, failures.size())))
                .as("first of %d failures", failures.size()).isEmpty();
        assertThat(accepted + rejected).isEqualTo(units);
        // The mix really exercised both sides and both kinds of rejection.
        assertThat(accepted).isGreaterThan(MESSAGES / 2);
        assertThat(wholeRejections).isGreaterThan(MESSAGES / 4);
        assertThat(rejected - wholeRejections).isGreaterThan(MESSAGES / 10);
    }

    private static String check(Case c, Outcomes out) {
        if (out.badRejection != null) {
            return "rejection without reason or over the size limits: " + out.badRejection;
        }
        if (c.tags() == null) {
            boolean one = out.tags.size() + out.positions.size() == 1;
            return one && (out.positions.isEmpty() || out.positions.get(0) == -1L) ? null
                    : "expected one outcome, got readings " + out.tags + " and rejections at " + out.positions;
        }
        if (!out.tags.equals(c.tags()) || !out.positions.equals(c.positions())) {
            return "expected readings " + c.tags() + " and rejections at " + c.positions() + ", got "
                    + out.tags + " and " + out.positions;
        }
        return null;
    }

    private static String describe(int i, Case c) {
        String text = c.payload() == null ? "null" : new String(c.payload(), 0, Math.min(300, c.payload().length),
                StandardCharsets.UTF_8);
        return "message " + i + " (" + c.kind() + ", " + (c.kafka() ? "key " : "topic ") + c.id() + "): " + text;
    }

    // ------------------------------------------------------------------ generator

    private Case generate(int i) {
        if (i % 20_000 == 7) {
            return oneMegabyte();
        }
        if (i % 25_000 == 11) {
            return tooManyElements();
        }
        if (i == 50_001) {
            return fullBatch();
        }
        int roll = rnd.nextInt(100);
        if (roll < 15) {
            return batch(false, 1, 0.0, "valid single mqtt");
        } else if (roll < 25) {
            return batch(true, 1, 0.0, "valid single kafka");
        } else if (roll < 40) {
            return batch(false, 1 + rnd.nextInt(30), 0.3, "mqtt batch");
        } else if (roll < 50) {
            return batch(true, 1 + rnd.nextInt(30), 0.3, "kafka batch");
        } else if (roll < 58) {
            return batch(rnd.nextBoolean(), 1, 1.0, "bad single");
        } else if (roll < 66) {
            return garbage();
        } else if (roll < 74) {
            return truncated();
        } else if (roll < 79) {
            return nonNumericLiteral();
        } else if (roll < 83) {
            return nestedArrays();
        } else if (roll < 89) {
            return badTopicOrKey();
        } else if (roll < 93) {
            return empty();
        } else if (roll < 97) {
            return scalar();
        } else {
            return duplicateKey();
        }
    }

    private Case batch(boolean kafka, int n, double badShare, String kind) {
        String device = id();
        String topicSensor = id();
        boolean array = n > 1 || rnd.nextInt(4) == 0;
        List<Element> elements = new ArrayList<>();
        for (int e = 0; e < n; e++) {
            elements.add(rnd.nextDouble() < badShare ? badElement(kafka, device)
                    : goodElement(kafka, device, topicSensor));
        }
        // A lone element that is itself an array makes the payload a batch.
        array |= elements.get(0).json().startsWith("[");
        List<String> tags = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        StringBuilder json = new StringBuilder(array ? "[" : "");
        for (int e = 0; e < n; e++) {
            Element el = elements.get(e);
            if (e > 0) {
                json.append(',');
            }
            json.append(el.json());
            if (el.tag() != null) {
                tags.add(el.tag());
            } else {
                positions.add(array ? e : -1L);
            }
        }
        if (array) {
            json.append(']');
        }
        return new Case(kafka, kafka ? device : "sensors/" + device + "/" + topicSensor, utf8(json.toString()),
                tags, positions, kind);
    }

    private Element goodElement(boolean kafka, String device, String topicSensor) {
        List<String> fields = new ArrayList<>();
        fields.add("\"value\":" + goodValue());
        String sensor = topicSensor;
        if (kafka || rnd.nextInt(3) == 0) {
            sensor = id();
            fields.add("\"sensor\":\"" + sensor + "\"");
        }
        if (rnd.nextBoolean()) {
            fields.add("\"unit\":\"" + UNITS[rnd.nextInt(UNITS.length)] + "\"");
        }
        String ts = goodTimestamp();
        if (ts != null) {
            fields.add("\"timestamp\":" + ts);
        }
        if (rnd.nextInt(5) == 0) {
            fields.add("\"quality\":" + (rnd.nextBoolean() ? "\"good\"" : "{\"code\":[1,2,3]}"));
        }
        java.util.Collections.shuffle(fields, rnd);
        return new Element("{" + String.join(",", fields) + "}", device + "/" + sensor);
    }

    private Element badElement(boolean kafka, String device) {
        String sensor = "\"sensor\":\"" + id() + "\",";
        String good = "\"value\":1";
        String json = switch (rnd.nextInt(kafka ? 22 : 21)) {
            case 0 -> "{" + sensor + "\"unit\":\"bar\"}";
            case 1 -> "{" + sensor + "\"value\":\"71.3\"}";
            case 2 -> "{" + sensor + "\"value\":\"NaN\"}";
            case 3 -> "{" + sensor + "\"value\":\"-Infinity\"}";
            case 4 -> "{" + sensor + "\"value\":" + (rnd.nextBoolean() ? "true" : "null") + "}";
            case 5 -> "{" + sensor + "\"value\":" + (rnd.nextBoolean() ? "{}" : "[1.5]") + "}";
            case 6 -> "{" + sensor + "\"value\":" + hugeNumber() + "}";
            case 7 -> "{" + sensor + good + ",\"timestamp\":" + (rnd.nextBoolean() ? "false" : "[]") + "}";
            case 8 -> "{" + sensor + good + ",\"timestamp\":\"" + (rnd.nextBoolean() ? "yesterday" : "2026-11-20 10:15") + "\"}";
            case 9 -> "{" + sensor + good + ",\"timestamp\":" + (NOW + 0.5) + "}";
            case 10 -> "{" + sensor + good + ",\"timestamp\":" + (NOW + 300_001 + rnd.nextInt(1_000_000_000)) + "}";
            case 11 -> "{" + sensor + good + ",\"timestamp\":\""
                    + Instant.ofEpochMilli(NOW - 604_800_001L - rnd.nextInt(1_000_000_000)) + "\"}";
            case 12 -> "{" + sensor + good + ",\"unit\":" + rnd.nextInt(10) + "}";
            case 13 -> "{" + good + ",\"sensor\":\"" + jsonSafeBadId() + "\"}";
            case 14 -> "{" + good + ",\"sensor\":" + rnd.nextInt(100) + "}";
            case 15 -> String.valueOf(rnd.nextInt(100));
            case 16 -> "\"reading\"";
            case 17 -> "null";
            case 18 -> "[".repeat(1 + rnd.nextInt(10)) + "{\"value\":1}";
            case 19 -> "{" + sensor + good + ",\"timestamp\":99999999999999999999999}";
            case 20 -> "{" + sensor + "\"value\":\"\"}";
            default -> "{" + good + "}";   // Kafka only: no sensor
        };
        if (json.startsWith("[")) {
            // balance the nested arrays of case 18
            long open = json.chars().filter(ch -> ch == '[').count();
            long close = json.chars().filter(ch -> ch == ']').count();
            json = json + "]".repeat((int) (open - close));
        }
        return new Element(json, null);
    }

    private String goodValue() {
        return switch (rnd.nextInt(7)) {
            case 0 -> String.valueOf(rnd.nextInt(2001) - 1000);
            case 1 -> String.valueOf(rnd.nextDouble() * 200 - 100);
            case 2 -> (rnd.nextInt(9) + 1) + "." + rnd.nextInt(10) + "e" + (rnd.nextInt(21) - 10);
            case 3 -> rnd.nextBoolean() ? "1e12" : "-1000000000000";
            case 4 -> rnd.nextBoolean() ? "0" : "-0.0";
            case 5 -> String.valueOf(rnd.nextGaussian() * 1e-300);
            default -> String.valueOf((rnd.nextDouble() * 2 - 1) * 1e12);
        };
    }

    private String goodTimestamp() {
        long t = NOW - (long) (rnd.nextDouble() * 604_799_000L);
        if (rnd.nextInt(4) == 0) {
            t = NOW + rnd.nextInt(299_000);
        }
        return switch (rnd.nextInt(5)) {
            case 0 -> null;
            case 1 -> "null";
            case 2 -> String.valueOf(t);
            case 3 -> "\"" + Instant.ofEpochMilli(t) + "\"";
            default -> "\"" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    Instant.ofEpochMilli(t).atOffset(ZoneOffset.ofHoursMinutes(rnd.nextInt(12), 30))) + "\"";
        };
    }

    private String hugeNumber() {
        return switch (rnd.nextInt(5)) {
            case 0 -> "1e400";
            case 1 -> "-1.7976931348623157e309";
            case 2 -> "1000000000001";
            case 3 -> "-" + "9".repeat(40);
            default -> (rnd.nextInt(9) + 1) + "e" + (13 + rnd.nextInt(280));
        };
    }

    private Case garbage() {
        byte[] bytes = new byte[rnd.nextInt(200)];
        if (rnd.nextBoolean()) {
            rnd.nextBytes(bytes);
        } else {
            String chars = "{}[]\",:0123456789.eE+-truefalsnNaIfiy \\u😀é";
            StringBuilder sb = new StringBuilder();
            while (sb.length() < bytes.length) {
                sb.append(chars.charAt(rnd.nextInt(chars.length())));
            }
            bytes = utf8(sb.toString());
        }
        if (bytes.length > 0 && (bytes[0] == '[' || Character.isWhitespace(bytes[0]))) {
            bytes[0] = 'x';   // never an array, so never more than one outcome
        }
        return new Case(rnd.nextBoolean(), rnd.nextBoolean() ? "P-1" : "sensors/P-1/t", bytes, null, null, "garbage");
    }

    private Case truncated() {
        Case whole = rnd.nextBoolean() ? batch(false, 1 + rnd.nextInt(5), 0.2, "")
                : batch(true, 1 + rnd.nextInt(5), 0.2, "");
        byte[] cut = Arrays.copyOf(whole.payload(), rnd.nextInt(whole.payload().length));
        return new Case(whole.kafka(), whole.id(), cut, List.of(), List.of(-1L), "truncated");
    }

    private Case nonNumericLiteral() {
        String lit = List.of("NaN", "Infinity", "-Infinity", "+Infinity", "nan", "inf").get(rnd.nextInt(6));
        String json = rnd.nextBoolean() ? "{\"value\":" + lit + "}" : "[{\"value\":1},{\"value\":" + lit + "}]";
        return new Case(false, "sensors/P-1/t", utf8(json), List.of(), List.of(-1L), "non-numeric literal");
    }

    private Case nestedArrays() {
        int depth = 2 + rnd.nextInt(120);
        String json = "[".repeat(depth) + "{\"value\":1}" + "]".repeat(depth);
        boolean tooDeep = depth > PayloadDecoder.MAX_NESTING;   // the object adds one level
        return new Case(false, "sensors/P-1/t", utf8(json), List.of(),
                tooDeep || depth + 1 > PayloadDecoder.MAX_NESTING ? List.of(-1L) : List.of(0L), "nested arrays");
    }

    private Case badTopicOrKey() {
        Case good = batch(rnd.nextBoolean(), 1 + rnd.nextInt(4), 0.0, "");
        String bad = BAD_IDS[rnd.nextInt(BAD_IDS.length)];
        String id;
        if (good.kafka()) {
            id = rnd.nextInt(10) == 0 ? null : bad;
        } else {
            id = switch (rnd.nextInt(6)) {
                case 0 -> "sensors/" + bad + "/temp";
                case 1 -> "sensors/P-1/" + bad;
                case 2 -> "sensors/P-1";
                case 3 -> "sensors/P-1/temp/extra";
                case 4 -> rnd.nextBoolean() ? "" : null;
                default -> "Sensors/P-1/temp";
            };
        }
        return new Case(good.kafka(), id, good.payload(), List.of(), List.of(-1L), "bad topic or key");
    }

    private Case empty() {
        byte[] payload = switch (rnd.nextInt(3)) {
            case 0 -> null;
            case 1 -> new byte[0];
            default -> utf8(" \n\t ");
        };
        return new Case(rnd.nextBoolean(), rnd.nextBoolean() ? "P-1" : "sensors/P-1/t", payload, List.of(),
                List.of(-1L), "empty");
    }

    private Case scalar() {
        String json = List.of("42", "\"71.3\"", "true", "null", "-1e3", "[]", "\"{\\\"value\\\":1}\"").get(rnd.nextInt(7));
        return new Case(false, "sensors/P-1/t", utf8(json), List.of(), List.of(-1L), "scalar");
    }

    private Case duplicateKey() {
        return new Case(true, "P-1", utf8("{\"sensor\":\"t\",\"value\":1,\"value\":2}"), List.of(), List.of(-1L),
                "duplicate key");
    }

    private Case oneMegabyte() {
        StringBuilder sb = new StringBuilder("[");
        while (sb.length() < 1_048_576) {
            sb.append("{\"value\":1},");
        }
        sb.setLength(sb.length() - 1);
        sb.append(']');
        return new Case(false, "sensors/P-1/t", utf8(sb.toString()), List.of(), List.of(-1L), "1 MB");
    }

    /** Exactly the element limit, compact enough to stay under the byte limit. */
    private Case fullBatch() {
        StringBuilder sb = new StringBuilder("[");
        for (int e = 0; e < PayloadLimits.DEFAULT_MAX_ELEMENTS; e++) {
            sb.append(e == 0 ? "" : ",").append("{\"value\":").append(e).append('}');
        }
        sb.append(']');
        return new Case(false, "sensors/P-1/t", utf8(sb.toString()),
                java.util.Collections.nCopies(PayloadLimits.DEFAULT_MAX_ELEMENTS, "P-1/t"), List.of(), "full batch");
    }

    private Case tooManyElements() {
        String json = "[" + "{\"value\":1},".repeat(PayloadLimits.DEFAULT_MAX_ELEMENTS) + "{\"value\":1}]";
        return new Case(false, "sensors/P-1/t", utf8(json), List.of(), List.of(-1L), "too many elements");
    }

    private String id() {
        int len = rnd.nextInt(50) == 0 ? 64 : 1 + rnd.nextInt(12);
        StringBuilder sb = new StringBuilder(len);
        for (int k = 0; k < len; k++) {
            sb.append(ID_CHARS.charAt(rnd.nextInt(ID_CHARS.length())));
        }
        return sb.toString();
    }

    /** A bad id that is still legal inside a JSON string (no control characters). */
    private String jsonSafeBadId() {
        String id;
        do {
            id = BAD_IDS[rnd.nextInt(BAD_IDS.length)];
        } while (id.chars().anyMatch(ch -> ch < 0x20));
        return id;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
