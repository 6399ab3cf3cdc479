/**
 * The offset-addressed log of readings between ingest and everything downstream (alarm engine,
 * Spark source, UI). Nothing here knows about brokers, Spark or JavaFX.
 */
package io.plantwatch.journal;
