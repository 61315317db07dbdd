-- Every mail, SMS and voice message Kring sends goes through this queue:
-- written in the transaction of the change that causes it, sent by a
-- background worker that claims rows with a lease (SCALE.md, rule 4),
-- retried with back-off, and emptied of its text once sent.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    channel         TEXT NOT NULL CHECK (channel IN ('mail', 'sms', 'voice')),
    recipient       TEXT NOT NULL,
    recipient_name  TEXT NOT NULL DEFAULT '',
    subject         TEXT NOT NULL DEFAULT '',
    body            TEXT NOT NULL,
    -- A notification's one-click "Afmelden" address (RFC 8058).
    unsubscribe_url TEXT,
    -- Random, fixed when queued: the mail's Message-ID and the outbox file's
    -- name, so a send that is repeated after a crash is recognisably the same.
    message_key     TEXT NOT NULL,
    -- Not before (UTC): now for most, the evening before for a reminder.
    due_at          TEXT NOT NULL,
    -- Not after (UTC): a code is of no use once it has expired.
    expires_at      TEXT,
    -- Planned items (reminders) are planned once: a second plan is ignored.
    plan_key        TEXT UNIQUE,
    attempts        INTEGER NOT NULL DEFAULT 0,
    claimed_by      TEXT,
    lease_until     TEXT,
    last_error      TEXT,
    sent_at         TEXT,
    failed_at       TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX outbox_waiting ON outbox(due_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_sent ON outbox(sent_at) WHERE sent_at IS NOT NULL;
