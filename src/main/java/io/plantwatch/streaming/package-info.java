/**
 * The only package that imports Spark: the embedded session, the DataSource V2 micro-batch source
 * over the reading journal, and the event-time windowed statistics query.
 */
package io.plantwatch.streaming;
