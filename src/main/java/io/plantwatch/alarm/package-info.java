/**
 * The alarm model: limit conditions with deadband and on-delay in event time, and the ISA-18.2
 * state machine with acknowledgement. Plain Java; no Spark, no JavaFX, no broker.
 */
package io.plantwatch.alarm;
