package io.plantwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.plantwatch.domain.CommandCatalog;
import io.plantwatch.domain.CommandDefinition;
import io.plantwatch.domain.CommandParameter;
import io.plantwatch.domain.InterlockRule;
import io.plantwatch.domain.InterlockSettings;
import io.plantwatch.domain.Role;
import io.plantwatch.testsupport.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The site file's {@code commands} and {@code interlocks} blocks (docs/configuration.md, docs/commands.md). */
class CommandsConfigTest {

    private static final String TAGS = """
            tags:
              - tag: P-101/flow
                unit: L/min
                range: [0, 40]
              - tag: P-101/motor_temperature
                unit: degC
                range: [0, 120]
                limits:
                  HIHI: {value: 90, priority: 1}
            """;

    @TempDir
    Path dir;

    private final SiteConfigLoader loader = new SiteConfigLoader();

    private SiteConfig load(String yaml) throws IOException {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, TAGS + yaml, StandardCharsets.UTF_8);
        return loader.load(file);
    }

    private ConfigException error(String yaml) throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, TAGS + yaml, StandardCharsets.UTF_8);
        return catchThrowableOfType(ConfigException.class, () -> loader.load(file));
    }

    /** 1-based line of the first line of {@code TAGS + yaml} that contains {@code text}. */
    private static int lineOf(String yaml, String text) {
        String[] lines = (TAGS + yaml).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in the file");
    }

    @Test
    void withoutTheBlocksThereAreNoCommandsAndInterlocksAreOff() throws IOException {
        SiteConfig c = load("site: x\n");
        assertThat(c.commands()).isEqualTo(CommandCatalog.EMPTY);
        assertThat(c.commands().armTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.interlocks()).isEqualTo(InterlockSettings.OFF);
    }

    @Test
    void everyFieldIsReadAndDefaultsAreDocumented() throws IOException {
        SiteConfig c = load("""
                commands:
                  armTimeout: 20s
                  topic: "plant/{device}/cmd/{command}"
                  devices:
                    - device: P-101
                      commands:
                        - name: shutdown
                        - name: valve_position
                          description: Inlet valve
                          topic: "valves/{device}/{command}/set"
                          parameter: {type: number, min: 0, max: 100, unit: "%"}
                          role: engineer
                          noteRequired: true
                          timeout: 3s
                          expiry: 2s
                          processTag: P-101/flow
                        - name: mode
                          parameter: {type: enum, values: [auto, manual]}
                        - name: enable
                          parameter: {type: boolean}
                          readBack: {topic: "state/{device}/{command}", expect: "{value}"}
                """);
        CommandCatalog cat = c.commands();
        assertThat(cat.armTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(cat.commands()).extracting(CommandDefinition::key)
                .containsExactly("P-101/shutdown", "P-101/valve_position", "P-101/mode", "P-101/enable");
        CommandDefinition shutdown = cat.find("P-101", "shutdown").orElseThrow();
        assertThat(shutdown.topic()).isEqualTo("plant/P-101/cmd/shutdown");
        assertThat(shutdown.parameter()).isEqualTo(CommandParameter.NONE);
        assertThat(shutdown.role()).isEqualTo(Role.OPERATOR);
        assertThat(shutdown.noteRequired()).isFalse();
        assertThat(shutdown.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(shutdown.expiry()).isEqualTo(Duration.ofSeconds(10));
        assertThat(shutdown.confirmation()).isEqualTo(CommandDefinition.Confirmation.RESPONSE);
        assertThat(shutdown.processTag()).isNull();
        CommandDefinition valve = cat.find("P-101", "valve_position").orElseThrow();
        assertThat(valve.topic()).isEqualTo("valves/P-101/valve_position/set");
        assertThat(valve.description()).isEqualTo("Inlet valve");
        assertThat(valve.parameter()).isEqualTo(CommandParameter.number(0, 100, "%"));
        assertThat(valve.role()).isEqualTo(Role.ENGINEER);
        assertThat(valve.noteRequired()).isTrue();
        assertThat(valve.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(valve.expiry()).isEqualTo(Duration.ofSeconds(2));
        assertThat(valve.processTag()).isEqualTo("P-101/flow");
        assertThat(cat.find("P-101", "mode").orElseThrow().parameter()).isEqualTo(CommandParameter.oneOf(List.of("auto", "manual")));
        CommandDefinition enable = cat.find("P-101", "enable").orElseThrow();
        assertThat(enable.parameter().type()).isEqualTo(CommandParameter.Type.BOOLEAN);
        assertThat(enable.confirmation()).isEqualTo(CommandDefinition.Confirmation.readBack("state/P-101/enable", "{value}"));
        assertThat(enable.confirmation().expected("true")).isEqualTo("true");
    }

    @Test
    void interlocksAreReadAndCheckedAgainstTagsAndCatalog() throws IOException {
        SiteConfig c = load("""
                commands:
                  devices:
                    - device: P-101
                      commands:
                        - name: shutdown
                          noteRequired: true
                interlocks:
                  enabled: true
                  rules:
                    - name: overtemp
                      alarm: P-101/motor_temperature:HIHI
                      for: 10s
                      command: P-101/shutdown
                """);
        assertThat(c.interlocks().enabled()).isTrue();
        InterlockRule r = c.interlocks().rules().get(0);
        assertThat(r).isEqualTo(new InterlockRule("overtemp", "P-101/motor_temperature:HIHI", Duration.ofSeconds(10),
                "P-101", "shutdown", null, null));
        assertThat(r.note()).isEqualTo("interlock overtemp: P-101/motor_temperature:HIHI active");
        assertThat(r.operator()).isEqualTo("auto:overtemp");
    }

    @Test
    void theBundledDemoSiteHasTheDocumentedCatalog() {
        SiteConfig c = loader.load(TestPaths.sample("demo-site.yaml"));
        assertThat(c.commands().forDevice("P-101")).extracting(CommandDefinition::name)
                .contains("shutdown", "start", "valve_position", "setpoint");
        assertThat(c.commands().find("P-101", "valve_position").orElseThrow().parameter())
                .isEqualTo(CommandParameter.number(0, 100, "%"));
        assertThat(c.commands().find("P-102", "shutdown").orElseThrow().confirmation().kind())
                .isEqualTo(CommandDefinition.Confirmation.Kind.READ_BACK);
        assertThat(c.interlocks().enabled()).isFalse();
        assertThat(c.interlocks().rules()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown role           | role: boss                                  | role: boss     | role must be viewer, operator or engineer
            parameter type         | 'parameter: {type: text}'                   | type: text     | parameter type must be none, number, enum or boolean
            number without max     | 'parameter: {type: number, min: 0}'         | type: number   | needs min and max
            min above max          | 'parameter: {type: number, min: 5, max: 1}' | type: number   | min < max
            empty enum             | 'parameter: {type: enum, values: []}'       | type: enum     | list of non-empty values
            timeout not a duration | timeout: soon                               | timeout: soon  | is not a duration
            wildcard topic         | 'topic: "commands/+/x"'                     | topic:         | must not contain wildcards
            read-back w/o expect   | 'readBack: {topic: state/x}'                | readBack       | expected value
            unknown key            | colour: red                                 | colour: red    | unknown key 'colour'
            """)
    void aBadCommandEntryNamesItsLineAndTheFix(String what, String entry, String marker, String message) throws IOException {
        String yaml = """
                commands:
                  devices:
                    - device: P-101
                      commands:
                        - name: start
                        - name: valve_position
                          %s
                """.formatted(entry);
        ConfigException e = error(yaml);
        assertThat(e).as(what).isNotNull();
        assertThat(e.getMessage()).contains("broken.yaml line " + lineOf(yaml, marker)).contains(message).contains("Fix:");
    }

    @Test
    void aCommandDefinedTwiceIsAnErrorAtTheSecond() throws IOException {
        String yaml = """
                commands:
                  devices:
                    - device: P-101
                      commands:
                        - name: start
                        - name: shutdown
                    - device: P-101
                      commands:
                        - name: start   # again
                """;
        ConfigException e = error(yaml);
        assertThat(e.getMessage()).contains("line " + lineOf(yaml, "# again")).contains("P-101/start is defined twice");
    }

    @Test
    void aProcessTagThatIsNotConfiguredIsAnError() throws IOException {
        String yaml = """
                commands:
                  devices:
                    - device: P-101
                      commands:
                        - name: start
                          processTag: P-101/speed
                """;
        ConfigException e = error(yaml);
        assertThat(e.getMessage()).contains("line " + lineOf(yaml, "processTag")).contains("'P-101/speed' is not a configured tag");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            alarm without level    | alarm: P-101/motor_temperature       | command: P-101/shutdown | alarm: P-101      | alarm must be tag:LEVEL
            alarm not configured   | alarm: P-101/flow:HIHI               | command: P-101/shutdown | alarm: P-101/flow |  has no HIHI limit
            command not in catalog | alarm: P-101/motor_temperature:HIHI  | command: P-101/stop     | command: P-101/stop | 'P-101/stop' is not in the command catalog
            command not dev/cmd    | alarm: P-101/motor_temperature:HIHI  | command: shutdown       | command: shutdown | must be device/command
            value for no-value cmd | alarm: P-101/motor_temperature:HIHI  | 'command: P-101/shutdown, value: "3"' | name: r1 | takes no value
            """)
    void aBadInterlockRuleNamesItsLine(String what, String alarm, String command, String marker, String message)
            throws IOException {
        String yaml = """
                commands:
                  devices:
                    - device: P-101
                      commands:
                        - name: shutdown
                interlocks:
                  enabled: true
                  rules:
                    - name: r1
                      %s
                      %s
                """.formatted(alarm, command.replace(", value", "\n      value"));
        ConfigException e = error(yaml);
        assertThat(e).as(what).isNotNull();
        assertThat(e.getMessage()).contains("line " + lineOf(yaml, marker)).contains(message).contains("Fix:");
    }
}
