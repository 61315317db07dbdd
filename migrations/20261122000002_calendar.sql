-- The week calendar: appointments made by members (possibly repeating),
-- occurrences taken out of a series, who helps, and private calendar feeds.

CREATE TABLE appointments (
    id              INTEGER PRIMARY KEY,
    care_page_id    INTEGER NOT NULL REFERENCES care_pages(id) ON DELETE CASCADE,
    created_by      INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    title           TEXT NOT NULL,
    place           TEXT NOT NULL DEFAULT '',
    description     TEXT NOT NULL DEFAULT '',
    -- Local (Europe/Amsterdam) wall-clock date of the first occurrence, "YYYY-MM-DD".
    start_date      TEXT NOT NULL,
    -- "HH:MM"; both NULL for an all-day appointment.
    start_time      TEXT,
    end_time        TEXT,
    shared_with_provider INTEGER NOT NULL DEFAULT 0,
    asks_help       INTEGER NOT NULL DEFAULT 0,
    -- NULL for a single appointment; then last_date = start_date.
    repeat_frequency TEXT CHECK (repeat_frequency IN ('daily', 'weekly', 'monthly')),
    repeat_interval INTEGER NOT NULL DEFAULT 1 CHECK (repeat_interval BETWEEN 1 AND 99),
    -- The last date an occurrence may fall on.
    last_date       TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
-- The week query reads single appointments by their day and series by their
-- end, so five years of history cost no more than an empty page.
CREATE INDEX single_appointments_by_day ON appointments(care_page_id, start_date)
    WHERE repeat_frequency IS NULL;
CREATE INDEX appointment_series_by_end ON appointments(care_page_id, last_date)
    WHERE repeat_frequency IS NOT NULL;

CREATE TABLE appointment_skips (
    appointment_id  INTEGER NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
    occurrence_date TEXT NOT NULL,
    PRIMARY KEY (appointment_id, occurrence_date)
) WITHOUT ROWID;

CREATE TABLE appointment_helpers (
    appointment_id  INTEGER NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
    occurrence_date TEXT NOT NULL,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    signed_up_at    TEXT NOT NULL,
    PRIMARY KEY (appointment_id, occurrence_date, account_id)
) WITHOUT ROWID;

CREATE TABLE calendar_feeds (
    -- SHA-256 of the secret in the feed's address.
    token_hash      BLOB PRIMARY KEY,
    care_page_id    INTEGER NOT NULL REFERENCES care_pages(id) ON DELETE CASCADE,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    UNIQUE (care_page_id, account_id)
) WITHOUT ROWID;
