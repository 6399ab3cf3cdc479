package io.plantwatch.security;

import java.util.List;
import java.util.Optional;

/**
 * Where operator accounts are kept (the port; the H2 table {@code operator} is
 * {@code storage.H2OperatorStore}). Implementations are thread-safe; every change is durable when
 * the call returns. They throw their own unchecked exception when the store fails
 * ({@code storage.StorageException} for H2).
 */
public interface OperatorDirectory {

    /** The account with exactly this name. */
    Optional<OperatorAccount> find(String name);

    /** Every account, by name. */
    List<OperatorAccount> list();

    /** Whether there is no account at all (the console then offers to create the first engineer). */
    boolean isEmpty();

    /**
     * Adds an account.
     *
     * @throws IllegalArgumentException when an account with this name exists
     */
    void add(OperatorAccount account);

    /**
     * Adds an account only when there is none yet, atomically (two first starts cannot both create one).
     *
     * @return false when there already was an account (nothing was added)
     */
    boolean addFirst(OperatorAccount account);

    /**
     * Replaces the stored account of the same name.
     *
     * @throws IllegalArgumentException when there is no account with this name
     */
    void update(OperatorAccount account);
}
