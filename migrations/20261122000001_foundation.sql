-- Accounts, sessions, single-use links, login throttling, care pages and
-- their members, providers and their visits.

CREATE TABLE accounts (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE,
    first_name      TEXT NOT NULL,
    last_name       TEXT NOT NULL,
    -- NULL until the e-mail address is confirmed and a password chosen.
    password_hash   TEXT,
    high_contrast   INTEGER NOT NULL DEFAULT 0,
    -- Set for staff of a care organisation.
    provider_id     INTEGER REFERENCES providers(id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL
);

CREATE TABLE sessions (
    -- SHA-256 of the cookie's token: a copy of the database opens no session.
    token_hash      BLOB PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_account ON sessions(account_id);

CREATE TABLE email_links (
    token_hash      BLOB PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    purpose         TEXT NOT NULL CHECK (purpose IN ('confirm', 'reset')),
    expires_at      TEXT NOT NULL,
    used_at         TEXT
) WITHOUT ROWID;
CREATE INDEX email_links_by_account ON email_links(account_id, purpose);

CREATE TABLE failed_logins (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL,
    client          TEXT NOT NULL,
    at              TEXT NOT NULL
);
CREATE INDEX failed_logins_by_email ON failed_logins(email, at);
CREATE INDEX failed_logins_by_client ON failed_logins(client, at);

CREATE TABLE providers (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL
);

CREATE TABLE care_pages (
    id              INTEGER PRIMARY KEY,
    first_name      TEXT NOT NULL,
    last_name       TEXT NOT NULL,
    birth_date      TEXT NOT NULL,
    created_at      TEXT NOT NULL
);

CREATE TABLE members (
    care_page_id    INTEGER NOT NULL REFERENCES care_pages(id) ON DELETE CASCADE,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'trusted', 'helper')),
    joined_at       TEXT NOT NULL,
    PRIMARY KEY (care_page_id, account_id)
) WITHOUT ROWID;
CREATE INDEX members_by_account ON members(account_id);
-- There is always exactly one admin: at most one here, at least one by the code.
CREATE UNIQUE INDEX one_admin_per_page ON members(care_page_id) WHERE role = 'admin';

CREATE TABLE provider_links (
    care_page_id    INTEGER NOT NULL REFERENCES care_pages(id) ON DELETE CASCADE,
    provider_id     INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    linked_at       TEXT NOT NULL,
    PRIMARY KEY (care_page_id, provider_id)
) WITHOUT ROWID;

CREATE TABLE visits (
    id              INTEGER PRIMARY KEY,
    care_page_id    INTEGER NOT NULL REFERENCES care_pages(id) ON DELETE CASCADE,
    provider_id     INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    -- Local wall-clock time in Europe/Amsterdam, "YYYY-MM-DDTHH:MM".
    starts_at       TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL,
    employee_name   TEXT NOT NULL
);
CREATE INDEX visits_by_page_and_time ON visits(care_page_id, starts_at);
