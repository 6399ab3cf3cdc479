package io.plantwatch.ingest;

import io.plantwatch.domain.SecretRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * Resolves {@link SecretRef}s (broker passwords, keystore passwords) to the secret itself, at the
 * moment a connection needs it. The site file holds only the reference (DESIGN.md decision 10).
 *
 * <ul>
 *   <li>{@code env:NAME}: the value of environment variable {@code NAME}; an empty value counts as
 *       not set.
 *   <li>{@code keystore:PATH#ALIAS}: the secret-key entry {@code ALIAS} of the PKCS#12 keystore at
 *       {@code PATH}, as written by {@code keytool -importpass -storetype PKCS12 -alias ALIAS
 *       -keystore PATH}; the keystore password (which also protects the entry) comes from
 *       environment variable {@value SecretRef#KEYSTORE_PASSWORD_ENV}. The entry's key bytes are
 *       the secret, read as UTF-8.
 * </ul>
 *
 * <p>Errors name the reference and what to do, never the secret; nothing here logs. Callers
 * should clear the returned array when done. Stateless apart from the environment lookup;
 * thread-safe.
 */
public final class Secrets {

    private final Function<String, String> env;

    /**
     * @param env environment lookup, e.g. {@code System::getenv}; tests pass a map's {@code get}
     */
    public Secrets(Function<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /** Resolves against the process environment ({@link System#getenv(String)}). */
    public static Secrets fromEnvironment() {
        return new Secrets(System::getenv);
    }

    /**
     * The secret a reference names.
     *
     * @return a fresh array the caller owns
     * @throws SecretException when the variable is not set, the keystore cannot be read or opened,
     *                         or the alias is missing or not a secret-key entry
     */
    public char[] resolve(SecretRef ref) {
        Objects.requireNonNull(ref, "ref");
        return switch (ref.kind()) {
            case ENV -> env(ref.name(), "secret " + ref).toCharArray();
            case KEYSTORE -> fromKeystore(ref);
        };
    }

    private String env(String name, String forWhat) {
        String value = env.apply(name);
        if (value == null || value.isEmpty()) {
            throw new SecretException("environment variable " + name + " is not set (needed for " + forWhat + ")");
        }
        return value;
    }

    private char[] fromKeystore(SecretRef ref) {
        char[] storePassword = env(SecretRef.KEYSTORE_PASSWORD_ENV, "keystore " + ref.keystore()).toCharArray();
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(ref.keystore())) {
                ks.load(in, storePassword);
            }
            if (!ks.containsAlias(ref.name())) {
                throw new SecretException("keystore " + ref.keystore() + " has no entry '" + ref.name()
                        + "' (add it with keytool -importpass -alias " + ref.name() + ")");
            }
            KeyStore.Entry entry = ks.getEntry(ref.name(), new KeyStore.PasswordProtection(storePassword));
            if (!(entry instanceof KeyStore.SecretKeyEntry secret)) {
                throw new SecretException("entry '" + ref.name() + "' of keystore " + ref.keystore()
                        + " is not a secret-key entry (create it with keytool -importpass)");
            }
            byte[] bytes = secret.getSecretKey().getEncoded();
            try {
                var chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
                char[] out = new char[chars.remaining()];
                chars.get(out);
                Arrays.fill(chars.array(), '\0');
                return out;
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        } catch (NoSuchFileException e) {
            throw new SecretException("keystore " + ref.keystore() + " does not exist", e);
        } catch (IOException e) {
            // a wrong store password surfaces as an IOException whose cause is an UnrecoverableKeyException
            throw new SecretException("cannot open keystore " + ref.keystore() + ": " + e.getMessage()
                    + " (is " + SecretRef.KEYSTORE_PASSWORD_ENV + " the keystore's password?)", e);
        } catch (GeneralSecurityException e) {
            throw new SecretException("cannot read entry '" + ref.name() + "' of keystore " + ref.keystore() + ": "
                    + e.getMessage(), e);
        } finally {
            Arrays.fill(storePassword, '\0');
        }
    }

    /** A secret could not be resolved; the message says which and why, never the secret. */
    public static final class SecretException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param message what is missing and how to fix it */
        public SecretException(String message) {
            super(message);
        }

        /** @param message what is missing and how to fix it */
        public SecretException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
