-- Medicijnen: the person's medication list, part of the dossier (medical
-- data: the same door and access log). Edited by the trusted group, the
-- admin and linked organisations' staff; a stopped medicine stays, apart.
CREATE TABLE medicines (
    id              INTEGER PRIMARY KEY,
    care_page_id    INTEGER NOT NULL REFERENCES care_pages(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    strength        TEXT NOT NULL DEFAULT '',
    dose            TEXT NOT NULL DEFAULT '',
    times           TEXT NOT NULL DEFAULT '',
    with_food       TEXT NOT NULL DEFAULT 'any' CHECK (with_food IN ('any', 'with', 'without')),
    prescribed_by   TEXT NOT NULL DEFAULT '',
    -- "YYYY-MM-DD"; NULL when unknown. Stopped once stopped_on is today or earlier.
    started_on      TEXT,
    stopped_on      TEXT,
    notes           TEXT NOT NULL DEFAULT '',
    -- Who changed it last, by name as well: staff accounts come and go.
    changed_by      INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    changed_by_name TEXT NOT NULL,
    changed_at      TEXT NOT NULL
);
CREATE INDEX medicines_by_page ON medicines(care_page_id, name);
