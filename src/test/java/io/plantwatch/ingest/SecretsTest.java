package io.plantwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantwatch.domain.SecretRef;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @TempDir
    Path dir;

    @Test
    void envReferenceResolvesToTheVariable() {
        Secrets secrets = new Secrets(Map.of("MQTT_PASSWORD", "pa55")::get);
        assertThat(secrets.resolve(SecretRef.parse("env:MQTT_PASSWORD", null))).containsExactly('p', 'a', '5', '5');
    }

    @Test
    void envReferenceResolvesAgainstTheProcessEnvironment() {
        // PATH exists wherever tests run
        assertThat(new String(Secrets.fromEnvironment().resolve(SecretRef.parse("env:PATH", null))))
                .isEqualTo(System.getenv("PATH"));
    }

    @Test
    void aMissingOrEmptyVariableNamesTheVariableButNoSecret() {
        Secrets secrets = new Secrets(Map.of("EMPTY", "")::get);
        assertThatThrownBy(() -> secrets.resolve(SecretRef.parse("env:NOT_SET", null)))
                .isInstanceOf(Secrets.SecretException.class)
                .hasMessage("environment variable NOT_SET is not set (needed for secret env:NOT_SET)");
        assertThatThrownBy(() -> secrets.resolve(SecretRef.parse("env:EMPTY", null)))
                .hasMessage("environment variable EMPTY is not set (needed for secret env:EMPTY)");
    }

    /** The same entry {@code keytool -importpass} writes: a PBE secret key holding the password's bytes. */
    private Path keystoreWith(String alias, String secret, String storePassword) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        var key = SecretKeyFactory.getInstance("PBE").generateSecret(new PBEKeySpec(secret.toCharArray()));
        ks.setEntry(alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(storePassword.toCharArray()));
        Path file = dir.resolve("secrets.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, storePassword.toCharArray());
        }
        return file;
    }

    @Test
    void keystoreReferenceReadsTheSecretKeyEntryWithTheStorePasswordFromTheEnvironment() throws Exception {
        keystoreWith("mqtt", "s3cret!", "store-pw");
        Secrets secrets = new Secrets(Map.of(SecretRef.KEYSTORE_PASSWORD_ENV, "store-pw")::get);
        assertThat(new String(secrets.resolve(SecretRef.parse("keystore:secrets.p12#mqtt", dir)))).isEqualTo("s3cret!");
    }

    @Test
    void keystoreProblemsAreNamed() throws Exception {
        keystoreWith("mqtt", "s3cret!", "store-pw");
        SecretRef ref = SecretRef.parse("keystore:secrets.p12#mqtt", dir);
        assertThatThrownBy(() -> new Secrets(Map.<String, String>of()::get).resolve(ref))
                .hasMessage("environment variable PLANTWATCH_KEYSTORE_PASSWORD is not set (needed for keystore "
                        + dir.resolve("secrets.p12") + ")");
        Secrets wrongPw = new Secrets(Map.of(SecretRef.KEYSTORE_PASSWORD_ENV, "nope")::get);
        assertThatThrownBy(() -> wrongPw.resolve(ref)).hasMessageStartingWith("cannot open keystore ")
                .hasMessageEndingWith("(is PLANTWATCH_KEYSTORE_PASSWORD the keystore's password?)")
                .hasMessageNotContaining("s3cret");
        Secrets ok = new Secrets(Map.of(SecretRef.KEYSTORE_PASSWORD_ENV, "store-pw")::get);
        assertThatThrownBy(() -> ok.resolve(SecretRef.parse("keystore:secrets.p12#other", dir)))
                .hasMessage("keystore " + dir.resolve("secrets.p12") + " has no entry 'other' (add it with keytool"
                        + " -importpass -alias other)");
        assertThatThrownBy(() -> ok.resolve(SecretRef.parse("keystore:missing.p12#mqtt", dir)))
                .hasMessage("keystore " + dir.resolve("missing.p12") + " does not exist");
    }
}
