package io.plantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.audit.AuditAction;
import io.plantwatch.audit.AuditRecord;
import io.plantwatch.config.Connections;
import io.plantwatch.domain.Role;
import io.plantwatch.security.LoginService;
import io.plantwatch.security.NotPermittedException;
import io.plantwatch.testsupport.Operators;
import io.plantwatch.testsupport.TestPaths;
import io.plantwatch.ui.ConsoleServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's services as the app implements them: who is logged in decides what the services
 * do, whatever the screens offer. Alarm actions and configuration changes are refused for nobody and
 * for a viewer, and audited; an engineer's save is written and audited with before and after.
 */
class ConsoleSessionSecurityTest {

    @TempDir
    Path work;

    private ConsoleSession session;

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    private List<AuditRecord> audit() {
        return session.context().auditTrail().read(1, 100);
    }

    @Test
    @Timeout(120)
    void rolesDecideWhatTheServicesDoAndEveryAttemptIsAudited() throws Exception {
        Path site = work.resolve("site.yaml");
        Files.writeString(site, Files.readString(TestPaths.sample("demo-site.yaml"))
                .replace("recording: skab-valve1-09.csv", "recording: " + TestPaths.sample("skab-valve1-09.csv")));
        Path data = work.resolve("data");
        Operators.add(data, "victor", Role.VIEWER, "victor-secret");
        Operators.add(data, "erin", Role.ENGINEER, "erin-secret");
        session = ConsoleSession.open(site, null, 1, data);
        ConsoleServices services = session.services();
        Connections replayOnly = services.connections();

        // nobody logged in: a viewer; actions and configuration changes are refused by the services
        assertThat(services.principal().operator()).isEqualTo(LoginService.NOBODY);
        assertThatThrownBy(() -> services.acknowledge("P-101/flow:LO", "")).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> services.saveConnections(replayOnly, services.replaySettings()))
                .isInstanceOf(NotPermittedException.class)
                .hasMessage("(nobody) (viewer) may not change the configuration: this needs the engineer role; log in");

        // a viewer may log in and look, not act
        services.login("victor", "victor-secret".toCharArray());
        assertThat(services.principal().role()).isEqualTo(Role.VIEWER);
        assertThatThrownBy(() -> services.shelve("P-101/flow:LO", java.time.Duration.ofMinutes(5), "test"))
                .isInstanceOf(NotPermittedException.class).hasMessageStartingWith("victor (viewer) may not shelve alarms");

        // an engineer saves the connections: written to the file, audited with before and after
        services.login("erin", "erin-secret".toCharArray());
        String before = Files.readString(site);
        services.saveConnections(replayOnly, new io.plantwatch.config.SiteConfig.ReplaySettings(
                TestPaths.sample("skab-valve1-09.csv"), 20));
        assertThat(Files.readString(site)).isNotEqualTo(before).contains("speed: 20");
        services.logout();

        assertThat(audit()).extracting(r -> r.event().action() + " " + r.event().operator() + " "
                + r.event().result().replaceAll(":.*", "")).containsExactly(
                "ALARM_ACKNOWLEDGE (nobody) REFUSED",
                "CONFIG_CHANGE (nobody) REFUSED",
                "LOGIN victor OK",
                "ALARM_SHELVE victor REFUSED",
                "LOGIN erin OK",
                "LOGOUT victor OK",
                "CONFIG_CHANGE erin OK",
                "LOGOUT erin OK");
        AuditRecord save = audit().stream().filter(r -> r.event().action() == AuditAction.CONFIG_CHANGE
                && r.event().result().equals("OK")).findFirst().orElseThrow();
        assertThat(save.event().target()).isEqualTo(site.toAbsolutePath().normalize().toString());
        assertThat(save.event().oldValue()).startsWith("mode=replay").contains("skab-valve1-09.csv at ");
        assertThat(save.event().newValue()).startsWith("mode=replay").endsWith("at 20.0x");
        assertThat(session.context().auditTrail().verify().rowsVerified()).isEqualTo(8);
    }
}
