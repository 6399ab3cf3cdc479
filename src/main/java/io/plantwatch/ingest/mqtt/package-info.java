/**
 * Live MQTT ingest with the HiveMQ MQTT client (MQTT 5 and 3.1.1): persistent session, manual
 * acknowledgement after the journal, own reconnect policy with readable connection states, TLS
 * and credentials from secret references. Entry point: {@link io.plantwatch.ingest.mqtt.MqttIngest}.
 * See docs/mqtt.md.
 */
package io.plantwatch.ingest.mqtt;
