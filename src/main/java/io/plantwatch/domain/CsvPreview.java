package io.plantwatch.domain;

import java.util.List;

/**
 * The first rows of a delimited text file as the wide-CSV mapping dialog shows them: the split
 * header and rows, and what a {@link WideCsvMapping} makes of them.
 *
 * @param header   header fields, stripped
 * @param rows     first data rows, split at the delimiter (blank lines left out)
 * @param readings readings the mapping gives for those rows, in order; empty without a mapping
 * @param rejected rows or cells the mapping refuses, with line number and reason
 * @param problem  why the mapping cannot read the file at all (header does not fit, bad pattern),
 *                 empty when it can
 */
public record CsvPreview(List<String> header, List<List<String>> rows, List<Reading> readings,
        List<RejectedReading> rejected, String problem) {

    public CsvPreview {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        readings = List.copyOf(readings);
        rejected = List.copyOf(rejected);
        problem = problem == null ? "" : problem;
    }
}
