package io.plantwatch.domain;

/**
 * Which anomaly detector watches a tag (ADR 0005). The class follows the physical quantity, not
 * the data: fast process values react in seconds, temperatures drift over hours.
 */
public enum DetectorClass {
    /** No anomaly detection. */
    NONE,
    /** Flow, pressure, current, voltage, vibration: part of its device's Hotelling T² vector. */
    FAST,
    /** Temperatures: a slow z-score against a baseline with day-scale half-lives. */
    THERMAL
}
