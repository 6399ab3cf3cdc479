package io.plantwatch.command;

import io.plantwatch.domain.CommandDefinition;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * How commands reach the devices (implemented over MQTT by {@code ingest.mqtt.MqttCommandTransport}).
 * The transport publishes once and reports what it hears; it never retries or re-sends (the service owns
 * the lifecycle and its timeout). Thread-safe; methods do not block; {@link Outcome} callbacks come from
 * the client's threads and must not block either.
 */
public interface CommandTransport extends AutoCloseable {

    /**
     * One command to publish.
     *
     * @param commandId    the command's id; MQTT 5 correlation data
     * @param topic        where to publish (QoS 1)
     * @param payload      the command message (docs/commands.md), UTF-8 JSON
     * @param expiry       MQTT 5 message expiry: the broker discards the message undelivered after this
     * @param confirmation RESPONSE: wait for the device's answer on the response topic; READ_BACK: watch
     *                     the state topic
     * @param expected     READ_BACK: the state value that confirms (already with the requested value); else null
     */
    record Request(String commandId, String topic, byte[] payload, Duration expiry,
            CommandDefinition.Confirmation confirmation, String expected) {
        public Request {
            Objects.requireNonNull(commandId, "commandId");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(expiry, "expiry");
            Objects.requireNonNull(confirmation, "confirmation");
        }
    }

    /** What the transport heard about one request; each method at most once, in any order. */
    interface Outcome {
        /** The broker acknowledged the PUBLISH (PUBACK). */
        void sent();

        /** The device accepted (MQTT 5 response) or its state showed the expected value; {@code detail} says which. */
        void acknowledged(String detail);

        /** The device rejected it, with its reason. */
        void rejected(String reason);

        /** The PUBLISH failed (broker refused it, connection lost before PUBACK): it may not have reached the broker. */
        void notSent(String reason);
    }

    /**
     * Why this transport cannot send {@code confirmation}-style commands now, or null when it can: not
     * connected; a 3.1.1 connection for a command confirmed by MQTT 5 response.
     */
    String unavailable(CommandDefinition.Confirmation confirmation);

    /**
     * Publishes a command once at QoS 1 and starts listening for its confirmation. Does not block.
     * Reports through {@code outcome}; a request is forgotten after a final report or {@link #forget}.
     */
    void send(Request request, Outcome outcome);

    /**
     * Stops listening for a request's confirmation (it timed out); a later answer is ignored (logged).
     *
     * @return what was heard meanwhile that did not confirm it (e.g. {@code state/P-102/running showed true}), or null
     */
    String forget(String commandId);

    /**
     * Publishes a free-form message once at QoS 1 (engineer's publish), no confirmation.
     *
     * @return completes when the broker acknowledged it; exceptionally with the reason otherwise
     */
    CompletableFuture<Void> publish(String topic, byte[] payload);

    /** Where the devices' MQTT 5 responses arrive, e.g. {@code plantwatch/responses/plantwatch-console-commands}. */
    String responseTopic();

    /** Disconnects; pending confirmations are dropped (the service times them out). */
    @Override
    void close();
}
