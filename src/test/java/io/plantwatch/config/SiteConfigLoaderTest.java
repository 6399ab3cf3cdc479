package io.plantwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.plantwatch.domain.LimitLevel;
import io.plantwatch.domain.LimitSpec;
import io.plantwatch.domain.StreamingSettings;
import io.plantwatch.domain.TagDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteConfigLoaderTest {

    private static final Path REPO = Path.of(System.getProperty("plantwatch.repo", "."));

    /** A valid site file; each line's number is in its comment. */
    private static final String VALID = """
            site: Test plant                   # 1
            replay:                            # 2
              recording: rec.csv               # 3
              speed: 10                        # 4
            tags:                              # 5
              - tag: P-101/flow                # 6
                unit: L/min                    # 7
                range: [0, 40]                 # 8
                deadband: 0.5                  # 9
                onDelay: 10s                   # 10
                limits:                        # 11
                  LO: {value: 31.5, priority: 2}   # 12
                  HI: {value: 38, priority: 3}     # 13
              - tag: P-101/motor_current       # 14
                unit: A                        # 15
                range: [0, 5]                  # 16
                limits:                        # 17
                  HI: {value: 3.0, priority: 3, onDelay: 500ms}  # 18
            """;

    @TempDir
    Path dir;

    private final SiteConfigLoader loader = new SiteConfigLoader();

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** VALID with one line replaced (1-based). */
    private static String withLine(int line, String replacement) {
        String[] lines = VALID.split("\n", -1);
        lines[line - 1] = replacement;
        return String.join("\n", lines);
    }

    @Test
    void bundledDemoSiteLoads() {
        SiteConfig config = loader.load(REPO.resolve("sample-data/demo-site.yaml"));

        assertThat(config.site()).isEqualTo("Demo plant (SKAB pump rig, NAB machine)");
        assertThat(config.tags()).hasSize(17);
        assertThat(config.tags()).filteredOn(t -> t.tag().startsWith("P-101/")).hasSize(8);
        assertThat(config.tags()).filteredOn(t -> t.tag().startsWith("P-102/")).hasSize(8);
        assertThat(config.tags()).filteredOn(t -> t.tag().startsWith("M-301/")).hasSize(1);
        assertThat(config.tags().get(0).tag()).isEqualTo("P-101/flow");

        TagDefinition flow = config.tag("P-101/flow").orElseThrow();
        assertThat(flow.unit()).isEqualTo("L/min");
        assertThat(flow.rangeLow()).isEqualTo(0.0);
        assertThat(flow.rangeHigh()).isEqualTo(40.0);
        assertThat(flow.limits()).extracting(LimitSpec::level, LimitSpec::value, LimitSpec::priority,
                LimitSpec::deadband, LimitSpec::onDelayMillis).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LimitLevel.LOLO, 30.5, 1, 0.5, 10_000L),
                org.assertj.core.groups.Tuple.tuple(LimitLevel.LO, 31.5, 2, 0.5, 10_000L));
        LimitSpec lolo = flow.limit(LimitLevel.LOLO).orElseThrow();
        assertThat(lolo.options().ackNoteRequired()).isTrue();
        assertThat(lolo.options().latching()).isFalse();
        assertThat(lolo.options().rationale().action()).startsWith("Check the inlet valve position");
        assertThat(flow.suppressWhen()).isEqualTo(new io.plantwatch.domain.SuppressionRule("P-101/motor_current", true, 0.2));
        LimitSpec trip = config.tag("P-101/motor_temperature").orElseThrow().limit(LimitLevel.HIHI).orElseThrow();
        assertThat(trip.options().latching()).isTrue();
        assertThat(config.alarms().maxShelve()).isEqualTo(Duration.ofHours(8));
        assertThat(config.tag("M-301/temperature").orElseThrow().limit(LimitLevel.HI).orElseThrow().onDelayMillis())
                .isEqualTo(Duration.ofMinutes(15).toMillis());

        assertThat(config.replay().recording()).isAbsolute()
                .endsWith(Path.of("skab-valve1-09.csv"))
                .isEqualTo(REPO.resolve("sample-data/skab-valve1-09.csv").toAbsolutePath().normalize());
        assertThat(config.replay().recording()).exists();
        assertThat(config.replay().speed()).isEqualTo(20.0);
        assertThat(config.streaming()).isEqualTo(new StreamingSettings(Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofMillis(250), 2, 1_000_000));
        assertThat(config.file()).isAbsolute();
    }

    @Test
    void validFileLoadsWithDefaultsAndPerLimitOverrides() throws IOException {
        SiteConfig config = loader.load(write("site.yaml", VALID));

        assertThat(config.streaming()).isEqualTo(StreamingSettings.defaults());
        assertThat(config.replay().speed()).isEqualTo(10.0);
        assertThat(config.replay().recording()).isEqualTo(dir.resolve("rec.csv").toAbsolutePath().normalize());
        assertThat(config.tagsById().keySet()).containsExactly("P-101/flow", "P-101/motor_current");
        assertThat(config.tag("P-101/flow").orElseThrow().limits()).containsExactly(
                new LimitSpec(LimitLevel.LO, 31.5, 2, 0.5, 10_000),
                new LimitSpec(LimitLevel.HI, 38, 3, 0.5, 10_000));
        assertThat(config.tag("P-101/motor_current").orElseThrow().limits()).containsExactly(
                new LimitSpec(LimitLevel.HI, 3.0, 3, 0.0, 500));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # case                      | line | replacement                                        | message must contain
            unknown key                 | 10   | "    onDelays: 10s"                                | unknown key 'onDelays'
            LO above HI                 | 12   | "      LO: {value: 39, priority: 2}"               | LO (39.0) must be below HI (38.0)
            bad tag duration            | 10   | "    onDelay: 10 sec"                              | '10 sec' is not a duration
            bad limit duration          | 18   | "      HI: {value: 3.0, priority: 3, onDelay: 2x}" | '2x' is not a duration
            priority 7                  | 13   | "      HI: {value: 38, priority: 7}"               | priority must be 1 (highest) to 4, was 7
            priority not a number       | 13   | "      HI: {value: 38, priority: high}"            | high
            negative deadband           | 9    | "    deadband: -1"                                 | deadband must be >= 0
            invalid tag id              | 14   | "  - tag: P 101/motor_current"                     | device id 'P 101'
            tag id without sensor       | 6    | "  - tag: P-101"                                   | must be device/sensor
            duplicate tag               | 14   | "  - tag: P-101/flow"                              | tag 'P-101/flow' is configured twice
            empty range                 | 16   | "    range: [5, 5]"                                | range high 5.0 must be above range low 5.0
            range with one value        | 16   | "    range: [5]"                                   | range must be [low, high]
            missing range               | 16   | "    description: no range here"                   | range
            unknown limit level         | 13   | "      HIGH: {value: 38, priority: 3}"             | HIGH
            limit without priority      | 13   | "      HI: {value: 38}"                            | priority
            deadband not a number       | 9    | "    deadband: lots"                               | lots
            missing tag                 | 6    | "  - description: no tag here"                     | tag id is missing
            bad replay speed            | 4    | "  speed: 0.5"                                     | speed '0.5' must be a factor >= 1
            invalid YAML syntax         | 8    | "    range: [0, 40]]"                              | not valid YAML
            tab indentation             | 7    | "\tunit: L/min"                                    | not valid YAML
            bad off-delay               | 10   | "    offDelay: soon"                               | 'soon' is not a duration
            bad limit off-delay         | 13   | "      HI: {value: 38, priority: 3, offDelay: 1 hour}" | '1 hour' is not a duration
            suppressWhen both ways      | 9    | "    suppressWhen: {tag: P-101/motor_current, below: 0.2, above: 3}" | exactly one of 'below' or 'above'
            suppressWhen neither way    | 9    | "    suppressWhen: {tag: P-101/motor_current}"     | exactly one of 'below' or 'above'
            suppressed by its own tag   | 9    | "    suppressWhen: {tag: P-101/flow, below: 1}"     | cannot be suppressed by its own tag
            """)
    void badFileIsRejectedNamingFileLineAndFix(String name, int line, String replacement, String problem)
            throws IOException {
        Path file = write("broken-site.yaml", withLine(line, replacement));
        int expectedLine = name.equals("missing range") ? 14 : line;

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file));

        assertThat(e).as(name).isNotNull();
        assertThat(e.getMessage()).as(name)
                .startsWith("broken-site.yaml line " + expectedLine + ": ")
                .contains(problem)
                .contains("Fix: ");
        assertThat(e.line()).as(name).isEqualTo(expectedLine);
        assertThat(e.file()).isEqualTo(file.toAbsolutePath().normalize());
    }

    @Test
    void alarmOptionsAndSuppressionAreRead() throws IOException {
        SiteConfig config = loader.load(write("site.yaml", withLine(9, "    suppressWhen: {tag: P-101/motor_current, below: 0.2}")
                .replace("      HI: {value: 38, priority: 3}     # 13",
                        "      HI: {value: 38, priority: 3, offDelay: 30s, latching: true, ackNoteRequired: true, "
                                + "shelvingAllowed: false, rationale: {cause: c, consequence: q, action: a}}")));

        TagDefinition flow = config.tag("P-101/flow").orElseThrow();
        assertThat(flow.suppressWhen()).isEqualTo(new io.plantwatch.domain.SuppressionRule("P-101/motor_current", true, 0.2));
        io.plantwatch.domain.AlarmOptions hi = flow.limit(LimitLevel.HI).orElseThrow().options();
        assertThat(hi).isEqualTo(new io.plantwatch.domain.AlarmOptions(30_000, true, true, false,
                new io.plantwatch.domain.AlarmOptions.Rationale("c", "q", "a")));
        assertThat(flow.limit(LimitLevel.LO).orElseThrow().options()).isEqualTo(io.plantwatch.domain.AlarmOptions.DEFAULTS);
        assertThat(config.alarms()).isEqualTo(SiteConfig.AlarmSettings.DEFAULTS);
    }

    @Test
    void suppressionByAnUnconfiguredTagNamesTheTagEntry() throws IOException {
        Path file = write("broken-site.yaml", withLine(9, "    suppressWhen: {tag: P-101/nothing, below: 0.2}"));

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file));

        assertThat(e.getMessage()).startsWith("broken-site.yaml line 6: ")
                .contains("suppressWhen refers to tag 'P-101/nothing', which is not configured").contains("Fix: ");
    }

    @Test
    void maxShelveIsReadAndABadOneNamesItsLine() throws IOException {
        SiteConfig ok = loader.load(write("site.yaml", VALID.replace("tags:                              # 5",
                "alarms: {maxShelve: 2h}\ntags:")));
        assertThat(ok.alarms().maxShelve()).isEqualTo(Duration.ofHours(2));

        Path file = write("broken-site.yaml", VALID.replace("tags:                              # 5",
                "alarms:\n  maxShelve: forever\ntags:"));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file));
        assertThat(e.getMessage()).startsWith("broken-site.yaml line 6: ").contains("'forever' is not a duration");
    }

    @Test
    void securityBlockIsReadWithDefaultsAndABadValueNamesItsLine() throws IOException {
        assertThat(loader.load(write("site.yaml", VALID)).security()).isEqualTo(io.plantwatch.security.LoginPolicy.DEFAULTS);
        assertThat(io.plantwatch.security.LoginPolicy.DEFAULTS.lockAfter()).isEqualTo(Duration.ofMinutes(15));

        SiteConfig ok = loader.load(write("site.yaml", VALID.replace("tags:                              # 5",
                "security:\n  lockAfter: 2m\n  maxFailedLogins: 3\n  lockout: 30s\ntags:")));
        assertThat(ok.security()).isEqualTo(new io.plantwatch.security.LoginPolicy(Duration.ofMinutes(2), 3,
                Duration.ofSeconds(30)));
        assertThat(loader.load(write("site.yaml", VALID.replace("tags:                              # 5",
                "security: {lockAfter: never}\ntags:"))).security().lockAfter()).isZero();

        Path file = write("broken-site.yaml", VALID.replace("tags:                              # 5",
                "security:\n  lockout: 1m\n  lockAfter: a while\ntags:"));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file));
        assertThat(e.getMessage()).startsWith("broken-site.yaml line 7: ").contains("'a while' is not a duration");

        Path zero = write("zero-site.yaml", VALID.replace("tags:                              # 5",
                "security:\n  maxFailedLogins: 0\ntags:"));
        ConfigException z = catchThrowableOfType(ConfigException.class, () -> loader.load(zero));
        assertThat(z.getMessage()).startsWith("zero-site.yaml line 6: ").contains("maxFailedLogins must be at least 1");

        Path typo = write("typo-site.yaml", VALID.replace("tags:                              # 5",
                "security:\n  lockAftr: 5m\ntags:"));
        assertThat(catchThrowableOfType(ConfigException.class, () -> loader.load(typo)).getMessage())
                .contains("unknown key 'lockAftr'");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # line | setting                  | message must contain
            3      | window: 0s               | streaming.window must be positive
            4      | watermark: soon          | 'soon' is not a duration
            5      | trigger: 1 sec           | '1 sec' is not a duration
            6      | shufflePartitions: 0     | streaming.shufflePartitions must be >= 1
            7      | maxReadingsPerTrigger: 0 | streaming.maxReadingsPerTrigger must be >= 1
            """)
    void streamingSettingErrorsPointAtTheirLine(int line, String setting, String problem) throws IOException {
        String[] lines = """
                site: x
                streaming:
                  window: 10s
                  watermark: 5s
                  trigger: 1s
                  shufflePartitions: 2
                  maxReadingsPerTrigger: 1000
                tags:
                  - tag: A/b
                    range: [0, 1]
                """.split("\n");
        lines[line - 1] = "  " + setting;
        Path file = write("streaming.yaml", String.join("\n", lines));

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("streaming.yaml line " + line + ": ")
                .hasMessageContaining(problem)
                .hasMessageContaining("Fix: ");
    }

    @Test
    void fileWithoutTagsIsRejected() throws IOException {
        Path file = write("no-tags.yaml", "site: x\ntags: []\n");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no-tags.yaml line ")
                .hasMessageContaining("no tags are configured")
                .hasMessageContaining("Fix: ");
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path file = write("empty.yaml", "");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("empty.yaml line 1: ")
                .hasMessageContaining("Fix: ");
    }

    @Test
    void missingFileIsRejectedNamingTheFileAndFix() {
        Path file = dir.resolve("nowhere.yaml");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("nowhere.yaml: file not found").contains("Fix: ");
        assertThat(e.line()).isZero();
        assertThat(e.file()).isEqualTo(file.toAbsolutePath().normalize());
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            1,      1.0
            20x,    20.0
            ' 10X ', 10.0
            2.5,    2.5
            max,    Infinity
            MAX,    Infinity
            """)
    void replaySpeedParses(String text, double expected) {
        assertThat(SiteConfigLoader.parseSpeed(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            0
            0.5
            -3
            fast
            Infinity
            NaN
            x
            """)
    void invalidReplaySpeedIsRefused(String text) {
        assertThatThrownBy(() -> SiteConfigLoader.parseSpeed(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("speed '" + text + "'");
    }
}
