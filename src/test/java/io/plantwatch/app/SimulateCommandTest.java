package io.plantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.ingest.sim.DeviceSimulator;
import java.net.URI;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCommandTest {

    private static SimulateCommand parse(String... args) {
        SimulateCommand c = new SimulateCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void mqttDefaultsAreJsonAtQos1AndSpeed1OnSensorsTopics() {
        DeviceSimulator.Settings s = parse("--mqtt", "mqtt://localhost:1883").settings();
        assertThat(s.transport()).isEqualTo(DeviceSimulator.Transport.MQTT);
        assertThat(s.mqtt()).isEqualTo(URI.create("mqtt://localhost:1883"));
        assertThat(s.format()).isEqualTo(DeviceSimulator.Format.JSON);
        assertThat(s.qos()).isEqualTo(1);
        assertThat(s.speed()).isEqualTo(1.0);
        assertThat(s.topicPrefix()).isEqualTo("sensors");
        assertThat(s.clientId()).isEqualTo("plantwatch-sim");
        assertThat(s.loop()).isFalse();
    }

    @Test
    void sparkplugAtMaxSpeedInALoop() {
        DeviceSimulator.Settings s = parse("--mqtt", "mqtt://h", "--format", "sparkplug", "--speed", "max", "--loop",
                "--qos", "0").settings();
        assertThat(s.format()).isEqualTo(DeviceSimulator.Format.SPARKPLUG);
        assertThat(s.speed()).isInfinite();
        assertThat(s.loop()).isTrue();
        assertThat(s.qos()).isZero();
    }

    @Test
    void kafkaTakesBootstrapServersAndATopic() {
        DeviceSimulator.Settings s = parse("--kafka", "k1:9092,k2:9092", "--kafka-topic", "t", "--speed", "10x").settings();
        assertThat(s.transport()).isEqualTo(DeviceSimulator.Transport.KAFKA);
        assertThat(s.kafka()).isEqualTo("k1:9092,k2:9092");
        assertThat(s.kafkaTopic()).isEqualTo("t");
        assertThat(s.speed()).isEqualTo(10.0);
        assertThat(s.target()).isEqualTo("kafka://k1:9092,k2:9092/t");
    }

    @Test
    void exactlyOneTargetIsRequired() {
        assertThatThrownBy(() -> parse("--speed", "1")).isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> parse("--mqtt", "mqtt://h", "--kafka", "k:9092"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("mutually exclusive");
    }

    @Test
    void wrongCombinationsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> parse("--kafka", "k:9092", "--format", "sparkplug").settings())
                .hasMessageContaining("Sparkplug B is an MQTT format");
        assertThatThrownBy(() -> parse("--mqtt", "http://h").settings()).hasMessageContaining("mqtt://host:1883");
        assertThatThrownBy(() -> parse("--mqtt", "mqtt://h", "--format", "xml").settings())
                .hasMessageContaining("json or sparkplug");
        assertThatThrownBy(() -> parse("--mqtt", "mqtt://h", "--speed", "0.5").settings())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("--mqtt", "mqtt://h", "--qos", "3").settings()).hasMessageContaining("qos");
    }
}
