package io.plantwatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MqttSettingsTest {

    private final MqttSettings d = MqttSettings.defaults(URI.create("mqtt://localhost"));

    @Test
    void anotherBrokerKeepsEverythingElseAndMqttsGetsTheJdkCas() {
        MqttSettings s = d.withServerUri(URI.create("mqtts://broker:8884"));
        assertThat(s.port()).isEqualTo(8884);
        assertThat(s.tls()).isEqualTo(new TlsSettings(null, null, null, null, true));
        assertThat(s.withServerUri(URI.create("mqtt://localhost")).withSubscription(d.topicFilters(), d.qos(), d.format()))
                .as("an explicit TLS block is kept").extracting(MqttSettings::tls).isNotNull();
        assertThat(d.withServerUri(URI.create("mqtt://other:1883")).tls()).isNull();
        assertThat(d.withServerUri(URI.create("mqtt://localhost"))).isEqualTo(d);
    }

    @Test
    void subscriptionAndSessionChangeOnlyTheirParts() {
        MqttSettings s = d.withSubscription(List.of("spBv1.0/+/#"), 2, PayloadFormat.SPARKPLUG)
                .withSession("console-7", true, Duration.ZERO);
        assertThat(s.topicFilters()).containsExactly("spBv1.0/+/#");
        assertThat(s.qos()).isEqualTo(2);
        assertThat(s.format()).isEqualTo(PayloadFormat.SPARKPLUG);
        assertThat(s.clientId()).isEqualTo("console-7");
        assertThat(s.cleanStart()).isTrue();
        assertThat(s.sessionExpiry()).isZero();
        assertThat(s.withSubscription(d.topicFilters(), d.qos(), d.format())
                .withSession(d.clientId(), d.cleanStart(), d.sessionExpiry())).isEqualTo(d);
    }
}
