-- The backups the server made. The daily copy is claimed here with a lease
-- (SCALE.md, rule 4), so several processes on one database make one copy a
-- day and a copy whose process died is taken over; /metrics reads the last.
CREATE TABLE backup_runs (
    id          INTEGER PRIMARY KEY,
    -- 'daily', 'manual' (kring backup) or 'migration' (before migrating).
    kind        TEXT NOT NULL CHECK (kind IN ('daily', 'manual', 'migration')),
    started_at  TEXT NOT NULL,
    lease_until TEXT NOT NULL,
    finished_at TEXT,
    -- The copy's file name, once it is checked and in place.
    file        TEXT,
    bytes       INTEGER,
    -- Why it failed, for the operator (an I/O or SQLite error, never data).
    failed      TEXT
);
CREATE INDEX backup_runs_by_start ON backup_runs(started_at);
