-- Safer sessions and limits: sessions end after two idle hours, and one
-- table counts what costs money or reaches strangers (mails, text messages,
-- login attempts), so that the check and the count are one statement.

ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
UPDATE sessions SET last_seen_at = created_at;

CREATE TABLE rate_events (
    id              INTEGER PRIMARY KEY,
    -- What is counted: 'mail_to', 'sms_to', 'login_account', …
    kind            TEXT NOT NULL,
    -- Whose count: an e-mail address, a number, an account id, a client address.
    subject         TEXT NOT NULL,
    at              TEXT NOT NULL
);
CREATE INDEX rate_events_by_subject ON rate_events(kind, subject, at);
