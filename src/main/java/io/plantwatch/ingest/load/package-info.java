/**
 * Load tools for the MQTT benchmarks ({@code plantwatch bench mqtt}, docs/BENCHMARKS.md): a paced
 * publisher of synthetic readings and a bare subscriber that only counts, the baseline the
 * console's ingest is compared with in the same run, through the same broker.
 */
package io.plantwatch.ingest.load;
