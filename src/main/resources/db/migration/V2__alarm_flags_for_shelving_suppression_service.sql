-- ISA-18.2 shelving, suppress-by-design, out-of-service and latching (issue #4): each transition
-- carries the alarm's full state so that a restart restores it exactly.
ALTER TABLE alarm_transition ALTER COLUMN cause VARCHAR(24);
ALTER TABLE alarm_transition ADD COLUMN process_active BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE alarm_transition ADD COLUMN latched BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE alarm_transition ADD COLUMN shelved_until TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE alarm_transition ADD COLUMN suppressed BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE alarm_transition ADD COLUMN out_of_service BOOLEAN DEFAULT FALSE NOT NULL;
-- rows written before this migration: the process was active exactly in the active states
UPDATE alarm_transition SET process_active = TRUE WHERE to_state IN ('UNACK', 'ACKED');
