package io.plantwatch.command;

import io.plantwatch.domain.Reading;
import java.util.Optional;

/**
 * The latest reading of a tag, for the confirmation dialog's "current value" (wired by {@code app} to
 * the readings entering the journal). Must be cheap and thread-safe.
 */
@FunctionalInterface
public interface ProcessValues {

    /** No readings known. */
    ProcessValues NONE = tag -> Optional.empty();

    /** The latest reading of {@code tag} ({@code device/sensor}), if one has arrived. */
    Optional<Reading> latest(String tag);
}
