package io.plantwatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    /** Fewer iterations than the default, so that the suite stays fast; one test uses the default. */
    private final PasswordHasher hasher = new PasswordHasher(1_000);

    @Test
    void rightPasswordVerifiesAndWrongOneDoesNot() {
        String stored = hasher.hash("correct horse".toCharArray());

        assertThat(hasher.verify("correct horse".toCharArray(), stored)).isTrue();
        assertThat(hasher.verify("correct hors".toCharArray(), stored)).isFalse();
        assertThat(hasher.verify("Correct horse".toCharArray(), stored)).isFalse();
        assertThat(hasher.verify(new char[0], stored)).isFalse();
    }

    @Test
    void theSamePasswordGetsADifferentSaltAndHashEachTime() {
        String a = hasher.hash("correct horse".toCharArray());
        String b = hasher.hash("correct horse".toCharArray());

        assertThat(a.split("\\$")[2]).isNotEqualTo(b.split("\\$")[2]);
        assertThat(a.split("\\$")[3]).isNotEqualTo(b.split("\\$")[3]);
        assertThat(hasher.verify("correct horse".toCharArray(), b)).isTrue();
    }

    @Test
    void storedFormNamesSchemeIterationsSaltAndHash() {
        String stored = new PasswordHasher().hash("correct horse".toCharArray());

        String[] f = stored.split("\\$");
        assertThat(f).hasSize(4);
        assertThat(f[0]).isEqualTo("pbkdf2-sha256");
        assertThat(f[1]).isEqualTo("600000");
        assertThat(Base64.getDecoder().decode(f[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(f[3])).hasSize(32);
        assertThat(PasswordHasher.DEFAULT_ITERATIONS).isEqualTo(600_000);
    }

    @Test
    void aHashVerifiesWithTheIterationsStoredInItAndAsksForARehashWhenFewer() {
        String weak = new PasswordHasher(500).hash("correct horse".toCharArray());

        assertThat(hasher.verify("correct horse".toCharArray(), weak)).isTrue();
        assertThat(hasher.needsRehash(weak)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("x".toCharArray()))).isFalse();
    }

    @Test
    void damagedHashIsRefusedWithAReason() {
        assertThatThrownBy(() -> hasher.verify("x".toCharArray(), "md5$abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pbkdf2-sha256");
        assertThatThrownBy(() -> hasher.verify("x".toCharArray(), "pbkdf2-sha256$many$AAAA$AAAA"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("damaged");
    }

    @Test
    void emptyPasswordIsNotHashed() {
        assertThatThrownBy(() -> hasher.hash(new char[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
