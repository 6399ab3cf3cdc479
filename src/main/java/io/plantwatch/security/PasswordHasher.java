package io.plantwatch.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted password hashes with the JDK's PBKDF2 ({@code PBKDF2WithHmacSHA256}, RFC 8018 §5.2).
 *
 * <p>Parameters, and their source:
 * <ul>
 *   <li>{@value #DEFAULT_ITERATIONS} iterations: the OWASP Password Storage Cheat Sheet's figure for
 *       PBKDF2-HMAC-SHA256 (section "PBKDF2"; the work factor it names for FIPS-140 compliance);</li>
 *   <li>a {@value #SALT_BYTES}-byte random salt per hash from {@link SecureRandom} (NIST SP 800-132
 *       §5.1: at least 128 bits);</li>
 *   <li>a {@value #HASH_BYTES}-byte derived key (SHA-256's output length: a longer key only makes
 *       the defender work more).</li>
 * </ul>
 *
 * <p>The stored form describes itself, so that the iteration count can be raised later while old
 * hashes still verify: {@code pbkdf2-sha256$<iterations>$<salt, Base64>$<hash, Base64>} (standard
 * Base64 with padding). Verification compares in constant time ({@link MessageDigest#isEqual}).
 *
 * <p>Hashing takes a fraction of a second by design (measured: about 0.3 s on the 2-core build
 * machine); call it off the FX thread. Thread-safe.
 */
public final class PasswordHasher {

    /** OWASP Password Storage Cheat Sheet: PBKDF2-HMAC-SHA256 with 600,000 iterations. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Salt length, bytes (128 bits, NIST SP 800-132). */
    public static final int SALT_BYTES = 16;
    /** Derived key length, bytes. */
    public static final int HASH_BYTES = 32;
    /** The first field of the stored form. */
    public static final String SCHEME = "pbkdf2-sha256";

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    /** A hasher with {@link #DEFAULT_ITERATIONS}. */
    public PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    /**
     * A hasher with another iteration count for new hashes (tests use fewer to stay fast; existing
     * hashes always verify with the count stored in them).
     *
     * @throws IllegalArgumentException when iterations is below 1
     */
    public PasswordHasher(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, was " + iterations);
        }
        this.iterations = iterations;
    }

    /** The iteration count new hashes get. */
    public int iterations() {
        return iterations;
    }

    /**
     * Hashes a password with a new random salt.
     *
     * @param password the password; not kept (the caller should clear its array afterwards)
     * @return the stored form, {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}
     * @throws IllegalArgumentException when the password is empty
     */
    public String hash(char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /**
     * Whether a password matches a stored hash. The comparison of the derived keys takes the same
     * time wherever they differ.
     *
     * @param stored a hash from {@link #hash}
     * @throws IllegalArgumentException when {@code stored} is not in the stored form (a damaged row)
     */
    public boolean verify(char[] password, String stored) {
        Parsed p = parse(stored);
        byte[] candidate = derive(password == null ? new char[0] : password, p.salt, p.iterations, p.hash.length);
        return MessageDigest.isEqual(candidate, p.hash);
    }

    /** Whether a stored hash was made with fewer iterations than new ones get (rehash at the next login). */
    public boolean needsRehash(String stored) {
        return parse(stored).iterations < iterations;
    }

    /**
     * Spends the time one verification takes, for an unknown operator, so that the login's duration
     * does not tell whether a name exists.
     */
    public void waste(char[] password) {
        derive(password == null || password.length == 0 ? new char[] {' '} : password, new byte[SALT_BYTES], iterations,
                HASH_BYTES);
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {
    }

    private static Parsed parse(String stored) {
        String[] f = stored == null ? new String[0] : stored.split("\\$");
        if (f.length != 4 || !SCHEME.equals(f[0])) {
            throw new IllegalArgumentException("not a " + SCHEME + " password hash");
        }
        try {
            int n = Integer.parseInt(f[1]);
            byte[] salt = Base64.getDecoder().decode(f[2]);
            byte[] hash = Base64.getDecoder().decode(f[3]);
            if (n < 1 || salt.length == 0 || hash.length == 0) {
                throw new IllegalArgumentException("damaged " + SCHEME + " password hash");
            }
            return new Parsed(n, salt, hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("damaged " + SCHEME + " password hash: " + e.getMessage(), e);
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
