-- Operators and their roles (issue #5, DESIGN.md decision 7). The password is never stored: only its
-- salted PBKDF2 hash in the self-describing form pbkdf2-sha256$<iterations>$<salt, Base64>$<hash, Base64>
-- (security.PasswordHasher). failed_logins counts consecutive wrong passwords; locked_until is set when
-- they reach the site's maxFailedLogins.
CREATE TABLE operator (
    name           VARCHAR(64)   NOT NULL PRIMARY KEY,
    role           VARCHAR(16)   NOT NULL,
    password_hash  VARCHAR(200)  NOT NULL,
    enabled        BOOLEAN       DEFAULT TRUE NOT NULL,
    failed_logins  INT           DEFAULT 0 NOT NULL,
    locked_until   TIMESTAMP(6) WITH TIME ZONE,
    created_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    changed_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT operator_role CHECK (role IN ('VIEWER', 'OPERATOR', 'ENGINEER'))
);

-- The audit trail: append-only and hash-chained (storage.H2AuditTrail, docs/security.md). Each row's
-- row_hash is SHA-256 over prev_hash and the row's canonical form; prev_hash is the row before's
-- row_hash (64 zeros for sequence 1). Hashes are lower-case hex. event_time is UTC, to the microsecond.
CREATE TABLE audit_trail (
    sequence    BIGINT        NOT NULL PRIMARY KEY,
    event_time  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    operator    VARCHAR(100)  NOT NULL,
    host        VARCHAR(255)  NOT NULL,
    action      VARCHAR(40)   NOT NULL,
    target      VARCHAR(500)  NOT NULL,
    old_value   VARCHAR(2000),
    new_value   VARCHAR(2000),
    result      VARCHAR(2000) NOT NULL,
    automatic   BOOLEAN       NOT NULL,
    prev_hash   CHAR(64)      NOT NULL,
    row_hash    CHAR(64)      NOT NULL
);
CREATE INDEX audit_trail_time ON audit_trail (event_time);
