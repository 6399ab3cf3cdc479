package io.plantwatch.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored dead letter: input that could not become a {@link Reading}, as kept in the dead-letter
 * table, for the console's "Data quality" view.
 *
 * @param id         the row's id, increasing in storage order
 * @param receivedAt wall time it was stored
 * @param source     where it came from: file name, MQTT topic, Kafka topic-partition
 * @param position   line number for files (1-based), offset for Kafka, or -1
 * @param reason     what is wrong, in words an engineer can act on
 * @param payload    the raw input, truncated by the store (at most about 1 KiB)
 */
public record DeadLetter(long id, Instant receivedAt, String source, long position, String reason, String payload) {

    public DeadLetter {
        Objects.requireNonNull(receivedAt, "receivedAt");
        source = Objects.requireNonNullElse(source, "");
        reason = Objects.requireNonNullElse(reason, "");
        payload = Objects.requireNonNullElse(payload, "");
    }
}
