/** H2 repositories and Flyway migrations: the alarm journal (with its CSV export) and dead letters. */
package io.plantwatch.storage;
