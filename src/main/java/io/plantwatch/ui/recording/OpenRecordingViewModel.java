package io.plantwatch.ui.recording;

import io.plantwatch.config.Connections;
import io.plantwatch.config.SiteConfig;
import io.plantwatch.config.SiteConfigLoader;
import io.plantwatch.domain.CsvPreview;
import io.plantwatch.domain.Reading;
import io.plantwatch.domain.WideCsvMapping;
import io.plantwatch.ui.ConsoleServices;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The console's "Open recording…" dialog: a recording file is inspected (long CSV, JSON lines,
 * Parquet, wide CSV); a wide CSV gets a column mapping to edit (delimiter, timestamp column, format
 * and zone, device, per column: include, sensor id, unit), started from the mapping file beside it
 * or from a guess (SKAB's preset for SKAB's files), with a preview of the first
 * {@value #PREVIEW_ROWS} rows and the readings the mapping makes of them. "Replay" saves the
 * mapping beside the CSV ({@code <name>.mapping.yaml}, where every later replay finds it) and
 * switches the running console to a replay of the file.
 *
 * <p>FX thread only. File reads, saves and the switch run on the query executor; their results
 * wait in pending slots that {@link #refresh()} applies at the UI cadence (ADR 0004), newest
 * request only.
 */
public final class OpenRecordingViewModel {

    /** Rows shown in the preview. */
    public static final int PREVIEW_ROWS = 20;
    /** The delimiters offered; {@code tab} stands for the tab character. */
    public static final List<String> DELIMITERS = List.of(";", ",", "tab", "|");
    /** Timestamp formats offered (a java.time pattern may be typed too). */
    public static final List<String> FORMATS = List.of(WideCsvMapping.ISO, "yyyy-MM-dd HH:mm:ss", "dd.MM.yyyy HH:mm:ss",
            WideCsvMapping.EPOCH_MILLIS, WideCsvMapping.EPOCH_SECONDS);

    /** One column of the wide CSV, as the mapping table shows it. */
    public static final class ColumnRow {
        private final String name;
        private final BooleanProperty include = new SimpleBooleanProperty(true);
        private final StringProperty sensor = new SimpleStringProperty("");
        private final StringProperty unit = new SimpleStringProperty("");

        ColumnRow(String name) {
            this.name = name;
        }

        /** Header name. */
        public String name() {
            return name;
        }

        /** Mapped to a sensor (else skipped). */
        public BooleanProperty includeProperty() {
            return include;
        }

        /** Sensor id. */
        public StringProperty sensorProperty() {
            return sensor;
        }

        /** Engineering unit. */
        public StringProperty unitProperty() {
            return unit;
        }
    }

    private record Inspected(long seq, Path file, ConsoleServices.RecordingInfo info, String error) {
    }

    private record Previewed(long seq, CsvPreview preview, String error) {
    }

    private record Outcome(long seq, String text, boolean ok) {
    }

    private final ConsoleServices services;
    private final Executor queries;

    private final ReadOnlyStringWrapper file = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper format = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper wide = new ReadOnlyBooleanWrapper(false);
    private final StringProperty delimiter = new SimpleStringProperty(";");
    private final StringProperty timestampColumn = new SimpleStringProperty("");
    private final StringProperty timestampFormat = new SimpleStringProperty(WideCsvMapping.ISO);
    private final StringProperty zone = new SimpleStringProperty("UTC");
    private final StringProperty device = new SimpleStringProperty("");
    private final StringProperty speed = new SimpleStringProperty("max");
    private final ObservableList<String> header = FXCollections.observableArrayList();
    private final ObservableList<ColumnRow> columns = FXCollections.observableArrayList();
    private final ObservableList<List<String>> previewRows = FXCollections.observableArrayList();
    private final ObservableList<String> previewReadings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper mappingFile = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    private final AtomicReference<Inspected> pendingInspect = new AtomicReference<>();
    private final AtomicReference<Previewed> pendingPreview = new AtomicReference<>();
    private final AtomicReference<Outcome> pendingReplay = new AtomicReference<>();
    private long inspectSeq;
    private long previewSeq;
    private long replaySeq;
    private Path path;
    private WideCsvMapping mapping;
    private boolean loading;

    /**
     * @param services inspection, preview, saving the mapping, switching the source
     * @param queries  executor for file reads, saves and the switch (a background thread in the app,
     *                 the calling thread in tests)
     */
    public OpenRecordingViewModel(ConsoleServices services, Executor queries) {
        this.services = services;
        this.queries = queries;
        for (var p : List.of(delimiter, timestampFormat, zone, device)) {
            p.addListener((o, a, b) -> changed());
        }
        // another timestamp column: the old one becomes a column to map, the new one leaves the table
        timestampColumn.addListener((o, a, b) -> {
            if (!loading && path != null && wide.get()) {
                loading = true;
                try {
                    rebuildColumns(header, null);
                } finally {
                    loading = false;
                }
            }
            changed();
        });
        speed.addListener((o, a, b) -> validate());
    }

    // ---- state ----

    /** The file opened. */
    public ReadOnlyStringProperty fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** "Long CSV", "Wide CSV", "JSON lines", "Parquet", or empty before a file is inspected. */
    public ReadOnlyStringProperty formatProperty() {
        return format.getReadOnlyProperty();
    }

    /** True for a wide CSV: the mapping is shown and edited. */
    public ReadOnlyBooleanProperty wideProperty() {
        return wide.getReadOnlyProperty();
    }

    /** One of {@link #DELIMITERS}, or any single character. */
    public StringProperty delimiterProperty() {
        return delimiter;
    }

    /** Header name of the timestamp column. */
    public StringProperty timestampColumnProperty() {
        return timestampColumn;
    }

    /** One of {@link #FORMATS} or a java.time pattern. */
    public StringProperty timestampFormatProperty() {
        return timestampFormat;
    }

    /** Zone of local timestamps, e.g. UTC or Europe/Berlin. */
    public StringProperty zoneProperty() {
        return zone;
    }

    /** Device id of every reading. */
    public StringProperty deviceProperty() {
        return device;
    }

    /** Replay speed: 1x, 20x … or max. */
    public StringProperty speedProperty() {
        return speed;
    }

    /** The header fields under the current delimiter. */
    public ObservableList<String> header() {
        return header;
    }

    /** The columns other than the timestamp, in header order. */
    public ObservableList<ColumnRow> columns() {
        return columns;
    }

    /** The first rows, split. */
    public ObservableList<List<String>> previewRows() {
        return previewRows;
    }

    /** The readings the mapping makes of the first rows, one line each, then the rejections. */
    public ObservableList<String> previewReadings() {
        return previewReadings;
    }

    /** Why the mapping cannot read the file, empty when it can. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Outcome of the last open or replay. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The mapping file beside the CSV that was loaded, or what Replay will write. */
    public ReadOnlyStringProperty mappingFileProperty() {
        return mappingFile.getReadOnlyProperty();
    }

    /** True when Replay can start. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** True while a file is inspected or the switch runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The mapping the form describes, or null while it is invalid (the reason in {@link #problemProperty()}). */
    public WideCsvMapping mapping() {
        return mapping;
    }

    // ---- actions ----

    /** Inspects a recording on the query executor; the form fills at the next {@link #refresh()}. FX thread. */
    public void open(Path recording) {
        long seq = ++inspectSeq;
        busy.set(true);
        message.set("Reading " + recording.getFileName() + "…");
        queries.execute(() -> {
            try {
                pendingInspect.set(new Inspected(seq, recording, services.inspectRecording(recording), null));
            } catch (RuntimeException e) {
                pendingInspect.set(new Inspected(seq, recording, null, e.getMessage()));
            }
        });
    }

    /**
     * Saves the mapping beside a wide CSV, then switches the console to a replay of the file at the
     * speed given, on the query executor; the outcome appears after the next {@link #refresh()}. FX thread.
     */
    public void replay() {
        if (!valid.get() || path == null) {
            return;
        }
        double factor = SiteConfigLoader.parseSpeed(speed.get().strip());
        WideCsvMapping m = wide.get() ? mapping : null;
        Path p = path;
        long seq = ++replaySeq;
        busy.set(true);
        message.set("Switching to " + p.getFileName() + "…");
        Connections c = services.connections();
        queries.execute(() -> {
            try {
                String saved = "";
                if (m != null) {
                    saved = "; mapping saved to " + services.saveMapping(p, m).getFileName();
                }
                services.switchSource(new Connections(Connections.Mode.REPLAY, c.mqtt(), c.kafka()),
                        new SiteConfig.ReplaySettings(p, factor));
                pendingReplay.set(new Outcome(seq, "Replaying " + p.getFileName() + saved, true));
            } catch (RuntimeException e) {
                pendingReplay.set(new Outcome(seq, "Could not replay " + p.getFileName() + ": " + e.getMessage(), false));
            }
        });
    }

    /** Applies finished inspections, previews and switches. Called at the UI cadence; FX thread. */
    public void refresh() {
        Inspected in = pendingInspect.getAndSet(null);
        if (in != null && in.seq() == inspectSeq) {
            apply(in);
        }
        Previewed pv = pendingPreview.getAndSet(null);
        if (pv != null && pv.seq() == previewSeq) {
            apply(pv);
        }
        Outcome out = pendingReplay.getAndSet(null);
        if (out != null && out.seq() == replaySeq) {
            busy.set(false);
            message.set(out.text());
        }
    }

    private void apply(Inspected in) {
        busy.set(false);
        if (in.error() != null) {
            message.set("Cannot open " + in.file().getFileName() + ": " + in.error());
            return;
        }
        path = in.file();
        file.set(in.file().toString());
        ConsoleServices.RecordingInfo info = in.info();
        format.set(switch (info.format()) {
            case "LONG_CSV" -> "Long CSV";
            case "WIDE_CSV" -> "Wide CSV";
            case "JSON_LINES" -> "JSON lines";
            case "PARQUET" -> "Parquet";
            default -> info.format();
        });
        wide.set("WIDE_CSV".equals(info.format()));
        message.set(wide.get() ? (info.mappingFile() == null
                ? "No mapping file beside it: a first mapping was guessed; check it against the preview"
                : "Mapping loaded from " + info.mappingFile().getFileName()) : "No mapping needed");
        mappingFile.set(!wide.get() ? "" : info.mappingFile() != null ? info.mappingFile().toString()
                : siblingMapping(in.file()));
        header.clear();
        columns.clear();
        previewRows.clear();
        previewReadings.clear();
        if (wide.get()) {
            WideCsvMapping m = info.mapping();
            loading = true;
            try {
                delimiter.set(m.delimiter() == '\t' ? "tab" : String.valueOf(m.delimiter()));
                timestampColumn.set(m.timestampColumn());
                timestampFormat.set(m.timestampFormat());
                zone.set(m.zone().getId());
                device.set(m.device());
                header.setAll(info.header());
                rebuildColumns(info.header(), m);
            } finally {
                loading = false;
            }
        }
        changed();
    }

    private static String siblingMapping(Path csv) {
        String n = csv.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return csv.resolveSibling((dot > 0 ? n.substring(0, dot) : n) + ".mapping.yaml").toString();
    }

    /** Columns for a header: mapped as the mapping says, skipped when it skips them, else included under a derived id. */
    private void rebuildColumns(List<String> names, WideCsvMapping m) {
        Map<String, WideCsvMapping.Column> mapped = new HashMap<>();
        if (m != null) {
            m.columns().forEach(c -> mapped.put(c.name(), c));
        }
        Map<String, ColumnRow> before = new HashMap<>();
        columns.forEach(r -> before.put(r.name(), r));
        List<ColumnRow> rows = new ArrayList<>();
        for (String n : names) {
            if (n.equals(timestampColumn.get()) || n.isBlank()) {
                continue;
            }
            ColumnRow r = new ColumnRow(n);
            WideCsvMapping.Column c = mapped.get(n);
            ColumnRow old = before.get(n);
            if (c != null) {
                r.sensor.set(c.sensor());
                r.unit.set(c.unit());
            } else if (old != null) {
                r.include.set(old.include.get());
                r.sensor.set(old.sensor.get());
                r.unit.set(old.unit.get());
            } else {
                r.include.set(m == null || !m.skip().contains(n));
                r.sensor.set(sensorId(n));
            }
            for (var p : List.of(r.include, r.sensor, r.unit)) {
                p.addListener((o, a, b) -> changed());
            }
            rows.add(r);
        }
        columns.setAll(rows);
    }

    private static String sensorId(String name) {
        String s = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.\\-]+", "_").replaceAll("^_+|_+$", "");
        s = s.isEmpty() ? "value" : s;
        return s.length() > 64 ? s.substring(0, 64) : s;
    }

    private void apply(Previewed pv) {
        if (pv.error() != null) {
            problem.set(pv.error());
            return;
        }
        CsvPreview p = pv.preview();
        if (!p.header().equals(header)) {
            // another delimiter splits the header differently: new columns, then a preview with them
            loading = true;
            try {
                header.setAll(p.header());
                if (!header.contains(timestampColumn.get()) && !header.isEmpty()) {
                    timestampColumn.set(header.get(0));
                }
                rebuildColumns(p.header(), null);
            } finally {
                loading = false;
            }
            changed();
            return;
        }
        previewRows.setAll(p.rows());
        List<String> lines = new ArrayList<>();
        for (Reading r : p.readings()) {
            lines.add(Instant.ofEpochMilli(r.eventTimeMillis()) + "  " + r.tag() + " = " + r.value()
                    + (r.unit().isEmpty() ? "" : " " + r.unit()));
        }
        p.rejected().forEach(r -> lines.add("line " + r.position() + " rejected: " + r.reason()));
        previewReadings.setAll(lines);
        if (!p.problem().isEmpty()) {
            problem.set(p.problem());
            mapping = null;
        }
        validate();
    }

    /** The form changed: rebuild the mapping and ask for a preview. */
    private void changed() {
        if (loading || path == null) {
            return;
        }
        if (!wide.get()) {
            mapping = null;
            problem.set("");
            validate();
            return;
        }
        Character d = delimiterChar();
        String error = null;
        mapping = null;
        if (d == null) {
            error = "Delimiter: enter one character, or tab";
        } else {
            try {
                mapping = buildMapping(d);
            } catch (IllegalArgumentException | DateTimeException e) {
                error = e.getMessage();
            }
        }
        problem.set(error == null ? "" : error);
        validate();
        if (d == null) {
            return;
        }
        long seq = ++previewSeq;
        WideCsvMapping m = mapping;
        Path p = path;
        char delim = d;
        queries.execute(() -> {
            try {
                pendingPreview.set(new Previewed(seq, services.previewCsv(p, delim, m, PREVIEW_ROWS), null));
            } catch (RuntimeException e) {
                pendingPreview.set(new Previewed(seq, null, e.getMessage()));
            }
        });
    }

    private Character delimiterChar() {
        String s = delimiter.get() == null ? "" : delimiter.get();
        if (s.equalsIgnoreCase("tab") || s.equals("\\t")) {
            return '\t';
        }
        return s.length() == 1 ? s.charAt(0) : null;
    }

    private WideCsvMapping buildMapping(char d) {
        List<WideCsvMapping.Column> mapped = new ArrayList<>();
        List<String> skip = new ArrayList<>();
        for (ColumnRow r : columns) {
            if (r.include.get()) {
                try {
                    mapped.add(new WideCsvMapping.Column(r.name(), r.sensor.get().strip(), r.unit.get()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Column '" + r.name() + "': " + e.getMessage());
                }
            } else {
                skip.add(r.name());
            }
        }
        String z = zone.get() == null ? "" : zone.get().strip();
        return new WideCsvMapping(d, timestampColumn.get(), timestampFormat.get(), z.isEmpty() ? null : ZoneId.of(z),
                device.get() == null ? "" : device.get().strip(), mapped, skip);
    }

    private void validate() {
        boolean speedOk;
        try {
            SiteConfigLoader.parseSpeed(speed.get() == null ? "" : speed.get().strip());
            speedOk = true;
        } catch (RuntimeException e) {
            speedOk = false;
        }
        valid.set(path != null && speedOk && (!wide.get() || (mapping != null && problem.get().isEmpty())));
    }
}
