package io.plantwatch.app;

import io.plantwatch.domain.ExportRequest;
import io.plantwatch.domain.JournalSettings;
import io.plantwatch.domain.StreamingSettings;
import io.plantwatch.domain.TagId;
import io.plantwatch.journal.SegmentJournal;
import io.plantwatch.streaming.JournalExport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plantwatch export --data-dir DIR [--from ISO] [--to ISO] [--devices P-101,…] (--parquet OUT_DIR | --csv OUT.csv)}:
 * exports the durable journal of a data directory whose console is not running
 * ({@link JournalExport}), with a progress bar on standard error. A running console holds the
 * journal's lock; the command then says so (export from the console's "Export…" instead).
 *
 * <p>The journal is opened with retention off, so an export never deletes old segments.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export readings of the durable journal to Parquet (partitioned by date and device) or long CSV.")
public final class ExportCommand implements Callable<Integer> {

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Data directory of a live console (its journal is DIR/journal).")
    Path dataDir;

    @Option(names = "--from", paramLabel = "ISO", description = "First event time exported, e.g. 2020-03-09T13:00:00Z (default: the oldest).")
    String from;

    @Option(names = "--to", paramLabel = "ISO", description = "Event time where the export stops, exclusive (default: the newest).")
    String to;

    @Option(names = "--devices", split = ",", paramLabel = "ID", description = "Only these devices, e.g. P-101,P-102 (default: all).")
    String[] devices;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    /** Exactly one of the two targets. */
    static final class Target {
        @Option(names = "--parquet", paramLabel = "OUT_DIR", description = "Parquet folder (new or empty), Snappy, date=…/device=… partitions.")
        Path parquet;

        @Option(names = "--csv", paramLabel = "OUT.csv", description = "Long CSV file (timestamp,device,sensor,value,unit), replaced.")
        Path csv;
    }

    @Override
    public Integer call() throws IOException {
        ExportRequest request = request();
        Path journalDir = dataDir.resolve("journal");
        if (!Files.isRegularFile(journalDir.resolve("tags.dict"))) {
            throw new IllegalArgumentException("no journal in " + journalDir + ": --data-dir must be the data directory of a "
                    + "live console (replays keep their readings in memory; export those from the console)");
        }
        // retention off: an export must not delete anything
        JournalSettings readOnly = new JournalSettings(JournalSettings.defaults().segmentReadings(), null, 0,
                JournalSettings.Fsync.NEVER);
        SegmentJournal journal;
        try {
            journal = SegmentJournal.open(journalDir, readOnly);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + ". To export while the console runs, use its Export… dialog.", e);
        }
        PrintStream err = System.err;
        try (journal) {
            err.printf("journal %s: offsets [%d, %d)%n", journalDir, journal.startOffset(), journal.endOffset());
            ProgressBar bar = new ProgressBar(err);
            JournalExport.Result r;
            long t0 = System.nanoTime();
            if (request.format() == ExportRequest.Format.CSV) {
                r = JournalExport.toCsv(journal, request, bar);
            } else {
                err.println("starting Spark…");
                r = JournalExport.toParquet("local[*]", StreamingSettings.defaults(), dataDir, true, journal, request, bar);
            }
            bar.finish();
            double s = (System.nanoTime() - t0) / 1e9;
            err.printf("exported %,d readings (of %,d offsets scanned) to %s in %.1f s%n", r.exported(), r.scanned(),
                    r.target(), s);
            return 0;
        }
    }

    /** The request the options describe. @throws IllegalArgumentException on a bad time or device id */
    ExportRequest request() {
        Set<String> ids = new LinkedHashSet<>();
        if (devices != null) {
            Arrays.stream(devices).map(String::strip).filter(d -> !d.isEmpty()).forEach(d -> {
                TagId.of(d, "x");
                ids.add(d);
            });
        }
        boolean parquet = target.parquet != null;
        return new ExportRequest(parquet ? ExportRequest.Format.PARQUET : ExportRequest.Format.CSV,
                parquet ? target.parquet : target.csv, instant("--from", from), instant("--to", to), ids);
    }

    private static Instant instant(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not an ISO-8601 instant such as 2020-03-09T13:00:00Z");
        }
    }

    /** A one-line text progress bar on a terminal stream, redrawn at most every 200 ms. */
    static final class ProgressBar implements JournalExport.Progress {
        private final PrintStream out;
        private long lastDraw;
        private boolean drawn;

        ProgressBar(PrintStream out) {
            this.out = out;
        }

        @Override
        public void update(long done, long total) {
            long now = System.nanoTime();
            if (drawn && done < total && now - lastDraw < 200_000_000L) {
                return;
            }
            lastDraw = now;
            drawn = true;
            int width = 40;
            int filled = total == 0 ? width : (int) (width * done / total);
            out.printf("\r[%s%s] %,d / %,d readings (%d%%)", "#".repeat(filled), ".".repeat(width - filled), done, total,
                    total == 0 ? 100 : done * 100 / total);
            out.flush();
        }

        void finish() {
            if (drawn) {
                out.println();
            }
        }
    }
}
