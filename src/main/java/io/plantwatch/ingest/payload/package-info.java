/**
 * Live payload decoding for issue #3: MQTT message and Kafka record bodies (JSON objects and
 * gateway batches) into {@link io.plantwatch.domain.Reading}s or
 * {@link io.plantwatch.domain.RejectedReading}s with a reason. Plain Java and Jackson; the broker
 * clients that call {@link io.plantwatch.ingest.payload.PayloadDecoder} live elsewhere in ingest.
 */
package io.plantwatch.ingest.payload;
