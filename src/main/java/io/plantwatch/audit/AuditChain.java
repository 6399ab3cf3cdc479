package io.plantwatch.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The audit trail's hash chain: each row's hash is
 * <pre>
 *   hash(n) = SHA-256( bytes(hash(n-1)) ‖ UTF-8(canonical(n)) )      hash(0) = 32 zero bytes
 * </pre>
 * where {@code bytes(h)} is the 32-byte digest (stored as 64 lower-case hex digits) and the
 * canonical form of a row is one line of {@code |}-separated fields, in this order:
 * <pre>
 *   v1|&lt;sequence&gt;|&lt;time&gt;|&lt;operator&gt;|&lt;host&gt;|&lt;action&gt;|&lt;target&gt;|&lt;old value&gt;|&lt;new value&gt;|&lt;result&gt;|&lt;automatic&gt;
 * </pre>
 * <ul>
 *   <li>{@code sequence}: decimal; {@code time}: microseconds since 1970-01-01T00:00:00Z, decimal
 *       (the stored precision; events are truncated to the microsecond before hashing);</li>
 *   <li>{@code action}: the {@link AuditAction} name; {@code automatic}: {@code 1} or {@code 0};</li>
 *   <li>text fields (operator, host, target, old and new value, result) as
 *       {@code <UTF-8 byte length>:<text>}, so that no text can shift a field boundary; a null old
 *       or new value as {@code -} (which a length-prefixed field never is).</li>
 * </ul>
 * Example: {@code v1|7|1795000000123456|5:alice|6:cr-pc1|ALARM_ACKNOWLEDGE|13:P-101/flow:LO|5:UNACK|5:ACKED|2:OK|0}.
 *
 * <p>Including the sequence makes a deleted or inserted row break the chain; including the previous
 * hash makes a changed row break every later link. An instance reuses one {@link MessageDigest} and
 * buffer: not thread-safe (use one per thread).
 */
public final class AuditChain {

    /** The previous hash of row 1: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final MessageDigest sha256;
    private final StringBuilder line = new StringBuilder(256);

    /** A chain hasher with its own SHA-256 digest. */
    public AuditChain() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    /** An event's time as stored and hashed: truncated to the microsecond. */
    public static Instant stored(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    /** Microseconds since the epoch of an instant (already truncated). */
    public static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    /** The canonical form of a row (see the class comment). */
    public static String canonical(long sequence, AuditEvent e) {
        return canonical(new StringBuilder(256), sequence, micros(stored(e.time())), e.operator(), e.host(),
                e.action().name(), e.target(), e.oldValue(), e.newValue(), e.result(), e.automatic()).toString();
    }

    /**
     * The hash of a row.
     *
     * @param prev the previous row's hash (32 bytes)
     * @return the row's hash (32 bytes)
     */
    public byte[] hash(byte[] prev, long sequence, AuditEvent e) {
        return hash(prev, sequence, micros(stored(e.time())), e.operator(), e.host(), e.action().name(), e.target(),
                e.oldValue(), e.newValue(), e.result(), e.automatic());
    }

    /** The hash of a row given as its stored fields (for verification without building events). */
    public byte[] hash(byte[] prev, long sequence, long timeMicros, String operator, String host, String action,
            String target, String oldValue, String newValue, String result, boolean automatic) {
        line.setLength(0);
        canonical(line, sequence, timeMicros, operator, host, action, target, oldValue, newValue, result, automatic);
        sha256.update(prev);
        sha256.update(line.toString().getBytes(StandardCharsets.UTF_8));
        return sha256.digest();
    }

    private static StringBuilder canonical(StringBuilder b, long sequence, long timeMicros, String operator, String host,
            String action, String target, String oldValue, String newValue, String result, boolean automatic) {
        b.append("v1|").append(sequence).append('|').append(timeMicros).append('|');
        text(b, operator).append('|');
        text(b, host).append('|');
        b.append(action).append('|');
        text(b, target).append('|');
        text(b, oldValue).append('|');
        text(b, newValue).append('|');
        text(b, result).append('|');
        return b.append(automatic ? '1' : '0');
    }

    private static StringBuilder text(StringBuilder b, String s) {
        if (s == null) {
            return b.append('-');
        }
        return b.append(utf8Length(s)).append(':').append(s);
    }

    /** Bytes of a string in UTF-8, without encoding it (unpaired surrogates count as '?', as the encoder writes them). */
    static int utf8Length(CharSequence s) {
        int n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Lower-case hex of bytes. */
    public static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Whether a hash equals a lower-case hex string (without allocating; false for null or another length). */
    public static boolean matches(byte[] hash, String hex) {
        if (hex == null || hex.length() != hash.length * 2) {
            return false;
        }
        for (int i = 0; i < hash.length; i++) {
            if (hex.charAt(2 * i) != HEX[(hash[i] >> 4) & 0xf] || hex.charAt(2 * i + 1) != HEX[hash[i] & 0xf]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Bytes of a hex string.
     *
     * @throws IllegalArgumentException when it is not an even number of hex digits
     */
    public static byte[] unhex(String hex) {
        if (hex == null || hex.length() % 2 != 0) {
            throw new IllegalArgumentException("not a hex string: " + hex);
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not a hex string: " + hex);
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }
}
