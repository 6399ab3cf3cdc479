package io.plantwatch.command;

import io.plantwatch.domain.CommandRecord;
import java.util.List;
import java.util.Optional;

/**
 * Where executed commands are kept with their latest status (H2 table {@code command},
 * {@code storage.H2CommandLog}). Implementations are thread-safe and durable: {@link #save} returns once
 * the row is committed.
 */
public interface CommandLog {

    /**
     * Inserts the command, or updates its row when the id is known (a status change).
     *
     * @throws RuntimeException (a storage exception) when it cannot be stored
     */
    void save(CommandRecord record);

    /** The command with this id, if stored. */
    Optional<CommandRecord> find(String id);

    /** The most recently executed commands, newest first; {@code limit} ≥ 1. */
    List<CommandRecord> recent(int limit);
}
