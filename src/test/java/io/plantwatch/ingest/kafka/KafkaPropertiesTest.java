package io.plantwatch.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.domain.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaPropertiesTest {

    private static KafkaSettings settings(Map<String, String> props) {
        return new KafkaSettings("h:9092", List.of("t"), "g", "c", Duration.ofMillis(500), props);
    }

    @Test
    void consumerPropertiesNeverAutoCommitAndStartNewGroupsAtTheEarliestOffset() {
        Properties p = KafkaProperties.consumer(settings(Map.of("enable.auto.commit", "true",
                "security.protocol", "SASL_SSL")));
        assertThat(p).containsEntry("enable.auto.commit", "false").containsEntry("auto.offset.reset", "earliest")
                .containsEntry("bootstrap.servers", "h:9092").containsEntry("group.id", "g")
                .containsEntry("client.id", "c").containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void theSiteMayChooseLatestForANewGroup() {
        assertThat(KafkaProperties.consumer(settings(Map.of("auto.offset.reset", "latest"))))
                .containsEntry("auto.offset.reset", "latest");
    }

    @Test
    void envReferencesAreResolvedAndPlainValuesPassThrough() {
        String path = System.getenv("PATH");
        assertThat(KafkaProperties.resolve("sasl.jaas.config", "env:PATH")).isEqualTo(path);
        assertThat(KafkaProperties.resolve("security.protocol", "SSL")).isEqualTo("SSL");
        assertThat(KafkaProperties.consumer(settings(Map.of("ssl.key.password", "env:PATH"))))
                .containsEntry("ssl.key.password", path);
    }

    @Test
    void anUnsetVariableIsAnErrorNamingTheProperty() {
        assertThatThrownBy(() -> KafkaProperties.resolve("sasl.jaas.config", "env:PLANTWATCH_SURELY_UNSET_42"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sasl.jaas.config").hasMessageContaining("PLANTWATCH_SURELY_UNSET_42");
    }

    @Test
    void adminPropertiesLeaveOutConsumerOnlySettings() {
        Properties p = KafkaProperties.admin(settings(Map.of("max.poll.records", "10", "security.protocol", "SSL")));
        assertThat(p).containsEntry("security.protocol", "SSL").containsEntry("bootstrap.servers", "h:9092")
                .doesNotContainKey("max.poll.records");
    }
}
