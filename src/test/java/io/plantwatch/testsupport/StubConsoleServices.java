package io.plantwatch.testsupport;

import io.plantwatch.config.Connections;
import io.plantwatch.config.SiteConfig;
import io.plantwatch.domain.AlarmJournalFilter;
import io.plantwatch.domain.AlarmOptions;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.domain.ConnectionTest;
import io.plantwatch.domain.DeadLetter;
import io.plantwatch.domain.KafkaSettings;
import io.plantwatch.domain.MqttSettings;
import io.plantwatch.domain.TagDefinition;
import io.plantwatch.ui.ConsoleServices;
import io.plantwatch.ui.StatusSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link ConsoleServices} for ViewModel tests: no tags, no standing alarms, operator actions do
 * nothing, and the alarm journal is an in-memory list searched with {@link AlarmJournalFilter#matches}.
 * Records the searches it was asked for. Connections: starts on {@link Connections#REPLAY_ONLY};
 * connection tests answer {@link #mqttTest} / {@link #kafkaTest} at once and record what was tested;
 * saves and switches are recorded (and fail with {@link #saveFailure} when set). Rejected input is
 * {@link #rejected} and {@link #deadLetters}.
 */
public class StubConsoleServices implements ConsoleServices {

    /** The journal, in recording order; tests add to it. */
    public final List<AlarmTransition> journal = new ArrayList<>();
    /** Every search: its filter. */
    public final List<AlarmJournalFilter> searches = new ArrayList<>();
    /** Every search: its limit. */
    public final List<Integer> limits = new ArrayList<>();
    /** The event-time clock returned by {@link #eventTimeMillis()}. */
    public long eventTime = Long.MIN_VALUE;
    /** When set, journal reads throw it (a database failure). */
    public RuntimeException failure;

    /** The tags shown (none unless a test adds some before building the console). */
    public final List<TagDefinition> tags = new ArrayList<>();
    /** The site file reported by {@link #siteFile()}. */
    public Path siteFile = Path.of("/sites/demo/site.yaml");
    /** The connections in force; {@link #saveConnections} replaces them. */
    public volatile Connections connections = Connections.REPLAY_ONLY;
    /** The replay settings in force. */
    public volatile SiteConfig.ReplaySettings replay = new SiteConfig.ReplaySettings(Path.of("/sites/demo/rec.csv"), 20);
    /** What an MQTT connection test answers. */
    public volatile CompletableFuture<ConnectionTest> mqttTest = CompletableFuture.completedFuture(ConnectionTest.ok(12));
    /** What a Kafka connection test answers. */
    public volatile CompletableFuture<ConnectionTest> kafkaTest = CompletableFuture.completedFuture(ConnectionTest.ok(34));
    /** Every MQTT setting tested. */
    public final List<MqttSettings> mqttTested = new CopyOnWriteArrayList<>();
    /** Every Kafka setting tested. */
    public final List<KafkaSettings> kafkaTested = new CopyOnWriteArrayList<>();
    /** Every save: the connections. */
    public final List<Connections> saved = new CopyOnWriteArrayList<>();
    /** Every save: the replay settings. */
    public final List<SiteConfig.ReplaySettings> savedReplay = new CopyOnWriteArrayList<>();
    /** Every switch of source. */
    public final List<Connections> switched = new CopyOnWriteArrayList<>();
    /** Every switch of source: the replay settings. */
    public final List<SiteConfig.ReplaySettings> switchedReplay = new CopyOnWriteArrayList<>();
    /** Every mapping saved: the CSV file and the mapping (written for real beside it). */
    public final List<Map.Entry<Path, io.plantwatch.domain.WideCsvMapping>> mappingsSaved = new CopyOnWriteArrayList<>();
    /** Every export asked for, with its job; tests drive the job's progress and outcome. */
    public final List<Map.Entry<io.plantwatch.domain.ExportRequest, io.plantwatch.ui.ExportJob>> exports =
            new CopyOnWriteArrayList<>();
    /** When set, saves and switches throw it. */
    public volatile RuntimeException saveFailure;
    /** Rejected counts by reason, most frequent first. */
    public final Map<String, Long> rejected = new LinkedHashMap<>();
    /** Dead letters, newest first. */
    public final List<DeadLetter> deadLetters = new ArrayList<>();
    /** How many times rejected input was read. */
    public volatile int rejectedReads;
    /** Who is logged in (nobody, a viewer, unless a test sets an operator). */
    public volatile io.plantwatch.domain.Principal principal = new io.plantwatch.domain.Principal(
            io.plantwatch.security.LoginService.NOBODY, io.plantwatch.domain.Role.VIEWER, "test-host");
    /** The status bar's sample; tests replace it. */
    public volatile StatusSnapshot status = new StatusSnapshot("RUNNING", "", 0, 0, 0, 0, "test.csv", 1, 0, 0, 0);

    @Override
    public String siteName() {
        return "test";
    }

    @Override
    public List<TagDefinition> tags() {
        return tags;
    }

    @Override
    public List<AlarmTransition> standingAlarms() {
        return List.of();
    }

    @Override
    public void acknowledge(String alarmId, String note) throws io.plantwatch.alarm.AlarmActionException {
    }

    @Override
    public void shelve(String alarmId, Duration duration, String reason) {
    }

    @Override
    public void unshelve(String alarmId) {
    }

    @Override
    public void removeFromService(String alarmId, String reason) {
    }

    @Override
    public void returnToService(String alarmId) {
    }

    @Override
    public void reset(String alarmId) {
    }

    @Override
    public io.plantwatch.domain.Principal principal() {
        return principal;
    }

    @Override
    public AlarmOptions options(String alarmId) {
        return AlarmOptions.DEFAULTS;
    }

    @Override
    public Duration maxShelve() {
        return Duration.ofHours(8);
    }

    @Override
    public StatusSnapshot status() {
        return status;
    }

    @Override
    public List<AlarmTransition> alarmHistory(AlarmJournalFilter filter, int limit) {
        searches.add(filter);
        limits.add(limit);
        if (failure != null) {
            throw failure;
        }
        List<AlarmTransition> found = new ArrayList<>(journal.stream().filter(filter::matches).toList());
        java.util.Collections.reverse(found);
        found.sort(Comparator.comparingLong(AlarmTransition::eventTimeMillis).reversed());
        return found.subList(0, Math.min(limit, found.size()));
    }

    @Override
    public List<AlarmTransition> alarmJournal() {
        if (failure != null) {
            throw failure;
        }
        return List.copyOf(journal);
    }

    @Override
    public long eventTimeMillis() {
        return eventTime;
    }

    @Override
    public Path siteFile() {
        return siteFile;
    }

    @Override
    public Connections connections() {
        return connections;
    }

    @Override
    public SiteConfig.ReplaySettings replaySettings() {
        return replay;
    }

    @Override
    public CompletableFuture<ConnectionTest> testMqtt(MqttSettings settings) {
        mqttTested.add(settings);
        return mqttTest;
    }

    @Override
    public CompletableFuture<ConnectionTest> testKafka(KafkaSettings settings) {
        kafkaTested.add(settings);
        return kafkaTest;
    }

    @Override
    public void saveConnections(Connections c, SiteConfig.ReplaySettings r) {
        if (saveFailure != null) {
            throw saveFailure;
        }
        saved.add(c);
        savedReplay.add(r);
        connections = c;
        replay = r;
    }

    @Override
    public void switchSource(Connections c, SiteConfig.ReplaySettings r) {
        if (saveFailure != null) {
            throw saveFailure;
        }
        switched.add(c);
        switchedReplay.add(r);
    }

    @Override
    public Map<String, Long> rejectedByReason() {
        rejectedReads++;
        if (failure != null) {
            throw failure;
        }
        return new LinkedHashMap<>(rejected);
    }

    @Override
    public List<DeadLetter> recentRejected(int limit) {
        if (failure != null) {
            throw failure;
        }
        return List.copyOf(deadLetters.subList(0, Math.min(limit, deadLetters.size())));
    }

    /** Inspects for real ({@link io.plantwatch.app.RecordingInspector}), guessing device D-1. */
    @Override
    public RecordingInfo inspectRecording(Path file) {
        return io.plantwatch.app.RecordingInspector.inspect(file, "D-1");
    }

    /** Previews for real ({@link io.plantwatch.ingest.replay.WideCsvMappings#preview}). */
    @Override
    public io.plantwatch.domain.CsvPreview previewCsv(Path file, char delimiter, io.plantwatch.domain.WideCsvMapping mapping,
            int rows) {
        try {
            return io.plantwatch.ingest.replay.WideCsvMappings.preview(file, delimiter, mapping, rows);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes the mapping for real beside the CSV and records it. */
    @Override
    public Path saveMapping(Path csv, io.plantwatch.domain.WideCsvMapping mapping) {
        if (saveFailure != null) {
            throw saveFailure;
        }
        mappingsSaved.add(Map.entry(csv, mapping));
        return io.plantwatch.app.RecordingInspector.saveMapping(csv, mapping);
    }

    /** Records the export and returns its job, which the test completes. */
    @Override
    public io.plantwatch.ui.ExportJob exportReadings(io.plantwatch.domain.ExportRequest request) {
        io.plantwatch.ui.ExportJob job = new io.plantwatch.ui.ExportJob();
        exports.add(Map.entry(request, job));
        return job;
    }
}
