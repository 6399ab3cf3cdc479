package io.plantwatch.ingest.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** The recording formats a replay reads, and how a file's format is recognised. */
public enum RecordingFormat {
    /** {@code timestamp,device,sensor,value,unit} ({@link RecordingParser}). */
    LONG_CSV,
    /** One row per instant, one column per sensor, read through a mapping ({@link WideCsvParser}). */
    WIDE_CSV,
    /** One JSON object per line ({@link JsonLinesParser}). */
    JSON_LINES,
    /** Parquet: one file, or a folder of them such as the journal export's {@code date=…/device=…/} tree. */
    PARQUET;

    /**
     * Recognises a recording: a folder, a {@code .parquet} name or a file starting with Parquet's
     * magic {@code PAR1} is Parquet; {@code .jsonl}, {@code .ndjson}, {@code .json}, or a first line
     * starting with <code>{</code>, is JSON lines; a first line equal to {@link RecordingParser#HEADER}
     * is the long CSV; any other text is a wide CSV.
     *
     * @throws IOException when the file cannot be read
     */
    public static RecordingFormat detect(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            return PARQUET;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet")) {
            return PARQUET;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return JSON_LINES;
        }
        try (InputStream in = Files.newInputStream(file)) {
            if (Arrays.equals(in.readNBytes(4), "PAR1".getBytes(StandardCharsets.US_ASCII))) {
                return PARQUET;
            }
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            first = first == null ? "" : WideCsvParser.stripBom(first).strip();
            if (first.startsWith("{")) {
                return JSON_LINES;
            }
            return first.equalsIgnoreCase(RecordingParser.HEADER) ? LONG_CSV : WIDE_CSV;
        }
    }
}
