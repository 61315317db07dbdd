-- Ids of care pages, accounts and organisations are never given out again
-- (issue 30). The dossier's access log names them without a foreign key (it
-- must outlive what it names), so a reused id let a new family's page list a
-- deleted page's log. Without AUTOINCREMENT SQLite hands out the highest id
-- plus one, which is a deleted row's id again when that row was the newest.
--
-- SQLite cannot add AUTOINCREMENT to a table, so each is made again with its
-- rows (SQLite's own twelve-step procedure): foreign keys are off while the
-- tables are swapped, so that dropping the old one deletes nothing that
-- refers to it, and checked before the change is committed. The old
-- `ALTER TABLE RENAME` rules leave the other tables' references to these
-- names as they are, which is what is wanted: they name the new tables.
--
-- Foreign keys can only be switched off outside a transaction, and sqlx
-- runs every SQLite migration inside one: so this migration commits the
-- (empty) transaction it was given, does its work in a transaction of its
-- own, and opens a new one at the end, in which sqlx records it as applied.
-- Run twice (a crash between the two), it makes the same tables again.
COMMIT;
PRAGMA foreign_keys = OFF;
PRAGMA legacy_alter_table = ON;
BEGIN IMMEDIATE;

CREATE TABLE providers_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT NOT NULL,
    created_at      TEXT NOT NULL DEFAULT ''
);
INSERT INTO providers_new (id, name, created_at) SELECT id, name, created_at FROM providers;
DROP TABLE providers;
ALTER TABLE providers_new RENAME TO providers;

CREATE TABLE accounts_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    email           TEXT NOT NULL UNIQUE,
    first_name      TEXT NOT NULL,
    last_name       TEXT NOT NULL,
    -- NULL until the e-mail address is confirmed and a password chosen.
    password_hash   TEXT,
    high_contrast   INTEGER NOT NULL DEFAULT 0,
    -- Set for staff of a care organisation.
    provider_id     INTEGER REFERENCES providers(id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    mobile          TEXT,
    text_size       INTEGER NOT NULL DEFAULT 0 CHECK (text_size BETWEEN 0 AND 2),
    language        TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en')),
    staff_role      TEXT CHECK (staff_role IN ('admin', 'employee')),
    strain_reminder INTEGER NOT NULL DEFAULT 0,
    strain_reminded_at TEXT
);
INSERT INTO accounts_new (id, email, first_name, last_name, password_hash, high_contrast,
        provider_id, created_at, mobile, text_size, language, staff_role, strain_reminder,
        strain_reminded_at)
    SELECT id, email, first_name, last_name, password_hash, high_contrast, provider_id,
        created_at, mobile, text_size, language, staff_role, strain_reminder, strain_reminded_at
    FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_new RENAME TO accounts;

CREATE TABLE care_pages_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    first_name      TEXT NOT NULL,
    last_name       TEXT NOT NULL,
    birth_date      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    address         TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT ''
);
INSERT INTO care_pages_new (id, first_name, last_name, birth_date, created_at, address, phone)
    SELECT id, first_name, last_name, birth_date, created_at, address, phone FROM care_pages;
DROP TABLE care_pages;
ALTER TABLE care_pages_new RENAME TO care_pages;

-- Ids already named by the log (of pages deleted before this change) are
-- not handed out again either.
DELETE FROM sqlite_sequence WHERE name IN ('care_pages', 'accounts', 'providers');
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'care_pages', MAX(COALESCE((SELECT MAX(id) FROM care_pages), 0),
                             COALESCE((SELECT MAX(care_page_id) FROM dossier_access_log), 0));
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'accounts', MAX(COALESCE((SELECT MAX(id) FROM accounts), 0),
                           COALESCE((SELECT MAX(account_id) FROM dossier_access_log), 0));
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'providers', MAX(COALESCE((SELECT MAX(id) FROM providers), 0),
                            COALESCE((SELECT MAX(provider_id) FROM dossier_access_log), 0));

COMMIT;
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_keys = ON;
BEGIN;
