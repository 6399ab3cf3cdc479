/**
 * Who may do what: operator accounts ({@link io.plantwatch.security.OperatorAccount}, kept behind the
 * {@link io.plantwatch.security.OperatorDirectory} port), salted PBKDF2 password hashes
 * ({@link io.plantwatch.security.PasswordHasher}), the {@link io.plantwatch.security.LoginService} that
 * issues {@link io.plantwatch.domain.Principal}s, and operator administration. Every login and change
 * is written to the audit trail. JDK, {@code domain} and {@code audit} only; roles and their rights
 * are described in docs/security.md.
 */
package io.plantwatch.security;
