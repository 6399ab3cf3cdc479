package io.plantwatch.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantwatch.domain.CommandParameter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command wire format and the value checks shared by console and devices (docs/commands.md). */
class CommandMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CommandParameter VALVE = CommandParameter.number(0, 100, "%");
    private static final CommandParameter MODE = CommandParameter.oneOf(List.of("auto", "manual"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            0        | 0.0
            100      | 100.0
            ' 42.5 ' | 42.5
            """)
    void aNumberInRangeIsCanonical(String text, String canonical) {
        assertThat(VALVE.check(text)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            100.01 | out of range: 100.01 is outside 0 to 100 %
            -1     | out of range: -1.0 is outside 0 to 100 %
            NaN    | out of range: NaN is outside 0 to 100 %
            half   | wrong type: 'half' is not a number (expected 0 to 100 %)
            null   | needs a number from 0 to 100 %
            """)
    void aBadNumberIsRefusedWithTheReason(String text, String reason) {
        assertThatThrownBy(() -> VALVE.check(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(reason);
    }

    @Test
    void enumsBooleansAndNoValueAreChecked() {
        assertThat(MODE.check("auto")).isEqualTo("auto");
        assertThatThrownBy(() -> MODE.check("Auto")).hasMessage("'Auto' is not one of [auto, manual]");
        assertThat(CommandParameter.bool().check("TRUE")).isEqualTo("true");
        assertThatThrownBy(() -> CommandParameter.bool().check("yes")).hasMessage("wrong type: needs true or false, was 'yes'");
        assertThat(CommandParameter.NONE.check(" ")).isNull();
        assertThatThrownBy(() -> CommandParameter.NONE.check("1")).hasMessage("takes no value, was given '1'");
    }

    @Test
    void theCommandMessageCarriesATypedValue() throws Exception {
        byte[] m = CommandMessages.command("id-1", "P-101", "valve_position", VALVE, "42.5", "alice",
                Instant.parse("2026-11-20T10:15:30.250Z"));
        assertThat(JSON.readTree(m)).isEqualTo(JSON.readTree("""
                {"commandId":"id-1","device":"P-101","command":"valve_position","value":42.5,"operator":"alice",
                 "issuedAt":"2026-11-20T10:15:30.250Z"}"""));
        CommandMessages.Command c = CommandMessages.parseCommand(m);
        assertThat(c.command()).isEqualTo("valve_position");
        assertThat(CommandMessages.invalid(VALVE, c.value())).isNull();
        assertThat(CommandMessages.invalid(CommandParameter.number(0, 50, "%"), c.value()))
                .isNull();
        assertThat(CommandMessages.invalid(CommandParameter.number(0, 40, "%"), c.value()))
                .isEqualTo("out of range: 42.5 is outside 0 to 40 %");
        assertThat(JSON.readTree(CommandMessages.command("i", "P", "enable", CommandParameter.bool(), "true", "a",
                Instant.EPOCH)).get("value").isBoolean()).isTrue();
        assertThat(JSON.readTree(CommandMessages.command("i", "P", "shutdown", CommandParameter.NONE, null, "a",
                Instant.EPOCH)).has("value")).isFalse();
    }

    @Test
    void aDeviceRefusesAValueOfTheWrongJsonType() throws Exception {
        assertThat(CommandMessages.invalid(VALVE, JSON.readTree("\"42\""))).startsWith("wrong type: needs a number 0 to 100 %");
        assertThat(CommandMessages.invalid(MODE, JSON.readTree("1"))).isEqualTo("'1' is not one of [auto, manual]");
        assertThat(CommandMessages.invalid(CommandParameter.NONE, JSON.readTree("1"))).isEqualTo("takes no value");
        assertThat(CommandMessages.invalid(CommandParameter.bool(), JSON.readTree("\"true\""))).startsWith("wrong type");
        assertThatThrownBy(() -> CommandMessages.parseCommand("{\"value\":1}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("\"command\"");
        assertThatThrownBy(() -> CommandMessages.parseCommand("shutdown".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("command is not JSON");
    }

    @Test
    void responsesRoundTripAndGarbageIsRefused() {
        assertThat(CommandMessages.parseResponse(CommandMessages.response(true, null)))
                .isEqualTo(new CommandMessages.Response(true, ""));
        assertThat(CommandMessages.parseResponse(CommandMessages.response(false, "interlocked")))
                .isEqualTo(new CommandMessages.Response(false, "interlocked"));
        assertThat(CommandMessages.parseResponse("{\"result\":\"rejected\"}".getBytes(StandardCharsets.UTF_8)).reason())
                .isEqualTo("no reason given");
        assertThatThrownBy(() -> CommandMessages.parseResponse("{\"result\":\"ok\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource(delimiter = '|', textBlock = """
            false   | '{"value":false}'   | true
            false   | 'false'             | true
            false   | 'true'              | false
            42.5    | '{"value":42.50}'   | true
            42.5    | '42.4'              | false
            stopped | '"STOPPED"'         | true
            stopped | 'running'           | false
            """)
    void readBackComparesNumbersByValueAndTextIgnoringCase(String expected, String payload, boolean match) {
        assertThat(CommandMessages.matches(expected, CommandMessages.stateValue(payload.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(match);
    }
}
