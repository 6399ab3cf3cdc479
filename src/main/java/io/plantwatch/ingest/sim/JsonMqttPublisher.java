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

    JsonMqttPublisher(DeviceSimulator.Settings settings, DeviceSimulator.Listener listener) {
        super(settings, listener);
    }

    @Override
    protected Mqtt5Connect connectMessage() {
        return Mqtt5Connect.builder().cleanStart(true).keepAlive(30).build();
    }

    @Override
    protected void subscribeCommands(List<DeviceSimulator.Device> devices) {
        for (DeviceSimulator.Device d : devices) {
            subscribe("commands/" + d.id() + "/#", p -> command(p,
                    new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
        }
    }

    @Override
    public int publish(String device, long eventTimeMillis, List<Reading> readings) throws InterruptedException {
        for (Reading r : readings) {
            String topic = settings.topicPrefix() + "/" + device + "/" + TagId.sensor(r.tag());
            send(topic, Payloads.json(null, r.value(), r.unit(), eventTimeMillis), qos);
        }
        return readings.size();
    }
}
