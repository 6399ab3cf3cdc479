package io.plantwatch.app;

import io.plantwatch.domain.CsvPreview;
import io.plantwatch.domain.WideCsvMapping;
import io.plantwatch.ingest.replay.RecordingFormat;
import io.plantwatch.ingest.replay.RecordingFormatException;
import io.plantwatch.ingest.replay.WideCsvMappings;
import io.plantwatch.ui.ConsoleServices.RecordingInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The console's "Open recording" services over {@code ingest.replay}: what a file is and, for a
 * wide CSV, the mapping to start from (the file beside it, else a guess); saving the mapping beside
 * the CSV. Blocking file I/O; call off the FX thread. Stateless.
 */
public final class RecordingInspector {

    private RecordingInspector() {
    }

    /**
     * Inspects a recording.
     *
     * @param defaultDevice device id a guessed mapping gets
     * @throws UncheckedIOException when the file cannot be read
     */
    public static RecordingInfo inspect(Path file, String defaultDevice) {
        try {
            RecordingFormat format = RecordingFormat.detect(file);
            if (format != RecordingFormat.WIDE_CSV) {
                return new RecordingInfo(format.name(), ',', List.of(), null, null);
            }
            String header;
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                header = Objects.requireNonNullElse(in.readLine(), "");
            }
            char delimiter = WideCsvMappings.sniffDelimiter(header);
            Path mf = WideCsvMappings.nextTo(file).orElse(null);
            WideCsvMapping mapping = null;
            if (mf != null) {
                try {
                    mapping = WideCsvMappings.load(mf);
                    delimiter = mapping.delimiter();
                } catch (RecordingFormatException e) {
                    mf = null; // a broken mapping file: start from a guess; saving replaces it
                }
            }
            CsvPreview raw = WideCsvMappings.preview(file, delimiter, null, 1);
            if (mapping == null) {
                mapping = WideCsvMappings.guess(raw.header(), delimiter, defaultDevice,
                        raw.rows().isEmpty() || raw.rows().get(0).isEmpty() ? null : raw.rows().get(0).get(0));
            }
            return new RecordingInfo(format.name(), delimiter, raw.header(), mapping, mf);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the mapping beside the CSV: over the mapping file there, else as {@code <name>.mapping.yaml}.
     *
     * @return the file written
     * @throws UncheckedIOException when it cannot be written
     */
    public static Path saveMapping(Path csv, WideCsvMapping mapping) {
        Path target = WideCsvMappings.nextTo(csv).orElse(WideCsvMappings.defaultFileFor(csv));
        try {
            WideCsvMappings.write(mapping, target);
        } catch (IOException e) {
            throw new UncheckedIOException("the mapping could not be written to " + target + ": " + e.getMessage(), e);
        }
        return target;
    }
}
