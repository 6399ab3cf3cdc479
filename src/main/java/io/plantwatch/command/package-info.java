/**
 * Operator commands to the plant (DESIGN.md decision 6, docs/commands.md): the
 * {@link io.plantwatch.command.CommandService} (catalog check, roles, select-before-operate arm →
 * execute, lifecycle QUEUED → SENT → ACKNOWLEDGED | REJECTED | TIMED_OUT, audit of every step),
 * the {@link io.plantwatch.command.InterlockRules} that act on alarms when the site enables them, and
 * the ports it needs: {@link io.plantwatch.command.CommandTransport} (implemented over MQTT in
 * {@code ingest.mqtt}), {@link io.plantwatch.command.CommandLog} (H2 in {@code storage}),
 * {@link io.plantwatch.command.ProcessValues} and {@link io.plantwatch.command.DeviceAlarms}
 * (wired by {@code app}). No broker client here.
 */
package io.plantwatch.command;
