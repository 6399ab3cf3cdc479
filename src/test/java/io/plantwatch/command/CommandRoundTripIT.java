package io.plantwatch.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.plantwatch.alarm.AlarmEngine;
import io.plantwatch.audit.AuditAction;
import io.plantwatch.audit.AuditEvent;
import io.plantwatch.domain.CommandCatalog;
import io.plantwatch.domain.CommandDefinition;
import io.plantwatch.domain.CommandParameter;
import io.plantwatch.domain.CommandRecord;
import io.plantwatch.domain.CommandStatus;
import io.plantwatch.domain.InterlockRule;
import io.plantwatch.domain.InterlockSettings;
import io.plantwatch.domain.LimitLevel;
import io.plantwatch.domain.LimitSpec;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.Principal;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.Role;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.ingest.Secrets;
import io.plantwatch.ingest.mqtt.MqttCommandTransport;
import io.plantwatch.ingest.replay.Recording;
import io.plantwatch.ingest.sim.DeviceSimulator;
import io.plantwatch.storage.Database;
import io.plantwatch.storage.H2AlarmJournal;
import io.plantwatch.storage.H2CommandLog;
import io.plantwatch.testsupport.EmbeddedMqttBroker;
import io.plantwatch.testsupport.MemoryAuditTrail;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands end to end through a real broker (HiveMQ CE, embedded): the console's {@link CommandService}
 * over {@link MqttCommandTransport}, the real {@link DeviceSimulator} answering from its own catalog, a
 * separate subscriber counting what reaches the broker, commands kept in H2. Only the audit store is a
 * list ({@link MemoryAuditTrail}).
 *
 * <p>Catalogs: the console allows P-1's valve 0–100 %, the simulated device only 0–50 % (a device-side
 * schema rejection); X-9 has no device (silent); P-3 is confirmed by read-back of {@code state/P-3/running}.
 */
@Timeout(180)
class CommandRoundTripIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal ALICE = new Principal("alice", Role.OPERATOR, "console-1");
    private static final Principal BOB = new Principal("bob", Role.OPERATOR, "console-2");
    private static final Principal VIVIAN = new Principal("vivian", Role.VIEWER, "console-1");
    private static final Principal ERNST = new Principal("ernst", Role.ENGINEER, "console-1");

    @TempDir
    static Path dir;
    static EmbeddedMqttBroker broker;
    static Database db;
    static DeviceSimulator simulator;
    static MqttCommandTransport transport;
    static Mqtt5AsyncClient spy;
    /** Every message the broker delivered on commands/#, sensors/P-1/# and state/#, in order of arrival. */
    static final List<Received> atBroker = new CopyOnWriteArrayList<>();

    record Received(String topic, String payload) {
    }

    private final MemoryAuditTrail audit = new MemoryAuditTrail();
    private final List<CommandRecord> heard = new CopyOnWriteArrayList<>();
    private final Map<String, Reading> latest = new ConcurrentHashMap<>();
    private CommandService service;

    private static CommandDefinition def(String device, String name, CommandParameter p, Role role, boolean note,
            Duration timeout, CommandDefinition.Confirmation c) {
        return new CommandDefinition(device, name, "", "commands/" + device + "/" + name, p, role, note, timeout, null, c,
                null);
    }

    /** The console's catalog, with a 30 s arm timeout unless given. */
    static CommandCatalog consoleCatalog(Duration armTimeout) {
        Duration t = Duration.ofSeconds(10);
        var resp = CommandDefinition.Confirmation.RESPONSE;
        return new CommandCatalog(armTimeout, List.of(
                new CommandDefinition("P-1", "shutdown", "Stop P-1", "commands/P-1/shutdown", CommandParameter.NONE,
                        Role.OPERATOR, true, t, null, resp, "P-1/flow"),
                def("P-1", "start", CommandParameter.NONE, Role.OPERATOR, false, t, resp),
                def("P-1", "valve_position", CommandParameter.number(0, 100, "%"), Role.OPERATOR, false, t, resp),
                def("P-1", "mode", CommandParameter.oneOf(List.of("auto", "manual")), Role.OPERATOR, false, t, resp),
                def("P-1", "setpoint", CommandParameter.number(20, 40, "L/min"), Role.ENGINEER, false, t, resp),
                def("X-9", "shutdown", CommandParameter.NONE, Role.OPERATOR, false, Duration.ofMillis(700), resp),
                def("X-9", "start", CommandParameter.NONE, Role.OPERATOR, false, Duration.ofSeconds(3), resp),
                def("P-3", "shutdown", CommandParameter.NONE, Role.OPERATOR, false, t,
                        CommandDefinition.Confirmation.readBack("state/P-3/running", "false")),
                def("P-3", "start", CommandParameter.NONE, Role.OPERATOR, false, t,
                        CommandDefinition.Confirmation.readBack("state/P-3/running", "true"))));
    }

    /** What the simulated devices accept: P-1's valve only up to 50 %; no X-9. */
    static CommandCatalog deviceCatalog() {
        List<CommandDefinition> defs = new ArrayList<>();
        for (CommandDefinition d : consoleCatalog(Duration.ofSeconds(30)).commands()) {
            if (d.device().equals("X-9")) {
                continue;
            }
            defs.add(d.name().equals("valve_position")
                    ? def("P-1", "valve_position", CommandParameter.number(0, 50, "%"), Role.OPERATOR, false,
                            d.timeout(), d.confirmation())
                    : d);
        }
        return new CommandCatalog(Duration.ofSeconds(30), defs);
    }

    @BeforeAll
    static void startPlant() throws Exception {
        broker = new EmbeddedMqttBroker(dir.resolve("hivemq")).start();
        db = Database.open(dir.resolve("db"));
        spy = Mqtt5Client.builder().identifier("spy").serverHost("127.0.0.1").serverPort(broker.port()).buildAsync();
        spy.publishes(MqttGlobalPublishFilter.ALL, p -> atBroker.add(new Received(p.getTopic().toString(),
                new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))));
        spy.connect().join();
        for (String f : List.of("commands/#", "sensors/P-1/#", "state/#")) {
            spy.subscribeWith().topicFilter(f).qos(MqttQos.AT_LEAST_ONCE).send().join();
        }
        // P-1: flow, motor current, temperature every 100 ms (speed 10), looping
        StringBuilder csv = new StringBuilder("timestamp,device,sensor,value,unit\n");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 300; i++) {
            String ts = t0.plusSeconds(i).toString();
            csv.append(ts).append(",P-1,flow,").append(30 + (i % 5) * 0.1).append(",L/min\n");
            csv.append(ts).append(",P-1,motor_current,").append(2.5).append(",A\n");
            csv.append(ts).append(",P-1,temperature,").append(60).append(",degC\n");
        }
        Path rec = dir.resolve("p1.csv");
        Files.writeString(rec, csv);
        simulator = new DeviceSimulator(Recording.load(rec), DeviceSimulator.Settings.mqtt(URI.create(broker.url()))
                .withSpeed(10, true), Clock.systemUTC(), new DeviceSimulator.Listener() { }, deviceCatalog());
        simulator.start();
        transport = new MqttCommandTransport(console(MqttSettings.Version.V5), List.of("state/P-3/running"),
                Secrets.fromEnvironment());
        transport.start();
        assertThat(transport.awaitReady(Duration.ofSeconds(20))).isTrue();
    }

    static MqttSettings console(MqttSettings.Version version) {
        MqttSettings d = MqttSettings.defaults(URI.create(broker.url()));
        return new MqttSettings(d.serverUri(), version, "console-it-" + version, d.topicFilters(), 1, d.format(),
                d.topicPattern(), true, d.sessionExpiry(), d.keepAlive(), Duration.ofMillis(200), Duration.ofSeconds(2),
                null, null, null, d.sparkplugHostId());
    }

    @AfterAll
    static void stopPlant() {
        if (transport != null) {
            transport.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (spy != null) {
            spy.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        if (db != null) {
            db.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void newService() {
        service = service(consoleCatalog(Duration.ofSeconds(30)), transport, Clock.systemUTC());
    }

    private CommandService service(CommandCatalog catalog, CommandTransport t, Clock clock) {
        CommandService s = new CommandService(catalog, t, null, new H2CommandLog(db), audit,
                tag -> Optional.ofNullable(latest.get(tag)), DeviceAlarms.NONE, clock);
        s.addListener(heard::add);
        return s;
    }

    @AfterEach
    void closeService() {
        service.close();
    }

    private CommandRecord awaitFinal(String id) {
        AtomicReference<CommandRecord> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            heard.stream().filter(r -> r.id().equals(id) && r.status().isFinal()).findFirst().ifPresent(last::set);
            return last.get() != null;
        });
        return last.get();
    }

    private List<CommandStatus> statuses(String id) {
        return heard.stream().filter(r -> r.id().equals(id)).map(CommandRecord::status).toList();
    }

    private long messagesOn(String topic) {
        return atBroker.stream().filter(m -> m.topic().equals(topic)).count();
    }

    private CommandRecord send(Principal who, String device, String command, String value, String note) throws Exception {
        return service.execute(who, service.arm(who, device, command, value, note).token());
    }

    @Test
    void aCommandIsPublishedAndAcknowledgedByTheSimulatedDevice() throws Exception {
        latest.put("P-1/flow", new Reading("P-1/flow", 1, 30.4, "L/min"));
        ArmedCommand armed = service.arm(ALICE, "P-1", "shutdown", null, "bearing noise");
        assertThat(armed.processValueText()).isEqualTo("30.4 L/min");
        assertThat(armed.expiresAt()).isEqualTo(armed.armedAt().plusSeconds(30));
        CommandRecord queued = service.execute(ALICE, armed.token());
        assertThat(queued.status()).isEqualTo(CommandStatus.QUEUED);

        CommandRecord done = awaitFinal(queued.id());
        assertThat(done.status()).isEqualTo(CommandStatus.ACKNOWLEDGED);
        assertThat(done.reason()).isEqualTo("accepted by the device");
        assertThat(statuses(queued.id())).containsExactly(CommandStatus.QUEUED, CommandStatus.SENT, CommandStatus.ACKNOWLEDGED);
        assertThat(done.sentAt()).isNotNull();
        assertThat(done.completedAt()).isAfterOrEqualTo(done.sentAt());
        assertThat(new H2CommandLog(db).find(queued.id())).contains(done);

        JsonNode msg = JSON.readTree(atBroker.stream().filter(m -> m.topic().equals("commands/P-1/shutdown")
                && m.payload().contains(queued.id())).findFirst().orElseThrow().payload());
        assertThat(msg.get("command").asText()).isEqualTo("shutdown");
        assertThat(msg.get("operator").asText()).isEqualTo("alice");
        assertThat(msg.has("value")).isFalse();

        await().until(() -> audit.about("P-1/shutdown").size() >= 4);
        List<AuditEvent> steps = audit.about("P-1/shutdown");
        assertThat(steps).extracting(AuditEvent::action).containsExactly(AuditAction.COMMAND_ARM,
                AuditAction.COMMAND_EXECUTE, AuditAction.COMMAND_SENT, AuditAction.COMMAND_ACKNOWLEDGED);
        assertThat(steps).allSatisfy(e -> {
            assertThat(e.operator()).isEqualTo("alice");
            assertThat(e.host()).isEqualTo("console-1");
            assertThat(e.oldValue()).isEqualTo("30.4 L/min");
            assertThat(e.automatic()).isFalse();
        });
        assertThat(steps.get(1).result()).contains("bearing noise");

        // the simulated pump stopped: flow and current fall to zero, temperature goes on; start brings them back
        int from = atBroker.size();
        await().atMost(Duration.ofSeconds(10)).until(() -> zeroAfter(from, "sensors/P-1/flow")
                && zeroAfter(from, "sensors/P-1/motor_current"));
        assertThat(simulator.running("P-1")).isFalse();
        assertThat(atBroker.subList(from, atBroker.size()).stream().filter(m -> m.topic().equals("sensors/P-1/temperature")))
                .allSatisfy(m -> assertThat(value(m)).isEqualTo(60.0));
        CommandRecord start = send(ALICE, "P-1", "start", null, "");
        assertThat(awaitFinal(start.id()).status()).isEqualTo(CommandStatus.ACKNOWLEDGED);
        int after = atBroker.size();
        await().atMost(Duration.ofSeconds(10)).until(() -> atBroker.subList(after, atBroker.size()).stream()
                .anyMatch(m -> m.topic().equals("sensors/P-1/flow") && value(m) >= 30));
        assertThat(simulator.running("P-1")).isTrue();
    }

    private static boolean zeroAfter(int from, String topic) {
        return atBroker.subList(from, atBroker.size()).stream().anyMatch(m -> m.topic().equals(topic) && value(m) == 0.0);
    }

    private static double value(Received m) {
        try {
            return JSON.readTree(m.payload()).get("value").asDouble();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theDeviceRejectsAValueOutsideItsOwnSchemaWithItsReason() throws Exception {
        CommandRecord q = send(ALICE, "P-1", "valve_position", "80", "");
        CommandRecord done = awaitFinal(q.id());
        assertThat(done.status()).isEqualTo(CommandStatus.REJECTED);
        assertThat(done.reason()).isEqualTo("rejected by the device: valve_position: out of range: 80.0 is outside 0 to 50 %");
        assertThat(statuses(q.id())).containsExactly(CommandStatus.QUEUED, CommandStatus.SENT, CommandStatus.REJECTED);
        await().until(() -> !audit.of(AuditAction.COMMAND_REJECTED).isEmpty());
        assertThat(audit.of(AuditAction.COMMAND_REJECTED).get(0).result()).contains("0 to 50 %");

        CommandRecord ok = send(ALICE, "P-1", "valve_position", "42.5", "");
        assertThat(awaitFinal(ok.id()).status()).isEqualTo(CommandStatus.ACKNOWLEDGED);
        assertThat(atBroker.stream().filter(m -> m.payload().contains(ok.id())).findFirst().orElseThrow().payload())
                .contains("\"value\":42.5");
    }

    @Test
    void theConsoleRefusesWhatTheCatalogDoesNotAllowAndSendsNothing() throws Exception {
        long before = atBroker.stream().filter(m -> m.topic().startsWith("commands/")).count();
        assertThat(refusal(() -> service.arm(ALICE, "P-1", "valve_position", "120", "")))
                .isEqualTo("P-1/valve_position: out of range: 120.0 is outside 0 to 100 %");
        assertThat(refusal(() -> service.arm(ALICE, "P-1", "valve_position", "half", "")))
                .startsWith("P-1/valve_position: wrong type: 'half' is not a number");
        assertThat(refusal(() -> service.arm(ALICE, "P-1", "mode", "turbo", "")))
                .isEqualTo("P-1/mode: 'turbo' is not one of [auto, manual]");
        assertThat(refusal(() -> service.arm(ALICE, "P-1", "start", "1", ""))).isEqualTo("P-1/start: takes no value, was given '1'");
        assertThat(refusal(() -> service.arm(ALICE, "P-1", "explode", null, "")))
                .startsWith("unknown command: P-1/explode is not in the site's command catalog (P-1 accepts [shutdown, start");
        assertThat(refusal(() -> service.arm(ALICE, "P-1", "shutdown", null, "  ")))
                .isEqualTo("note required: P-1/shutdown needs a note saying why");
        assertThat(audit.of(AuditAction.COMMAND_REFUSED)).hasSize(6)
                .allSatisfy(e -> assertThat(e.result()).startsWith("REFUSED: "));
        assertThat(audit.of(AuditAction.COMMAND_ARM)).isEmpty();
        // nothing reached the broker: a command sent now is the next one there
        CommandRecord marker = send(ALICE, "P-1", "mode", "auto", "");
        awaitFinal(marker.id());
        await().until(() -> atBroker.stream().anyMatch(m -> m.payload().contains(marker.id())));
        assertThat(atBroker.stream().filter(m -> m.topic().startsWith("commands/")).count()).isEqualTo(before + 1);
    }

    private static String refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        CommandRefusedException e = catchThrowableOfType(CommandRefusedException.class, call);
        assertThat(e).as("refused").isNotNull();
        return e.getMessage();
    }

    @Test
    void aSilentDeviceTimesOutAndTheCommandIsNotResent() throws Exception {
        CommandRecord q = send(ALICE, "X-9", "shutdown", null, "");
        CommandRecord done = awaitFinal(q.id());
        assertThat(done.status()).isEqualTo(CommandStatus.TIMED_OUT);
        assertThat(done.reason()).isEqualTo("no confirmation within 700 ms");
        assertThat(statuses(q.id())).containsExactly(CommandStatus.QUEUED, CommandStatus.SENT, CommandStatus.TIMED_OUT);
        await().until(() -> !audit.of(AuditAction.COMMAND_TIMED_OUT).isEmpty());
        // once at the broker; a later command from the same client arrives after any repeat would have
        CommandRecord marker = send(ALICE, "P-1", "mode", "manual", "");
        awaitFinal(marker.id());
        await().until(() -> atBroker.stream().anyMatch(m -> m.payload().contains(marker.id())));
        assertThat(atBroker.stream().filter(m -> m.payload().contains(q.id()))).hasSize(1);
    }

    @Test
    void aDoubleExecuteSendsOnceAndASecondArmWhileInFlightIsRefused() throws Exception {
        ArmedCommand armed = service.arm(ALICE, "X-9", "start", null, "");
        CountDownLatch go = new CountDownLatch(1);
        List<Object> results = new CopyOnWriteArrayList<>();
        List<Thread> clicks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    results.add(service.execute(ALICE, armed.token()));
                } catch (CommandRefusedException e) {
                    results.add(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            clicks.add(t);
        }
        go.countDown();
        for (Thread t : clicks) {
            t.join(10_000);
        }
        assertThat(results).hasSize(2);
        assertThat(results).filteredOn(r -> r instanceof CommandRecord).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof CommandRefusedException).singleElement()
                .satisfies(e -> assertThat(((Exception) e).getMessage()).startsWith("unknown token"));
        CommandRecord q = (CommandRecord) results.stream().filter(r -> r instanceof CommandRecord).findFirst().orElseThrow();
        assertThat(refusal(() -> service.arm(BOB, "X-9", "start", null, "")))
                .startsWith("in flight: X-9/start (command " + q.id());
        assertThat(awaitFinal(q.id()).status()).isEqualTo(CommandStatus.TIMED_OUT);
        CommandRecord marker = send(ALICE, "P-1", "mode", "auto", "");
        awaitFinal(marker.id());
        await().until(() -> atBroker.stream().anyMatch(m -> m.payload().contains(marker.id())));
        assertThat(atBroker.stream().filter(m -> m.topic().equals("commands/X-9/start"))
                .filter(m -> m.payload().contains(q.id()))).hasSize(1);
        assertThat(audit.of(AuditAction.COMMAND_EXECUTE)).filteredOn(e -> e.target().equals("X-9/start")).hasSize(1);
    }

    @Test
    void rolesAreCheckedByTheServiceItself() throws Exception {
        assertThat(refusal(() -> service.arm(VIVIAN, "P-1", "start", null, "")))
                .isEqualTo("role: vivian is VIEWER; P-1/start needs OPERATOR");
        assertThat(refusal(() -> service.arm(ALICE, "P-1", "setpoint", "30", "")))
                .isEqualTo("role: alice is OPERATOR; P-1/setpoint needs ENGINEER");
        assertThat(refusal(() -> service.publishFreeForm(ALICE, "commands/P-1/start", "{}")))
                .isEqualTo("role: alice is OPERATOR; a free-form publish needs ENGINEER");
        assertThat(audit.of(AuditAction.COMMAND_REFUSED)).extracting(AuditEvent::operator)
                .containsExactly("vivian", "alice", "alice");

        CommandRecord q = send(ERNST, "P-1", "setpoint", "31.5", "");
        assertThat(awaitFinal(q.id()).status()).isEqualTo(CommandStatus.ACKNOWLEDGED);
        service.publishFreeForm(ERNST, "maintenance/P-1/note", "greased").get(10, TimeUnit.SECONDS);
        AuditEvent free = audit.of(AuditAction.FREE_PUBLISH).get(0);
        assertThat(free.operator()).isEqualTo("ernst");
        assertThat(free.target()).isEqualTo("maintenance/P-1/note");
        assertThat(free.newValue()).isEqualTo("greased");
    }

    @Test
    void onlyTheArmingOperatorMayExecuteAndOnlyWithinTheArmTimeout() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
        try (CommandService timed = service(consoleCatalog(Duration.ofSeconds(30)), transport, clock)) {
            ArmedCommand a = timed.arm(ALICE, "P-1", "mode", "auto", "");
            assertThat(refusal(() -> timed.execute(BOB, a.token()))).isEqualTo("armed by alice at console-1; only they can execute it");
            clock.advance(Duration.ofSeconds(31));
            assertThat(refusal(() -> timed.execute(ALICE, a.token())))
                    .isEqualTo("arm expired: P-1/mode was armed at 2026-11-20T10:00:00Z and had to be executed within 30000 ms; arm again");
            assertThat(refusal(() -> timed.execute(ALICE, a.token()))).startsWith("unknown token");
        }
        await().until(() -> audit.of(AuditAction.COMMAND_ARM_EXPIRED).size() == 1);
        // an arm left alone lapses by itself
        try (CommandService quick = service(consoleCatalog(Duration.ofMillis(300)), transport, Clock.systemUTC())) {
            ArmedCommand a = quick.arm(ALICE, "P-1", "mode", "manual", "");
            await().atMost(Duration.ofSeconds(10)).until(() -> audit.of(AuditAction.COMMAND_ARM_EXPIRED).size() == 2);
            assertThat(refusal(() -> quick.execute(ALICE, a.token()))).startsWith("unknown token");
            ArmedCommand b = quick.arm(ALICE, "P-1", "mode", "manual", "");
            quick.cancel(ALICE, b.token());
            assertThat(refusal(() -> quick.execute(ALICE, b.token()))).startsWith("unknown token");
        }
        assertThat(audit.of(AuditAction.COMMAND_EXECUTE)).isEmpty();
        await().until(() -> audit.of(AuditAction.COMMAND_CANCEL).size() == 1);
    }

    @Test
    void withoutTheAuditTrailNothingIsArmedOrSent() throws Exception {
        ArmedCommand a = service.arm(ALICE, "P-1", "mode", "auto", "");
        audit.failing(true);
        try {
            assertThat(refusal(() -> service.execute(ALICE, a.token())))
                    .isEqualTo("audit trail unavailable, command not sent: test: the audit store is down");
            assertThat(refusal(() -> service.arm(ALICE, "P-1", "mode", "auto", "")))
                    .isEqualTo("audit trail unavailable, command not armed: test: the audit store is down");
        } finally {
            audit.failing(false);
        }
        assertThat(service.inFlight()).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void readBackOfTheStateTopicConfirmsACommandForAnMqtt311Device() throws Exception {
        CommandRecord q = send(ALICE, "P-3", "shutdown", null, "");
        CommandRecord done = awaitFinal(q.id());
        assertThat(done.status()).isEqualTo(CommandStatus.ACKNOWLEDGED);
        assertThat(done.reason()).isEqualTo("read back state/P-3/running = false");

        // a console connected with MQTT 3.1.1: read-back works, a response-confirmed command is refused
        try (MqttCommandTransport v3 = new MqttCommandTransport(console(MqttSettings.Version.V3_1_1),
                List.of("state/P-3/running"), Secrets.fromEnvironment());
                CommandService old = service(consoleCatalog(Duration.ofSeconds(30)), v3, Clock.systemUTC())) {
            v3.start();
            assertThat(v3.awaitReady(Duration.ofSeconds(20))).isTrue();
            CommandRecord start = old.execute(ALICE, old.arm(ALICE, "P-3", "start", null, "").token());
            CommandRecord started = awaitFinal(start.id());
            assertThat(started.status()).isEqualTo(CommandStatus.ACKNOWLEDGED);
            assertThat(started.reason()).isEqualTo("read back state/P-3/running = true");
            ArmedCommand a = old.arm(ALICE, "P-1", "mode", "auto", "");
            assertThat(refusal(() -> old.execute(ALICE, a.token())))
                    .startsWith("not sent: the console's MQTT connection is 3.1.1, which has no response topics");
        }
    }

    @Test
    void replayModeRefusesEveryCommand() {
        try (CommandService replay = new CommandService(consoleCatalog(Duration.ofSeconds(30)), null,
                CommandService.REPLAY_REFUSAL, new H2CommandLog(db), audit, ProcessValues.NONE, DeviceAlarms.NONE,
                Clock.systemUTC())) {
            assertThat(refusal(() -> replay.arm(ALICE, "P-1", "start", null, "")))
                    .isEqualTo("replay: commands go to the plant only in live mode");
            assertThat(replay.unavailableReason()).isEqualTo(CommandService.REPLAY_REFUSAL);
        }
        assertThat(audit.of(AuditAction.COMMAND_REFUSED)).hasSize(1);
    }

    @Test
    void anInterlockFiresOnceThroughTheServiceAndIsAuditedAsAutomatic() throws Exception {
        TagDefinition temp = new TagDefinition("P-1/temperature", "", "degC", 0, 120,
                List.of(new LimitSpec(LimitLevel.HIHI, 90, 1, 1.0, 0)));
        AlarmEngine alarms = new AlarmEngine(List.of(temp), new H2AlarmJournal(db), Clock.systemUTC());
        InterlockRule rule = new InterlockRule("overtemp", "P-1/temperature:HIHI", Duration.ofMillis(300), "P-1",
                "shutdown", null, null);
        List<String> fired = new CopyOnWriteArrayList<>();
        service.addListener(new CommandListener() {
            @Override
            public void onCommand(CommandRecord record) {
            }

            @Override
            public void onInterlock(String name, String alarmId, CommandRecord record, String outcome) {
                fired.add(name + " " + alarmId + " " + outcome + " " + (record == null ? "-" : record.id()));
            }
        });
        try (InterlockRules rules = new InterlockRules(new InterlockSettings(true, List.of(rule)), service, "console-1")) {
            alarms.addListener(rules);
            long t = System.currentTimeMillis();
            alarms.onReading(new Reading("P-1/temperature", t, 95, "degC"));
            await().atMost(Duration.ofSeconds(10)).until(() -> fired.size() == 1);
            assertThat(fired.get(0)).startsWith("overtemp P-1/temperature:HIHI executed ");
            String id = fired.get(0).substring(fired.get(0).lastIndexOf(' ') + 1);
            CommandRecord done = awaitFinal(id);
            assertThat(done.status()).isEqualTo(CommandStatus.ACKNOWLEDGED);
            assertThat(done.automatic()).isTrue();
            assertThat(done.operator()).isEqualTo("auto:overtemp");
            assertThat(done.note()).isEqualTo("interlock overtemp: P-1/temperature:HIHI active");
            await().until(() -> audit.about("P-1/shutdown").size() == 4);
            assertThat(audit.about("P-1/shutdown")).extracting(AuditEvent::action).containsExactly(AuditAction.COMMAND_ARM,
                    AuditAction.COMMAND_EXECUTE, AuditAction.COMMAND_SENT, AuditAction.COMMAND_ACKNOWLEDGED);
            assertThat(audit.about("P-1/shutdown")).allSatisfy(e -> {
                assertThat(e.automatic()).isTrue();
                assertThat(e.operator()).isEqualTo("auto:overtemp");
            });

            // still active (more readings, an acknowledgement): no second firing
            alarms.onReading(new Reading("P-1/temperature", t + 100, 96, "degC"));
            alarms.acknowledge("P-1/temperature:HIHI", "alice", "seen");
            alarms.onReading(new Reading("P-1/temperature", t + 200, 97, "degC"));
            await().during(Duration.ofMillis(900)).atMost(Duration.ofSeconds(3)).until(() -> fired.size() == 1);

            // back to normal, then active again: fires again (start the pump first so the shutdown means something)
            CommandRecord start = send(ALICE, "P-1", "start", null, "");
            awaitFinal(start.id());
            alarms.onReading(new Reading("P-1/temperature", t + 300, 70, "degC"));
            alarms.onReading(new Reading("P-1/temperature", t + 400, 95, "degC"));
            await().atMost(Duration.ofSeconds(10)).until(() -> fired.size() == 2);
            String second = fired.get(1).substring(fired.get(1).lastIndexOf(' ') + 1);
            assertThat(awaitFinal(second).status()).isEqualTo(CommandStatus.ACKNOWLEDGED);
            // a return before the hold ends cancels it
            alarms.onReading(new Reading("P-1/temperature", t + 500, 70, "degC"));
            alarms.onReading(new Reading("P-1/temperature", t + 600, 95, "degC"));
            alarms.onReading(new Reading("P-1/temperature", t + 700, 70, "degC"));
            await().during(Duration.ofMillis(900)).atMost(Duration.ofSeconds(3)).until(() -> fired.size() == 2);
        }
        CommandRecord start = send(ALICE, "P-1", "start", null, "");
        awaitFinal(start.id());
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
