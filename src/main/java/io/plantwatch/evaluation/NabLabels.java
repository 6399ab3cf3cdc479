package io.plantwatch.evaluation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loaders for NAB's label files, keyed by the data file's path relative to NAB's {@code data/}
 * folder (e.g. {@code realKnownCause/machine_temperature_system_failure.csv}).
 *
 * <p>Source of the layout: NAB v1.1 {@code labels/combined_windows.json} (a JSON object mapping each
 * file to a list of {@code [start, end]} pairs, timestamps written {@code yyyy-MM-dd HH:mm:ss.ffffff})
 * and {@code labels/combined_labels.json} (each file to a list of point-label timestamps written
 * {@code yyyy-MM-dd HH:mm:ss}). The {@code *_subset.json} files of the shared folder use the same
 * layout. Both timestamp forms are accepted in both files.
 */
public final class NabLabels {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NabLabels() {
    }

    /**
     * Reads a {@code combined_windows(_subset).json} file.
     *
     * @param path the JSON file
     * @return file key → its windows in file order; the map keeps the file's key order and is unmodifiable
     * @throws IOException              when the file cannot be read or is not JSON
     * @throws IllegalArgumentException when an entry is not a list of two-timestamp lists, a timestamp
     *                                  cannot be parsed, or a window ends before it starts
     */
    public static Map<String, List<NabWindow>> loadWindows(Path path) throws IOException {
        Map<String, List<List<String>>> raw = read(path, new TypeReference<>() { });
        Map<String, List<NabWindow>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<List<String>>> e : raw.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException(path + ": windows of '" + e.getKey() + "' are null");
            }
            List<NabWindow> windows = new ArrayList<>();
            for (List<String> pair : e.getValue()) {
                if (pair == null || pair.size() != 2) {
                    throw new IllegalArgumentException(path + ": a window of '" + e.getKey()
                            + "' is not a [start, end] pair: " + pair);
                }
                windows.add(new NabWindow(EvalTimestamps.parse(pair.get(0)), EvalTimestamps.parse(pair.get(1))));
            }
            out.put(e.getKey(), List.copyOf(windows));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Reads a {@code combined_labels(_subset).json} file (one point label per anomaly).
     *
     * @param path the JSON file
     * @return file key → its point labels in file order; unmodifiable, in the file's key order
     * @throws IOException              when the file cannot be read or is not JSON
     * @throws IllegalArgumentException when an entry is not a list of timestamps or one cannot be parsed
     */
    public static Map<String, List<LocalDateTime>> loadPointLabels(Path path) throws IOException {
        Map<String, List<String>> raw = read(path, new TypeReference<>() { });
        Map<String, List<LocalDateTime>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : raw.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException(path + ": labels of '" + e.getKey() + "' are null");
            }
            out.put(e.getKey(), e.getValue().stream().map(EvalTimestamps::parse).toList());
        }
        return Collections.unmodifiableMap(out);
    }

    private static <T> T read(Path path, TypeReference<T> type) throws IOException {
        T value = MAPPER.readValue(path.toFile(), type);
        if (value == null) {
            throw new IllegalArgumentException(path + ": expected a JSON object, found null");
        }
        return value;
    }
}
