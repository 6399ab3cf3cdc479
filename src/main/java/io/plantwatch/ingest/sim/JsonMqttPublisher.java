package io.plantwatch.ingest.sim;

import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.TagId;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * JSON devices: one message per reading on {@code <prefix>/<device>/<sensor>} with
 * {@code {"value":…,"unit":…,"timestamp":"ISO-8601"}}; commands on {@code commands/<device>/#}.
 */
final class JsonMqttPublisher extends MqttPublisher {

    private final DeviceCommands commands;

    /** @param commands the catalog the devices answer from; null: commands are only logged */
    JsonMqttPublisher(DeviceSimulator.Settings settings, DeviceSimulator.Listener listener, DeviceCommands commands) {
        super(settings, listener);
        this.commands = commands;
    }

    @Override
    protected Mqtt5Connect connectMessage() {
        return Mqtt5Connect.builder().cleanStart(true).keepAlive(30).build();
    }

    @Override
    protected void subscribeCommands(List<DeviceSimulator.Device> devices) {
        java.util.Set<String> filters = new java.util.LinkedHashSet<>();
        for (DeviceSimulator.Device d : devices) {
            filters.add("commands/" + d.id() + "/#");
        }
        if (commands != null) {
            // catalog devices without readings answer too, and commands on topics outside commands/…
            commands.devices().forEach(d -> filters.add("commands/" + d + "/#"));
            commandTopics().forEach(filters::add);
        }
        for (String f : filters) {
            subscribe(f, p -> {
                command(p, new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8));
                if (commands != null) {
                    answer(p, commands);
                }
            });
        }
    }

    /** Catalog topics not covered by {@code commands/<device>/#}. */
    private List<String> commandTopics() {
        return commands.catalogTopics().stream().filter(t -> !t.startsWith("commands/")).toList();
    }

    @Override
    public int publish(String device, long eventTimeMillis, List<Reading> readings) throws InterruptedException {
        for (Reading r : readings) {
            String topic = settings.topicPrefix() + "/" + device + "/" + TagId.sensor(r.tag());
            double value = commands == null ? r.value() : commands.adjust(device, TagId.sensor(r.tag()), r.value());
            send(topic, Payloads.json(null, value, r.unit(), eventTimeMillis), qos);
        }
        return readings.size();
    }
}
