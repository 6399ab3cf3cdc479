/**
 * Sparkplug B (spBv1.0) host-side decoding with Eclipse Tahu: births, aliases, sequence checks with
 * rebirth requests, deaths as stale tags. Entry point:
 * {@link io.plantwatch.ingest.sparkplug.SparkplugDecoder}. See docs/mqtt.md.
 */
package io.plantwatch.ingest.sparkplug;
