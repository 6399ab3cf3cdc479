/** H2 repositories and Flyway migrations: the alarm journal and dead letters. */
package io.plantwatch.storage;
