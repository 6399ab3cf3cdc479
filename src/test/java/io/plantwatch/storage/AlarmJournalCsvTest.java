package io.plantwatch.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.AlarmTransition.Cause;
import io.plantwatch.domain.LimitLevel;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmJournalCsvTest {

    private static final AlarmTransition ACTIVATE = new AlarmTransition("P-101/flow:LO", "P-101/flow", LimitLevel.LO, 2,
            Cause.ACTIVATE, AlarmState.NORMAL, AlarmState.UNACK, Instant.parse("2020-03-09T13:24:38Z").toEpochMilli(),
            Instant.parse("2026-05-04T10:15:30.123456Z"), 31.25, 31.5, "system", "");
    private static final AlarmTransition ACK = new AlarmTransition("P-101/flow:LO", "P-101/flow", LimitLevel.LO, 2,
            Cause.ACKNOWLEDGE, AlarmState.UNACK, AlarmState.ACKED, Instant.parse("2020-03-09T13:24:40.5Z").toEpochMilli(),
            Instant.parse("2026-05-04T10:16:00Z"), Double.NaN, 31.5, "Smith, J.",
            "valve \"V-3\" checked, flow ok\nsee log; second line\r\nthird");

    private static String csv(List<AlarmTransition> transitions) throws IOException {
        StringWriter out = new StringWriter();
        AlarmJournalCsv.write(transitions, out);
        return out.toString();
    }

    @Test
    void headerThenOneCrlfTerminatedRecordPerTransitionWithIsoUtcTimes() throws IOException {
        String text = csv(List.of(ACTIVATE));

        assertThat(text).isEqualTo("event_time_utc,wall_time_utc,alarm_id,tag,level,priority,cause,from_state,to_state,"
                + "value,limit,actor,comment\r\n"
                + "2020-03-09T13:24:38.000Z,2026-05-04T10:15:30.123456Z,P-101/flow:LO,P-101/flow,LO,2,ACTIVATE,NORMAL,"
                + "UNACK,31.25,31.5,system,\r\n");
    }

    @Test
    void commasQuotesAndNewlinesAreQuotedAfterRfc4180() throws IOException {
        String text = csv(List.of(ACK));

        assertThat(text).endsWith(",,31.5,\"Smith, J.\",\"valve \"\"V-3\"\" checked, flow ok\nsee log; second line\r\n"
                + "third\"\r\n");
        assertThat(text).contains("2020-03-09T13:24:40.500Z,2026-05-04T10:16:00.000000Z,");

        List<List<String>> records = parse(text);
        assertThat(records).hasSize(2);
        assertThat(records.get(1)).hasSize(AlarmJournalCsv.HEADER.size());
        assertThat(records.get(1).get(9)).as("NaN value").isEmpty();
        assertThat(records.get(1).get(11)).isEqualTo("Smith, J.");
        assertThat(records.get(1).get(12)).isEqualTo(ACK.comment());
    }

    @Test
    void emptyListGivesTheHeaderOnly() throws IOException {
        assertThat(parse(csv(List.of()))).containsExactly(AlarmJournalCsv.HEADER);
    }

    @Test
    void recordsKeepTheGivenOrder() throws IOException {
        List<List<String>> records = parse(csv(List.of(ACK, ACTIVATE)));

        assertThat(records).extracting(r -> r.get(6)).containsExactly("cause", "ACKNOWLEDGE", "ACTIVATE");
    }

    /** A minimal RFC 4180 reader: records end at CRLF outside quotes. */
    private static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(field).as("text ends with CRLF").isEmpty();
        assertThat(record).isEmpty();
        return records;
    }
}
