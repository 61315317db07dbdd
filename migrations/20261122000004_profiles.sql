-- Profiles: the cared-for person's address, phone and photo; an account's
-- confirmed mobile number, e-mail changes waiting for the new address, and
-- the SMS codes that confirm a mobile number.

ALTER TABLE care_pages ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE care_pages ADD COLUMN phone TEXT NOT NULL DEFAULT '';

CREATE TABLE page_photos (
    care_page_id    INTEGER PRIMARY KEY REFERENCES care_pages(id) ON DELETE CASCADE,
    -- Checked from the file's first bytes, never taken from the upload.
    content_type    TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    bytes           BLOB NOT NULL,
    updated_at      TEXT NOT NULL
);

-- The confirmed mobile number in international form ("+31612345678").
ALTER TABLE accounts ADD COLUMN mobile TEXT;

CREATE TABLE email_changes (
    -- SHA-256 of the secret in the link mailed to the new address.
    token_hash      BLOB PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    new_email       TEXT NOT NULL,
    expires_at      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX email_changes_by_account ON email_changes(account_id);

-- At most one code per account waits at a time; a new one replaces it.
CREATE TABLE mobile_codes (
    account_id      INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    mobile          TEXT NOT NULL,
    code_hash       BLOB NOT NULL,
    wrong_attempts  INTEGER NOT NULL DEFAULT 0,
    sent_at         TEXT NOT NULL,
    expires_at      TEXT NOT NULL
);
