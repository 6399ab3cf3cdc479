package io.plantwatch.audit;

import java.util.Objects;

/**
 * One stored row of the audit trail: the event, its place in the trail and its link in the hash
 * chain ({@link AuditChain}).
 *
 * @param sequence the row's number, 1, 2, 3… in the order stored
 * @param event    what was recorded (its time as stored: to the microsecond)
 * @param prevHash the previous row's {@code hash} (64 zeros for row 1), lower-case hex
 * @param hash     SHA-256 over {@code prevHash} and the row's canonical form, lower-case hex
 */
public record AuditRecord(long sequence, AuditEvent event, String prevHash, String hash) {

    /** @throws NullPointerException when event or a hash is null */
    public AuditRecord {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }
}
