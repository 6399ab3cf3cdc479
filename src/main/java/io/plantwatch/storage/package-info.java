/**
 * H2 repositories and Flyway migrations: the alarm journal (with its CSV export), dead letters,
 * operator accounts and the hash-chained audit trail (with its verification and CSV export).
 */
package io.plantwatch.storage;
