package io.plantwatch.audit;

/**
 * The tamper-evident record of what operators and automatic rules did (DESIGN.md decision 6 and 7).
 * Implementations are thread-safe and durable: {@link #append} returns only once the row is stored.
 */
public interface AuditTrail {

    /**
     * Stores a row at the end of the trail.
     *
     * @return the row's sequence number (1, 2, 3… in the order stored)
     * @throws AuditException when it cannot be stored; the caller must then not carry out the action
     */
    long append(AuditEvent event);
}
