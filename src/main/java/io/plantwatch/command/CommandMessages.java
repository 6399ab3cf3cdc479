package io.plantwatch.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantwatch.domain.CommandParameter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The wire format between the console and devices (docs/commands.md), one place for both sides (the
 * console's service and transport, the simulated devices). All JSON, UTF-8. Stateless and thread-safe.
 *
 * <pre>
 * command  (console → commands/{device}/{command}, QoS 1, MQTT 5 response topic + correlation data):
 *   {"commandId":"5b0c…","device":"P-101","command":"valve_position","value":42.5,
 *    "operator":"alice","issuedAt":"2026-11-20T10:15:30.250Z"}
 *   value: a JSON number (number), string (enum), boolean (boolean); absent for a command without one
 * response (device → the response topic, same correlation data):
 *   {"result":"accepted"}  or  {"result":"rejected","reason":"valve_position: out of range 0 to 50 %"}
 * state (read-back, device → its state topic): {"value":…} or a bare value (42.5, true, "stopped")
 * </pre>
 */
public final class CommandMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CommandMessages() {
    }

    /** A device's answer. @param accepted true for {@code accepted} @param reason the device's reason; may be empty */
    public record Response(boolean accepted, String reason) {
    }

    /** A command as a device reads it. @param value the JSON value, null when absent */
    public record Command(String commandId, String device, String command, JsonNode value, String operator) {
    }

    /**
     * The command message.
     *
     * @param value the canonical value ({@link CommandParameter#check}), null for none
     */
    public static byte[] command(String commandId, String device, String command, CommandParameter parameter,
            String value, String operator, Instant issuedAt) {
        ObjectNode o = JSON.createObjectNode();
        o.put("commandId", commandId);
        o.put("device", device);
        o.put("command", command);
        if (value != null) {
            switch (parameter.type()) {
                case NUMBER -> o.put("value", Double.parseDouble(value));
                case BOOLEAN -> o.put("value", Boolean.parseBoolean(value));
                default -> o.put("value", value);
            }
        }
        o.put("operator", operator);
        o.put("issuedAt", issuedAt.toString());
        return bytes(o);
    }

    /**
     * Reads a command message.
     *
     * @throws IllegalArgumentException when it is not a JSON object with a {@code command} string
     */
    public static Command parseCommand(byte[] payload) {
        JsonNode n = tree(payload, "command");
        if (!n.isObject() || !n.path("command").isTextual()) {
            throw new IllegalArgumentException("not a command message: a JSON object with \"command\" is expected");
        }
        return new Command(n.path("commandId").asText(""), n.path("device").asText(""), n.get("command").asText(),
                n.has("value") && !n.get("value").isNull() ? n.get("value") : null, n.path("operator").asText(""));
    }

    /**
     * Checks a command's JSON value against a parameter schema, as a device does.
     *
     * @return null when valid, else the reason
     */
    public static String invalid(CommandParameter parameter, JsonNode value) {
        return switch (parameter.type()) {
            case NONE -> value == null ? null : "takes no value";
            case NUMBER -> {
                if (value == null || !value.isNumber()) {
                    yield "wrong type: needs a number " + parameter.describe().substring("number ".length());
                }
                try {
                    parameter.checkNumber(value.asDouble());
                    yield null;
                } catch (IllegalArgumentException e) {
                    yield e.getMessage();
                }
            }
            case BOOLEAN -> value != null && value.isBoolean() ? null : "wrong type: needs true or false";
            case ENUM -> value != null && value.isTextual() && parameter.values().contains(value.asText()) ? null
                    : "'" + (value == null ? "" : value.asText()) + "' is not one of " + parameter.values();
        };
    }

    /** The response message. @param reason null or empty when accepted */
    public static byte[] response(boolean accepted, String reason) {
        ObjectNode o = JSON.createObjectNode();
        o.put("result", accepted ? "accepted" : "rejected");
        if (reason != null && !reason.isEmpty()) {
            o.put("reason", reason);
        }
        return bytes(o);
    }

    /**
     * Reads a device's response.
     *
     * @throws IllegalArgumentException when it is not {@code {"result":"accepted"|"rejected",…}}
     */
    public static Response parseResponse(byte[] payload) {
        JsonNode n = tree(payload, "response");
        String result = n.path("result").asText("");
        return switch (result) {
            case "accepted" -> new Response(true, n.path("reason").asText(""));
            case "rejected" -> new Response(false, n.path("reason").asText("no reason given"));
            default -> throw new IllegalArgumentException("response without \"result\": \"accepted\" or \"rejected\"");
        };
    }

    /** A state message for read-back: {@code {"value":…}}. */
    public static byte[] state(String value, CommandParameter parameter) {
        ObjectNode o = JSON.createObjectNode();
        if (parameter.type() == CommandParameter.Type.NUMBER && value != null) {
            o.put("value", Double.parseDouble(value));
        } else if (parameter.type() == CommandParameter.Type.BOOLEAN || "true".equals(value) || "false".equals(value)) {
            o.put("value", Boolean.parseBoolean(value));
        } else {
            o.put("value", value);
        }
        return bytes(o);
    }

    /**
     * The value of a state message, as text: the {@code value} field of a JSON object, a bare JSON scalar, or
     * the payload itself (trimmed) when it is not JSON.
     */
    public static String stateValue(byte[] payload) {
        String raw = new String(payload, StandardCharsets.UTF_8).trim();
        try {
            JsonNode n = JSON.readTree(raw);
            if (n == null) {
                return raw;
            }
            JsonNode v = n.isObject() ? n.path("value") : n;
            return v.isValueNode() ? v.asText() : raw;
        } catch (IOException e) {
            return raw;
        }
    }

    /**
     * Whether a read-back state shows the expected value: numerically equal (within 1e-9 relative) when
     * both are numbers, else equal ignoring case.
     */
    public static boolean matches(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        try {
            double e = Double.parseDouble(expected.trim());
            double a = Double.parseDouble(actual.trim());
            return Math.abs(e - a) <= 1e-9 * Math.max(1, Math.abs(e));
        } catch (NumberFormatException notNumbers) {
            return expected.trim().equalsIgnoreCase(actual.trim());
        }
    }

    private static JsonNode tree(byte[] payload, String what) {
        try {
            JsonNode n = JSON.readTree(payload);
            if (n == null) {
                throw new IllegalArgumentException("empty " + what);
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    private static byte[] bytes(ObjectNode o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
