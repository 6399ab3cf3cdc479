/**
 * The audit trail's model: what is recorded ({@link io.plantwatch.audit.AuditEvent}) and the port
 * services write to ({@link io.plantwatch.audit.AuditTrail}); the H2 store with its hash chain lives
 * in {@code storage}. JDK and {@code domain} only.
 */
package io.plantwatch.audit;
