package io.plantwatch.ui.export;

import io.plantwatch.domain.ExportRequest;
import io.plantwatch.domain.TagId;
import io.plantwatch.ui.ConsoleServices;
import io.plantwatch.ui.ExportJob;
import io.plantwatch.ui.journal.AlarmJournalViewModel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletionException;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "Export readings" dialog's state: an event-time range (UTC, blank = open), devices (blank =
 * all), the format (Parquet or long CSV) and the target, validated as typed; Export starts the
 * export through {@link ConsoleServices#exportReadings}, whose progress the UI cadence shows
 * ({@link #refresh()}); Cancel asks it to stop.
 *
 * <p>FX thread only. The export itself runs on the services' export thread.
 */
public final class ExportViewModel {

    private final ConsoleServices services;
    private final StringProperty from = new SimpleStringProperty("");
    private final StringProperty to = new SimpleStringProperty("");
    private final StringProperty devices = new SimpleStringProperty("");
    private final StringProperty target = new SimpleStringProperty("");
    private final ObjectProperty<ExportRequest.Format> format = new SimpleObjectProperty<>(ExportRequest.Format.PARQUET);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private ExportJob job;
    private ExportRequest request;

    /** @param services where the export runs */
    public ExportViewModel(ConsoleServices services) {
        this.services = services;
        for (var p : new javafx.beans.Observable[] {from, to, devices, target, format}) {
            p.addListener(x -> validate());
        }
        validate();
    }

    /** First event time exported, UTC ({@code 2020-03-09 13:20:00}); blank: the oldest reading. */
    public StringProperty fromProperty() {
        return from;
    }

    /** Event time where the export stops (exclusive), UTC; blank: the newest reading. */
    public StringProperty toProperty() {
        return to;
    }

    /** Device ids separated by commas; blank: every device. */
    public StringProperty devicesProperty() {
        return devices;
    }

    /** The Parquet folder (new or empty) or the CSV file. */
    public StringProperty targetProperty() {
        return target;
    }

    /** Parquet or CSV. */
    public ObjectProperty<ExportRequest.Format> formatProperty() {
        return format;
    }

    /** Why the form cannot be exported, empty when it can. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True when the form describes an export. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** True while an export runs. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** 0–1, or -1 (indeterminate) while the journal is scanned. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "1,234 / 9,184 readings". */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** The last outcome: exported, cancelled, or why it failed. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    private void validate() {
        request = null;
        try {
            Instant f = AlarmJournalViewModel.parseUtc("From", from.get());
            Instant t = AlarmJournalViewModel.parseUtc("To", to.get());
            Set<String> ids = new LinkedHashSet<>();
            Arrays.stream(devices.get() == null ? new String[0] : devices.get().split("[,\\s]+"))
                    .filter(s -> !s.isBlank()).forEach(d -> {
                        TagId.of(d, "x");
                        ids.add(d);
                    });
            String tgt = target.get() == null ? "" : target.get().strip();
            if (tgt.isEmpty()) {
                throw new IllegalArgumentException(format.get() == ExportRequest.Format.PARQUET
                        ? "Choose a new (or empty) folder for the Parquet files" : "Choose the CSV file to write");
            }
            request = new ExportRequest(format.get(), Path.of(tgt), f, t, ids);
            error.set("");
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
        }
        valid.set(request != null);
    }

    /** The request the form describes, or null while it is invalid. */
    public ExportRequest request() {
        return request;
    }

    /** Starts the export (returns at once); a refusal (one running, Spark down) goes to the message. FX thread. */
    public void export() {
        if (request == null || running.get()) {
            return;
        }
        try {
            job = services.exportReadings(request);
        } catch (IllegalStateException | IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        running.set(true);
        progress.set(-1);
        progressText.set("Scanning the journal…");
        message.set("");
    }

    /** Asks the running export to stop; it removes what it wrote. FX thread. */
    public void cancel() {
        if (job != null) {
            job.cancel();
            progressText.set("Cancelling…");
        }
    }

    /** Shows the running export's progress and its outcome. Called at the UI cadence; FX thread. */
    public void refresh() {
        ExportJob j = job;
        if (j == null) {
            return;
        }
        long total = j.total();
        if (total >= 0 && !j.cancelRequested()) {
            progress.set(total == 0 ? 1 : (double) j.done() / total);
            progressText.set(String.format("%,d / %,d readings", j.done(), total));
        }
        if (j.outcome().isDone()) {
            job = null;
            running.set(false);
            try {
                message.set(j.outcome().join());
                if (!j.cancelRequested()) {
                    progress.set(1);
                }
            } catch (CompletionException e) {
                Throwable c = e.getCause() == null ? e : e.getCause();
                message.set("Export failed: " + c.getMessage());
                progress.set(0);
            }
        }
    }
}
