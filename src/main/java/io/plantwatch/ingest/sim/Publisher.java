package io.plantwatch.ingest.sim;

import io.plantwatch.domain.Reading;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * How the simulator's devices reach a broker. Called on the simulator's publishing thread only,
 * except {@link #close()}.
 */
interface Publisher extends AutoCloseable {

    /**
     * Connects and subscribes to the devices' command topics.
     *
     * @param devices the recording's devices and their sensors' units, in first-appearance order
     * @throws IOException with the reason when the broker cannot be reached
     */
    void connect(List<DeviceSimulator.Device> devices) throws IOException;

    /**
     * Publishes what one device measured at one instant.
     *
     * @param device          device id
     * @param eventTimeMillis the shifted event time, epoch ms
     * @param readings        that device's readings of that instant (recording values and units)
     * @return messages handed to the client
     */
    int publish(String device, long eventTimeMillis, List<Reading> readings) throws InterruptedException;

    /** True while publishing makes sense (MQTT: connected and born). */
    default boolean ready() {
        return true;
    }

    /** Does whatever the broker side asked for meanwhile (a Sparkplug rebirth). */
    default void service() throws InterruptedException {
    }

    /** Waits until every message handed over is acknowledged (QoS ≥ 1) or written. */
    void flush(Duration timeout) throws InterruptedException;

    /** Messages acknowledged by the broker (or written, for QoS 0). */
    long acknowledged();

    /** Messages the client reported as failed. */
    long failed();

    @Override
    void close();
}
