/**
 * Ingest: everything that turns outside input (recordings now; MQTT and Kafka in issue #3) into
 * {@link io.plantwatch.domain.Reading}s or rejections with a reason. The only package that talks to brokers.
 */
package io.plantwatch.ingest;
