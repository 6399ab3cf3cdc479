package io.plantwatch.domain;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a secret (a broker password, a keystore password) comes from. The site configuration holds
 * only the reference, never the secret (DESIGN.md decision 10). Two forms:
 * <ul>
 *   <li>{@code env:NAME}: the value of environment variable {@code NAME};
 *   <li>{@code keystore:PATH#ALIAS}: the secret-key entry {@code ALIAS} of the PKCS#12 keystore at
 *       {@code PATH} (create it with {@code keytool -importpass}); the keystore's own password comes
 *       from environment variable {@code PLANTWATCH_KEYSTORE_PASSWORD}.
 * </ul>
 * Resolving the reference is the job of the component that needs the secret ({@code ingest}).
 *
 * @param kind     where to look
 * @param name     environment variable name, or the alias inside the keystore
 * @param keystore keystore path for {@link Kind#KEYSTORE}, else null
 */
public record SecretRef(Kind kind, String name, Path keystore) {

    /** Where a secret is kept. */
    public enum Kind { ENV, KEYSTORE }

    /** Environment variable holding the password of keystores named by {@code keystore:} references. */
    public static final String KEYSTORE_PASSWORD_ENV = "PLANTWATCH_KEYSTORE_PASSWORD";

    /** @throws IllegalArgumentException when a part is missing */
    public SecretRef {
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a secret reference needs a name");
        }
        if (kind == Kind.KEYSTORE && keystore == null) {
            throw new IllegalArgumentException("a keystore secret reference needs the keystore's path");
        }
    }

    /**
     * Parses {@code env:NAME} or {@code keystore:PATH#ALIAS}; a relative keystore path is resolved
     * against {@code baseDir} (the site file's folder).
     *
     * @throws IllegalArgumentException with the accepted forms, for anything else (a plain password included)
     */
    public static SecretRef parse(String text, Path baseDir) {
        if (text != null && text.startsWith("env:") && text.length() > 4) {
            String name = text.substring(4);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("'" + name + "' is not an environment variable name");
            }
            return new SecretRef(Kind.ENV, name, null);
        }
        if (text != null && text.startsWith("keystore:")) {
            int hash = text.lastIndexOf('#');
            if (hash > "keystore:".length() && hash < text.length() - 1) {
                Path p = Path.of(text.substring("keystore:".length(), hash));
                return new SecretRef(Kind.KEYSTORE, text.substring(hash + 1), baseDir == null ? p : baseDir.resolve(p));
            }
        }
        throw new IllegalArgumentException("a secret must be a reference, 'env:VARIABLE' or 'keystore:FILE.p12#ALIAS',"
                + " never the secret itself");
    }

    /** The reference as written in the site file. */
    @Override
    public String toString() {
        return kind == Kind.ENV ? "env:" + name : "keystore:" + keystore + "#" + name;
    }
}
