/**
 * Kafka ingest with kafka-clients: a consumer group reads JSON readings (key = device id) and commits
 * offsets only after the readings are in the journal ({@link io.plantwatch.ingest.kafka.KafkaIngest}).
 */
package io.plantwatch.ingest.kafka;
