package io.plantwatch.domain;

import java.nio.file.Path;

/**
 * TLS towards a broker: a custom CA truststore and, for mutual TLS, a client certificate.
 * Keystores are PKCS#12 (or JKS) files; their passwords are {@link SecretRef}s.
 *
 * @param trustStore         truststore with the CA certificates to trust; null: the JDK's default CAs
 * @param trustStorePassword password of the truststore; null when it has none
 * @param keyStore           keystore with the client certificate and key; null: no client certificate
 * @param keyStorePassword   password of the keystore (and of its key); required with a keystore
 * @param verifyHostname     check that the broker's certificate names the host connected to (default true)
 */
public record TlsSettings(Path trustStore, SecretRef trustStorePassword, Path keyStore, SecretRef keyStorePassword,
        boolean verifyHostname) {

    /** @throws IllegalArgumentException when a keystore is given without its password */
    public TlsSettings {
        if (keyStore != null && keyStorePassword == null) {
            throw new IllegalArgumentException("tls.keyStorePassword is required with tls.keyStore");
        }
    }
}
