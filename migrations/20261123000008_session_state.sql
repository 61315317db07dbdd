-- What belongs to one session beyond its login, kept in the database so any
-- server process can answer the next request (SCALE.md: state in the database).

-- A message for the next page this session renders, left by a form that was
-- sent without JavaScript (the browser follows a redirect and the answer
-- itself is lost), e.g. the recovery codes made by that form. Read once.
CREATE TABLE session_flashes (
    session_hash    BLOB NOT NULL REFERENCES sessions(token_hash) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    payload         TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (session_hash, kind)
) WITHOUT ROWID;

-- Codes sent by text or call to prove, within a session, that its owner is
-- still the one at the keyboard (before changing the e-mail address, the
-- password, the mobile number or the second factor). Stored as hashes.
CREATE TABLE session_codes (
    session_hash    BLOB NOT NULL REFERENCES sessions(token_hash) ON DELETE CASCADE,
    purpose         TEXT NOT NULL,
    code_hash       BLOB NOT NULL,
    wrong_attempts  INTEGER NOT NULL DEFAULT 0,
    sent_at         TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    PRIMARY KEY (session_hash, purpose)
) WITHOUT ROWID;

-- When this session last proved its second factor again; sensitive changes
-- are allowed for a short while after it.
ALTER TABLE sessions ADD COLUMN reconfirmed_at TEXT;
