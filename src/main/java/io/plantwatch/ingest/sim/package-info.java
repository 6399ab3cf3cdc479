/**
 * The device simulator: publishes a recording as live devices would (MQTT JSON, MQTT Sparkplug B,
 * Kafka), so that a live demo needs only a broker ({@link io.plantwatch.ingest.sim.DeviceSimulator}).
 */
package io.plantwatch.ingest.sim;
