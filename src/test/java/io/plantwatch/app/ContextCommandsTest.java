package io.plantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.plantwatch.audit.AuditAction;
import io.plantwatch.command.CommandRefusedException;
import io.plantwatch.command.CommandService;
import io.plantwatch.config.SiteConfig;
import io.plantwatch.config.SiteConfigLoader;
import io.plantwatch.domain.Principal;
import io.plantwatch.domain.Role;
import io.plantwatch.testsupport.MemoryAuditTrail;
import io.plantwatch.testsupport.TestPaths;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command service as {@link PlantWatchContext} wires it in replay mode (not started: no Spark). */
class ContextCommandsTest {

    @TempDir
    Path dir;

    @Test
    void inReplayModeEveryCommandIsRefusedAndAudited() {
        SiteConfig site = new SiteConfigLoader().load(TestPaths.sample("demo-site.yaml"));
        MemoryAuditTrail audit = new MemoryAuditTrail();
        try (PlantWatchContext ctx = new PlantWatchContext(new PlantWatchContext.Options(site, dir, site.replay().recording(),
                1, "local[1]", site.streaming()), Clock.systemUTC(), audit)) {
            CommandService commands = ctx.commands();
            assertThat(commands.catalog()).isEqualTo(site.commands());
            assertThat(commands.unavailableReason()).isEqualTo(CommandService.REPLAY_REFUSAL);
            CommandRefusedException e = catchThrowableOfType(CommandRefusedException.class, () -> commands.arm(
                    new Principal("alice", Role.OPERATOR, "console-1"), "P-101", "shutdown", null, "test"));
            assertThat(e).hasMessage("replay: commands go to the plant only in live mode");
            assertThat(ctx.interlocks().enabled()).isFalse();
        }
        assertThat(audit.of(AuditAction.COMMAND_REFUSED)).singleElement()
                .satisfies(ev -> assertThat(ev.result()).isEqualTo("REFUSED: " + CommandService.REPLAY_REFUSAL));
    }

    @Test
    void byDefaultCommandStepsGoToTheConsolesOwnH2AuditTrail() {
        SiteConfig site = new SiteConfigLoader().load(TestPaths.sample("demo-site.yaml"));
        try (PlantWatchContext ctx = new PlantWatchContext(new PlantWatchContext.Options(site, dir, site.replay().recording(),
                1, "local[1]", site.streaming()), Clock.systemUTC())) {
            CommandRefusedException e = catchThrowableOfType(CommandRefusedException.class, () -> ctx.commands().arm(
                    new Principal("alice", Role.OPERATOR, "console-1"), "P-101", "shutdown", null, "test"));
            assertThat(e.getMessage()).isEqualTo(CommandService.REPLAY_REFUSAL);
            assertThat(ctx.auditTrail().latest(1)).singleElement().satisfies(row -> {
                assertThat(row.event().action()).isEqualTo(AuditAction.COMMAND_REFUSED);
                assertThat(row.event().operator()).isEqualTo("alice");
                assertThat(row.event().target()).isEqualTo("P-101/shutdown");
            });
            assertThat(ctx.auditTrail().verify().intact()).isTrue();
        }
    }
}
