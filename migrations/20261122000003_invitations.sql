-- Invitations to a care page, and the page's history of who changed what.

CREATE TABLE invitations (
    id              INTEGER PRIMARY KEY,
    -- SHA-256 of the secret in the invitation link.
    token_hash      BLOB NOT NULL UNIQUE,
    care_page_id    INTEGER NOT NULL REFERENCES care_pages(id) ON DELETE CASCADE,
    email           TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('trusted', 'helper')),
    invited_by      INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    accepted_at     TEXT
);
CREATE INDEX invitations_by_page ON invitations(care_page_id, accepted_at);

CREATE TABLE page_history (
    id              INTEGER PRIMARY KEY,
    care_page_id    INTEGER NOT NULL REFERENCES care_pages(id) ON DELETE CASCADE,
    account_id      INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    what            TEXT NOT NULL,
    at              TEXT NOT NULL
);
CREATE INDEX page_history_by_page ON page_history(care_page_id, at);
