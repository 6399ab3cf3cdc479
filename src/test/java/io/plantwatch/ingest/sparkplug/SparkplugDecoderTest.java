package io.plantwatch.ingest.sparkplug;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.domain.Reading;
import io.plantwatch.domain.RejectedReading;
import io.plantwatch.ingest.ReadingSink;
import io.plantwatch.ingest.payload.PayloadLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.PropertyDataType;
import org.eclipse.tahu.message.model.PropertySet;
import org.eclipse.tahu.message.model.PropertyValue;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.eclipse.tahu.model.MetricDataTypeMap;
import org.eclipse.tahu.protobuf.SparkplugBProto;
import org.junit.jupiter.api.Test;

/** Sparkplug B host behaviour on payloads encoded by Eclipse Tahu, the same library edge nodes use. */
class SparkplugDecoderTest {

    private static final long NOW = 1_790_000_000_000L;
    private static final String G = "spBv1.0/Plant1";

    /** A sink that keeps everything, including stale marks. */
    static final class Sink implements ReadingSink {
        final List<Reading> accepted = new ArrayList<>();
        final List<RejectedReading> rejected = new ArrayList<>();
        final List<String> stale = new ArrayList<>();
        final List<String> staleReasons = new ArrayList<>();

        @Override
        public void accept(Reading r) {
            accepted.add(r);
        }

        @Override
        public void reject(RejectedReading r) {
            rejected.add(r);
        }

        @Override
        public void stale(List<String> tags, long t, String reason) {
            stale.addAll(tags);
            staleReasons.add(reason);
        }
    }

    private final List<String> rebirths = new ArrayList<>();
    private final SparkplugDecoder decoder = new SparkplugDecoder(PayloadLimits.defaults(), Duration.ofSeconds(5),
            (topic, payload) -> rebirths.add(topic + " " + rebirthFlag(payload)));
    private final Sink sink = new Sink();

    static Metric metric(String name, Long alias, MetricDataType type, Object value, PropertySet props) {
        try {
            // Tahu stamps metrics with the current time unless told otherwise
            return new Metric.MetricBuilder(name, type, value).alias(alias).properties(props)
                    .timestamp(new Date(NOW)).createMetric();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Metric aliasOnly(long alias, MetricDataType type, Object value, Long timestamp) {
        try {
            Metric m = new Metric.MetricBuilder(alias, type, value).createMetric();
            if (timestamp != null) {
                m.setTimestamp(new Date(timestamp));
            }
            return m;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PropertySet unit(String key, String unit) {
        try {
            PropertySet ps = new PropertySet();
            ps.setProperty(key, new PropertyValue<>(PropertyDataType.String, unit));
            return ps;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] encode(Long seq, Long timestamp, Metric... metrics) {
        try {
            SparkplugBPayload p = new SparkplugBPayload.SparkplugBPayloadBuilder().setSeq(seq)
                    .setTimestamp(timestamp == null ? null : new Date(timestamp)).createPayload();
            for (Metric m : metrics) {
                p.addMetric(m);
            }
            return new SparkplugBPayloadEncoder().getBytes(p, false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A DATA payload as edge nodes send it: metrics by alias, without data type (Sparkplug B 3.0
     * says DATA SHOULD NOT repeat the type). Tahu's encoder cannot write that, so this uses Tahu's
     * protobuf classes directly.
     */
    static byte[] raw(Long seq, Long timestamp, SparkplugBProto.Payload.Metric... metrics) {
        var b = SparkplugBProto.Payload.newBuilder();
        if (seq != null) {
            b.setSeq(seq);
        }
        if (timestamp != null) {
            b.setTimestamp(timestamp);
        }
        for (var m : metrics) {
            b.addMetrics(m);
        }
        return b.build().toByteArray();
    }

    /** A metric with alias and value only. */
    static SparkplugBProto.Payload.Metric am(long alias, Object value, Long timestamp) {
        var m = SparkplugBProto.Payload.Metric.newBuilder().setAlias(alias);
        if (value instanceof Double d) {
            m.setDoubleValue(d);
        } else if (value instanceof Float f) {
            m.setFloatValue(f);
        } else if (value instanceof Boolean x) {
            m.setBooleanValue(x);
        } else {
            m.setLongValue(((Number) value).longValue());
        }
        if (timestamp != null) {
            m.setTimestamp(timestamp);
        }
        return m.build();
    }

    static String rebirthFlag(byte[] payload) {
        try {
            SparkplugBPayload p = new SparkplugBPayloadDecoder().buildFromByteArray(payload, new MetricDataTypeMap());
            Metric m = p.getMetrics().get(0);
            return m.getName() + "=" + m.getValue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void nbirth(long seq, long bdSeq) {
        decoder.decode(G + "/NBIRTH/E1", encode(seq, NOW - 1000,
                metric("bdSeq", null, MetricDataType.Int64, bdSeq, null),
                metric("Node Control/Rebirth", 1L, MetricDataType.Boolean, false, null),
                metric("Supply/Voltage", 2L, MetricDataType.Float, 229.5f, unit("engUnit", "V")),
                metric("Firmware", 3L, MetricDataType.String, "1.2.3", null)), NOW, sink);
    }

    private void dbirth(long seq) {
        decoder.decode(G + "/DBIRTH/E1/P-101", encode(seq, NOW - 900,
                metric("Outlet/Flow Rate", 10L, MetricDataType.Double, 12.5, unit("Units", "L/min")),
                metric("Running", 11L, MetricDataType.Boolean, true, null),
                metric("Count", 12L, MetricDataType.UInt32, 7L, null)), NOW, sink);
    }

    @Test
    void birthsGiveReadingsWithMappedTagNamesUnitsAndBooleansAsNumbers() {
        nbirth(0, 3);
        dbirth(1);

        assertThat(sink.rejected).isEmpty();
        assertThat(sink.accepted).containsExactly(
                new Reading("E1/Supply.Voltage", NOW, 229.5, "V"),
                new Reading("P-101/Outlet.Flow_Rate", NOW, 12.5, "L/min"),
                new Reading("P-101/Running", NOW, 1, ""),
                new Reading("P-101/Count", NOW, 7, ""));
        assertThat(decoder.skipped()).containsEntry("Sparkplug control metric", 2L)
                .containsEntry("metric type String is not a process value", 1L);
        assertThat(rebirths).isEmpty();
    }

    @Test
    void dataByAliasOnlyIsResolvedThroughTheBirthKeepingTheUnit() {
        nbirth(0, 3);
        dbirth(1);
        sink.accepted.clear();

        // edge nodes send DATA with alias and value only; the data type comes from the birth
        decoder.decode(G + "/DDATA/E1/P-101", raw(2L, NOW - 500,
                am(10, 13.0, NOW - 600),
                am(11, false, null)), NOW, sink);
        decoder.decode(G + "/NDATA/E1", encode(3L, NOW - 400,
                metric("Supply/Voltage", null, MetricDataType.Float, 231.0f, null)), NOW, sink);

        assertThat(sink.rejected).isEmpty();
        assertThat(sink.accepted).containsExactly(
                new Reading("P-101/Outlet.Flow_Rate", NOW - 600, 13.0, "L/min"),
                new Reading("P-101/Running", NOW - 500, 0, ""),
                new Reading("E1/Supply.Voltage", NOW, 231.0, "V"));
        assertThat(rebirths).isEmpty();
        assertThat(decoder.sequenceGaps()).isZero();
    }

    @Test
    void sequenceNumbersWrapAfter255WithoutAGap() {
        nbirth(254, 1);
        decoder.decode(G + "/NDATA/E1", raw(255L, NOW, am(2, 1.0f, null)), NOW,
                sink);
        decoder.decode(G + "/NDATA/E1", raw(0L, NOW, am(2, 2.0f, null)), NOW, sink);
        assertThat(sink.rejected).isEmpty();
        assertThat(decoder.sequenceGaps()).isZero();
        assertThat(sink.accepted).extracting(Reading::value).containsExactly(229.5, 1.0, 2.0);
    }

    @Test
    void aSequenceGapRequestsExactlyOneRebirthAndIsKeptAsADeadLetter() {
        nbirth(0, 3);
        decoder.decode(G + "/NDATA/E1", raw(1L, NOW, am(2, 1.0f, null)), NOW, sink);
        decoder.decode(G + "/NDATA/E1", raw(4L, NOW, am(2, 2.0f, null)), NOW + 10,
                sink);
        decoder.decode(G + "/NDATA/E1", raw(5L, NOW, am(2, 3.0f, null)), NOW + 20,
                sink);
        decoder.decode(G + "/NDATA/E1", raw(9L, NOW, am(2, 4.0f, null)), NOW + 30,
                sink);

        assertThat(rebirths).containsExactly("spBv1.0/Plant1/NCMD/E1 Node Control/Rebirth=true");
        assertThat(decoder.rebirthRequests()).isEqualTo(1);
        assertThat(decoder.sequenceGaps()).isEqualTo(2);
        assertThat(sink.rejected).extracting(RejectedReading::reason).containsExactly(
                "sequence gap: expected 2, got 4 (2 message(s) missing from edge node Plant1/E1); rebirth requested",
                "sequence gap: expected 6, got 9 (3 message(s) missing from edge node Plant1/E1); rebirth already"
                        + " requested");
        // the messages themselves still decode: their aliases are known
        assertThat(sink.accepted).extracting(Reading::value).containsExactly(229.5, 1.0, 2.0, 3.0, 4.0);

        // after the interval, and after a new NBIRTH, a new gap asks again
        nbirth(0, 4);
        decoder.decode(G + "/NDATA/E1", raw(7L, NOW, am(2, 5.0f, null)), NOW + 40,
                sink);
        assertThat(rebirths).hasSize(2);
    }

    @Test
    void dataBeforeBirthAndUnknownAliasesAreDeadLettersAndRequestARebirth() {
        decoder.decode(G + "/NDATA/E9", encode(1L, NOW, aliasOnly(2, MetricDataType.Float, 1.0f, null)), NOW, sink);
        assertThat(sink.rejected).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo("spBv1.0/Plant1/NDATA/E9");
            assertThat(r.reason()).isEqualTo("NDATA from edge node Plant1/E9 before its NBIRTH; rebirth requested");
            assertThat(r.raw()).startsWith("hex:");
        });
        assertThat(rebirths).containsExactly("spBv1.0/Plant1/NCMD/E9 Node Control/Rebirth=true");

        nbirth(0, 1);
        sink.rejected.clear();
        // alias 77 with a data type: Tahu decodes it, the birth does not know it
        decoder.decode(G + "/NDATA/E1", encode(1L, NOW, aliasOnly(77, MetricDataType.Float, 1.0f, null)), NOW, sink);
        // alias 78 without a data type: Tahu could not decode it (it would drop it); caught before Tahu
        decoder.decode(G + "/NDATA/E1", raw(2L, NOW, am(78, 1.0f, null)), NOW + 1,
                sink);
        // DDATA of a device that sent no DBIRTH
        decoder.decode(G + "/DDATA/E1/X", encode(3L, NOW, aliasOnly(2, MetricDataType.Float, 1.0f, null)), NOW + 2,
                sink);
        assertThat(sink.rejected).extracting(RejectedReading::reason).satisfiesExactly(
                r -> assertThat(r).isEqualTo("alias 77 is not in the birth of E1; rebirth requested"),
                r -> assertThat(r).isEqualTo("alias 78 is not in the birth of E1; rebirth already requested"),
                r -> assertThat(r).isEqualTo("DDATA from device X of edge node Plant1/E1 before its DBIRTH;"
                        + " rebirth already requested"));
        assertThat(rebirths).hasSize(2);
    }

    @Test
    void deathsMarkTheTagsOfTheNodeOrDeviceStale() {
        nbirth(0, 3);
        dbirth(1);
        decoder.decode(G + "/DDEATH/E1/P-101", encode(2L, NOW + 5), NOW + 5, sink);
        assertThat(sink.stale).containsExactly("P-101/Outlet.Flow_Rate", "P-101/Running", "P-101/Count");
        assertThat(sink.staleReasons).containsExactly("DDEATH of device P-101 on edge node Plant1/E1");

        dbirth(3);
        sink.stale.clear();
        // an NDEATH of an earlier session (other bdSeq) is ignored
        decoder.decode(G + "/NDEATH/E1", encode(null, null, metric("bdSeq", null, MetricDataType.Int64, 2L, null)),
                NOW + 6, sink);
        assertThat(sink.stale).isEmpty();
        decoder.decode(G + "/NDEATH/E1", encode(null, null, metric("bdSeq", null, MetricDataType.Int64, 3L, null)),
                NOW + 7, sink);
        assertThat(sink.stale).containsExactlyInAnyOrder("E1/Supply.Voltage", "P-101/Outlet.Flow_Rate",
                "P-101/Running", "P-101/Count");
        assertThat(sink.rejected).isEmpty();

        // after the death, data needs a new birth
        decoder.decode(G + "/NDATA/E1", encode(4L, NOW, aliasOnly(2, MetricDataType.Float, 1.0f, null)), NOW + 8, sink);
        assertThat(sink.rejected).singleElement().extracting(RejectedReading::reason).asString()
                .contains("before its NBIRTH");
    }

    @Test
    void garbageAndWrongTopicsAreRejectedWithoutThrowing() {
        nbirth(0, 1);
        sink.rejected.clear();
        decoder.decode(G + "/NDATA/E1", new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01}, NOW, sink);
        decoder.decode(G + "/NDATA/E1", "{\"value\":1}".getBytes(StandardCharsets.UTF_8), NOW, sink);
        decoder.decode("spBv1.0/Plant1/NDATA", new byte[0], NOW, sink);
        decoder.decode("spBv1.0/Plant1/XDATA/E1", new byte[0], NOW, sink);
        decoder.decode("sensors/a/b", new byte[0], NOW, sink);
        decoder.decode(null, null, NOW, sink);
        decoder.decode("spBv1.0/STATE/plantwatch", "{\"online\":true}".getBytes(StandardCharsets.UTF_8), NOW, sink);
        decoder.decode(G + "/NCMD/E1", SparkplugDecoder.rebirthPayload(NOW), NOW, sink);

        assertThat(sink.rejected).hasSize(6);
        assertThat(sink.rejected.get(0).reason()).startsWith("payload is not a Sparkplug B protobuf message");
        assertThat(sink.rejected.get(1).reason()).startsWith("payload is not a Sparkplug B protobuf message");
        assertThat(sink.rejected.get(2).reason()).isEqualTo(
                "NDATA topic must be spBv1.0/{group}/NDATA/{edgeNode}");
        assertThat(sink.rejected.get(3).reason()).startsWith("unknown Sparkplug message type 'XDATA'");
        assertThat(sink.rejected.get(4).reason()).startsWith("topic is not a Sparkplug B topic");
        assertThat(decoder.skipped()).containsEntry("host STATE message", 1L).containsEntry("command (NCMD)", 1L);
        assertThat(sink.accepted).hasSize(1);
    }

    @Test
    void invalidNamesValuesAndTimesAreRejectedPerMetric() {
        decoder.decode(G + "/NBIRTH/E1", encode(0L, NOW,
                metric("Temp/°C", 1L, MetricDataType.Double, 1.0, null),
                metric("Big", 2L, MetricDataType.Double, 1e13, null),
                metric("Old", 3L, MetricDataType.Double, 1.0, null),
                metric("Bad quality", 4L, MetricDataType.Double, 1.0, quality(0)),
                metric("Good", 5L, MetricDataType.Int16, (short) 42, quality(192))), NOW, sink);
        decoder.decode(G + "/NDATA/E1", raw(1L, NOW, am(3, 2.0, NOW - 8L * 86_400_000)),
                NOW, sink);

        assertThat(sink.rejected).extracting(RejectedReading::reason).satisfiesExactly(
                r -> assertThat(r).startsWith("metric 'Temp/°C' cannot become a tag: sensor id 'Temp.°C'"),
                r -> assertThat(r).startsWith("metric 'Big' value 1.0E13 is not finite or exceeds the limit"),
                r -> assertThat(r).startsWith("metric 'Old' timestamp"));
        assertThat(sink.accepted).containsExactly(new Reading("E1/Old", NOW, 1.0, ""),
                new Reading("E1/Good", NOW, 42, ""));
        assertThat(decoder.skipped()).containsEntry("quality bad (0)", 1L);
    }

    static PropertySet quality(int q) {
        try {
            PropertySet ps = new PropertySet();
            ps.setProperty("Quality", new PropertyValue<>(PropertyDataType.Int32, q));
            return ps;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tagPartMapsSparkplugFoldersAndSpaces() {
        assertThat(SparkplugDecoder.tagPart("Inputs/Flow Rate")).isEqualTo("Inputs.Flow_Rate");
        assertThat(SparkplugDecoder.tagPart("a\tb/c")).isEqualTo("a_b.c");
    }
}
