package io.plantwatch.ingest.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The JSON reading the console accepts (PayloadDecoder's schema). Thread-safe. */
final class Payloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {
    }

    /**
     * {@code {"sensor":…,"value":…,"unit":…,"timestamp":"2026-11-20T10:15:30.250Z"}}, UTF-8; the value
     * in Jackson's shortest exact form, so it parses back to the same double.
     *
     * @param sensor null to leave the field out (MQTT: the topic names the sensor)
     */
    static byte[] json(String sensor, double value, String unit, long eventTimeMillis) {
        ObjectNode o = JSON.createObjectNode();
        if (sensor != null) {
            o.put("sensor", sensor);
        }
        o.put("value", value);
        o.put("unit", unit);
        o.put("timestamp", Instant.ofEpochMilli(eventTimeMillis).toString());
        try {
            return JSON.writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
