/**
 * Alarm-system performance KPIs of EEMUA 191 (3rd ed., 2013) and ANSI/ISA-18.2-2016 §16
 * (Table 9, "alarm performance metrics"), computed from the alarm journal.
 *
 * <p>Entry point: {@link io.plantwatch.alarm.kpi.AlarmKpiCalculator#compute}, which turns a time-ordered
 * {@code List<AlarmTransition>} into an immutable {@link io.plantwatch.alarm.kpi.AlarmKpis}. The
 * thresholds and their sources are in {@link io.plantwatch.alarm.kpi.AlarmKpiThresholds}.
 *
 * <p>Everything is measured in event time ({@code AlarmTransition.eventTimeMillis}, epoch ms) and an
 * "alarm" is one activation ({@code Cause.ACTIVATE}); returns and acknowledgements are not alarms.
 *
 * <p>Plain Java: no Spark, no JavaFX, no database.
 */
package io.plantwatch.alarm.kpi;
