package io.plantwatch.audit;

/**
 * The outcome of checking an audit trail's hash chain from its first row.
 *
 * @param rowsVerified     rows checked and found intact, from sequence 1 on
 * @param firstBadSequence the sequence of the first row that is not as written (or the first one
 *                         missing); 0 when the whole trail is intact
 * @param problem          what differs at that row, for a person; empty when intact
 * @param headHash         the hash of the last intact row (64 zeros for an empty trail): note it down
 *                         elsewhere to detect later truncation of the trail
 */
public record ChainVerification(long rowsVerified, long firstBadSequence, String problem, String headHash) {

    /** Whether every row is as written. */
    public boolean intact() {
        return firstBadSequence == 0;
    }

    /** An intact trail of {@code rows} rows ending in {@code headHash}. */
    public static ChainVerification intact(long rows, String headHash) {
        return new ChainVerification(rows, 0, "", headHash);
    }

    /** One line for a person: {@code 1,000 rows verified} or {@code row 42 was tampered with: …}. */
    public String summary() {
        return intact() ? String.format("%,d rows verified; head hash %s", rowsVerified, headHash)
                : String.format("row %d was tampered with: %s (%,d rows before it verified)", firstBadSequence, problem,
                        rowsVerified);
    }
}
