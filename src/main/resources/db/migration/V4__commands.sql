-- Operator commands (issue #5, DESIGN.md decision 6): one row per executed command with its latest
-- status; every step is also in the audit trail. Written by storage.H2CommandLog.
CREATE TABLE command (
    id            VARCHAR(36)   PRIMARY KEY,
    device        VARCHAR(64)   NOT NULL,
    command       VARCHAR(64)   NOT NULL,
    cmd_value     VARCHAR(200),
    topic         VARCHAR(500)  NOT NULL,
    operator      VARCHAR(100)  NOT NULL,
    host          VARCHAR(255)  NOT NULL,
    automatic     BOOLEAN       NOT NULL,
    note          VARCHAR(2000) NOT NULL,
    process_value VARCHAR(100),
    status        VARCHAR(16)   NOT NULL,
    reason        VARCHAR(2000) NOT NULL,
    armed_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    queued_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    sent_at       TIMESTAMP(6) WITH TIME ZONE,
    completed_at  TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX command_queued_at ON command (queued_at);
CREATE INDEX command_device ON command (device, command, queued_at);
