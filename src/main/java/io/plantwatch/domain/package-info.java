/**
 * Plain, immutable records of the plant's data: readings, tags and limits, alarm states and
 * transitions, window statistics. No framework is imported here (checked by an ArchUnit test).
 */
package io.plantwatch.domain;
