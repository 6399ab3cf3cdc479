package io.plantwatch.ui.journal;

import io.plantwatch.domain.AlarmJournalFilter;
import io.plantwatch.domain.AlarmState;
import io.plantwatch.domain.AlarmTransition;
import io.plantwatch.storage.AlarmJournalCsv;
import io.plantwatch.ui.ConsoleServices;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alarm journal search: filter criteria as editable properties, the matching transitions
 * (newest first, at most {@value #MAX_ROWS}) and CSV export of what is shown.
 *
 * <p>Searches and exports run on the query executor. Their results do not touch the properties
 * from there: they are left in a pending slot that {@link #refresh()} applies, and
 * {@code ConsoleViewModel.refresh()} calls it at the UI cadence (ADR 0004). Everything but the
 * executor's tasks runs on the FX thread.
 */
public final class AlarmJournalViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmJournalViewModel.class);

    /** Most transitions shown for one search. */
    public static final int MAX_ROWS = 5_000;

    /** How times are shown and typed: UTC, to the second. */
    public static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** Accepts {@code 2020-03-09}, {@code 2020-03-09 13:24}, {@code 2020-03-09 13:24:38(.123)}, also with T and Z. */
    private static final DateTimeFormatter INPUT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd[ HH:mm[:ss[.SSS]]]")
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    /** A finished search: the rows, or why it failed. */
    private record SearchResult(long seq, List<AlarmTransition> rows, boolean more, String error) {
    }

    private final ConsoleServices services;
    private final Executor queries;

    private final StringProperty fromText = new SimpleStringProperty("");
    private final StringProperty toText = new SimpleStringProperty("");
    private final StringProperty tag = new SimpleStringProperty("");
    private final StringProperty operator = new SimpleStringProperty("");
    private final ObjectProperty<AlarmState> state = new SimpleObjectProperty<>();
    private final List<BooleanProperty> priorities = List.of(new SimpleBooleanProperty(true),
            new SimpleBooleanProperty(true), new SimpleBooleanProperty(true), new SimpleBooleanProperty(true));

    private final ObservableList<AlarmTransition> rows = FXCollections.observableArrayList();
    private final ObservableList<AlarmTransition> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper searching = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper searched = new ReadOnlyBooleanWrapper(false);

    /** Set by a background search, taken by {@link #refresh()}. */
    private final AtomicReference<SearchResult> pendingSearch = new AtomicReference<>();
    /** Set by a background export (its outcome for the operator), taken by {@link #refresh()}. */
    private final AtomicReference<String> pendingExport = new AtomicReference<>();
    private long requested;
    private long applied;

    /**
     * @param services the journal search ({@link ConsoleServices#alarmHistory})
     * @param queries  executor for searches and exports (a background thread in the app, the calling
     *                 thread in tests)
     */
    public AlarmJournalViewModel(ConsoleServices services, Executor queries) {
        this.services = services;
        this.queries = queries;
    }

    /** Start of the event-time range, UTC text ({@code yyyy-MM-dd HH:mm:ss}); empty for open. */
    public StringProperty fromTextProperty() {
        return fromText;
    }

    /** End of the event-time range (exclusive), UTC text; empty for open. */
    public StringProperty toTextProperty() {
        return toText;
    }

    /** Part of the tag; empty for any. */
    public StringProperty tagProperty() {
        return tag;
    }

    /** Part of the actor (operator name or {@code system}); empty for any. */
    public StringProperty operatorProperty() {
        return operator;
    }

    /** The state after the transition; null for any. */
    public ObjectProperty<AlarmState> stateProperty() {
        return state;
    }

    /**
     * Whether a priority is included (all are, initially).
     *
     * @param priority 1–4
     * @throws IllegalArgumentException outside 1–4
     */
    public BooleanProperty priorityProperty(int priority) {
        if (priority < 1 || priority > 4) {
            throw new IllegalArgumentException("priority must be 1-4, was " + priority);
        }
        return priorities.get(priority - 1);
    }

    /** The transitions found, newest first (read-only). */
    public ObservableList<AlarmTransition> rows() {
        return readOnlyRows;
    }

    /** What happened last: how many were found, a refused filter, a failed search or export. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True while a search runs. */
    public ReadOnlyBooleanProperty searchingProperty() {
        return searching.getReadOnlyProperty();
    }

    /** True once a search has been started. */
    public ReadOnlyBooleanProperty searchedProperty() {
        return searched.getReadOnlyProperty();
    }

    /**
     * The filter the current criteria describe.
     *
     * @throws IllegalArgumentException when a time cannot be read, the range is empty or no priority is chosen
     */
    public AlarmJournalFilter filter() {
        Instant from = parseUtc("From", fromText.get());
        Instant to = parseUtc("To", toText.get());
        Set<Integer> chosen = new TreeSet<>();
        for (int p = 1; p <= 4; p++) {
            if (priorities.get(p - 1).get()) {
                chosen.add(p);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one priority.");
        }
        Set<AlarmState> states = state.get() == null ? Set.of() : EnumSet.of(state.get());
        return new AlarmJournalFilter(from, to, tag.get(), chosen.size() == 4 ? Set.of() : chosen, states,
                operator.get());
    }

    /**
     * Starts a search with the current criteria on the query executor. A filter that cannot be read
     * is reported in {@link #messageProperty()} and nothing is searched. FX thread.
     */
    public void search() {
        AlarmJournalFilter filter;
        try {
            filter = filter();
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        long seq = ++requested;
        searching.set(true);
        searched.set(true);
        message.set("Searching…");
        queries.execute(() -> {
            SearchResult result;
            try {
                List<AlarmTransition> found = services.alarmHistory(filter, MAX_ROWS + 1);
                boolean more = found.size() > MAX_ROWS;
                result = new SearchResult(seq, List.copyOf(more ? found.subList(0, MAX_ROWS) : found), more, null);
            } catch (RuntimeException e) {
                LOG.error("alarm journal search {} failed", filter, e);
                result = new SearchResult(seq, List.of(), false, "Search failed: " + e.getMessage());
            }
            SearchResult r = result;
            pendingSearch.accumulateAndGet(r, (old, now) -> old == null || now.seq() > old.seq() ? now : old);
        });
    }

    /**
     * Writes the transitions shown to a CSV file ({@link AlarmJournalCsv}, UTF-8) on the query
     * executor; the outcome appears in {@link #messageProperty()} after the next {@link #refresh()}.
     * FX thread.
     *
     * @param file the file to create or overwrite
     */
    public void exportCsv(Path file) {
        List<AlarmTransition> shown = List.copyOf(rows);
        message.set("Exporting " + shown.size() + " transitions…");
        queries.execute(() -> {
            String outcome;
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                AlarmJournalCsv.write(shown, w);
                outcome = "Exported " + shown.size() + " transitions to " + file;
                LOG.info("alarm journal: {} transitions exported to {}", shown.size(), file);
            } catch (IOException | RuntimeException e) {
                LOG.error("alarm journal export to {} failed", file, e);
                outcome = "Export to " + file + " failed: " + e.getMessage();
            }
            pendingExport.set(outcome);
        });
    }

    /** Applies finished searches and exports. Called by {@code ConsoleViewModel.refresh()}; FX thread. */
    public void refresh() {
        SearchResult r = pendingSearch.getAndSet(null);
        if (r != null && r.seq() > applied) {
            applied = r.seq();
            searching.set(applied < requested);
            if (r.error() != null) {
                message.set(r.error());
            } else {
                rows.setAll(r.rows());
                message.set(r.rows().isEmpty() ? "No transitions match."
                        : r.more() ? String.format("Newest %,d transitions shown; more match — narrow the filter.", MAX_ROWS)
                        : r.rows().size() == 1 ? "1 transition." : String.format("%,d transitions.", r.rows().size()));
            }
        }
        String exported = pendingExport.getAndSet(null);
        if (exported != null) {
            message.set(exported);
        }
    }

    /**
     * Reads a UTC time typed by the operator; blank is null.
     *
     * @throws IllegalArgumentException with a message for the operator when it cannot be read
     */
    public static Instant parseUtc(String label, String text) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) {
            return null;
        }
        String t = s.endsWith("Z") || s.endsWith("z") ? s.substring(0, s.length() - 1) : s;
        try {
            return LocalDateTime.parse(t.replace('T', ' '), INPUT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(label + ": '" + s + "' is not a UTC time like 2020-03-09 13:24:38.", e);
        }
    }
}
