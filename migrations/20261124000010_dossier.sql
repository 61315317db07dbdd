-- The dossier: the organisation's care plan (versioned), its reports, and
-- measurements (by the organisation, or at home by the family); the session's
-- open dossier; and the access log (NEN 7513), append-only with a hash chain.

-- When this session last did something in the dossier after typing its code;
-- the dossier stays open while this is less than half an hour ago.
ALTER TABLE sessions ADD COLUMN dossier_active_at TEXT;

-- Every save is a new row; the newest per organisation is the plan in force.
CREATE TABLE care_plan_versions (
    id              INTEGER PRIMARY KEY,
    care_page_id    INTEGER NOT NULL REFERENCES care_pages(id) ON DELETE CASCADE,
    provider_id     INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    -- "YYYY-MM-DD"
    valid_from      TEXT NOT NULL,
    -- The life domains with their needs, goals and actions, as JSON (see dossier::care_plan).
    content         TEXT NOT NULL,
    author_id       INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    author_name     TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX care_plans_by_page ON care_plan_versions(care_page_id, provider_id, id);

CREATE TABLE reports (
    id              INTEGER PRIMARY KEY,
    care_page_id    INTEGER NOT NULL REFERENCES care_pages(id) ON DELETE CASCADE,
    provider_id     INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('general', 'medical')),
    -- The visit it is about: local wall-clock time, "YYYY-MM-DDTHH:MM".
    visited_at      TEXT NOT NULL,
    body            TEXT NOT NULL,
    author_id       INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    author_name     TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX reports_by_page ON reports(care_page_id, visited_at);

-- Which reader has seen which report: new ones are marked until then.
CREATE TABLE report_reads (
    report_id       INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    PRIMARY KEY (report_id, account_id)
) WITHOUT ROWID;

CREATE TABLE measurements (
    id              INTEGER PRIMARY KEY,
    care_page_id    INTEGER NOT NULL REFERENCES care_pages(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('weight', 'blood_pressure', 'blood_sugar')),
    -- Local wall-clock time, "YYYY-MM-DDTHH:MM".
    measured_at     TEXT NOT NULL,
    -- kg, systolic mmHg, or mmol/L.
    value           REAL NOT NULL,
    -- Diastolic mmHg and pulse, for blood pressure only.
    diastolic       REAL,
    pulse           INTEGER,
    -- The organisation that measured; NULL: measured at home by the family.
    provider_id     INTEGER REFERENCES providers(id) ON DELETE CASCADE,
    author_id       INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    author_name     TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
-- With provider_id, counting what a reader may see needs the index alone.
CREATE INDEX measurements_by_page ON measurements(care_page_id, kind, measured_at, provider_id);

-- Who looked in, or wrote to, which dossier, and what came of it. No foreign
-- keys: the log outlives the accounts and pages it names. Words are stored as
-- codes and put into words when read.
CREATE TABLE dossier_access_log (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    account_id      INTEGER,
    account_name    TEXT NOT NULL,
    -- admin, trusted, helper, staff, stranger
    role            TEXT NOT NULL,
    provider_id     INTEGER,
    provider_name   TEXT,
    care_page_id    INTEGER NOT NULL,
    what            TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    -- SHA-256 over the previous row's hash and this row's content.
    prev_hash       BLOB NOT NULL,
    row_hash        BLOB NOT NULL
);
CREATE INDEX access_log_by_page ON dossier_access_log(care_page_id, id);

CREATE TRIGGER access_log_is_append_only_update BEFORE UPDATE ON dossier_access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;
CREATE TRIGGER access_log_is_append_only_delete BEFORE DELETE ON dossier_access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;
