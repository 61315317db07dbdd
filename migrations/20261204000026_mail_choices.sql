-- Which mails a member wants per page, beyond new messages (message_mail):
-- help requests, and reminders of appointments they help with, the day
-- before and a week before; and whether news (new messages, help asked)
-- comes in one mail a day instead. No row: the defaults (help requests and
-- the day before on, the week before and the daily mail off). Only members are ever mailed: every
-- query joins `members`, so a row left by someone who left means nothing.
CREATE TABLE mail_choices (
    care_page_id    INTEGER NOT NULL REFERENCES care_pages(id) ON DELETE CASCADE,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    help_requests   INTEGER NOT NULL,
    day_before      INTEGER NOT NULL,
    week_before     INTEGER NOT NULL,
    daily_digest    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (care_page_id, account_id)
) WITHOUT ROWID;

-- News waiting for a member's daily mail: one line each, written in the
-- transaction of the news itself, taken out in the one that queues the mail.
CREATE TABLE digest_items (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    care_page_id    INTEGER NOT NULL REFERENCES care_pages(id) ON DELETE CASCADE,
    line            TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX digest_items_by_account ON digest_items(account_id, created_at);

-- When the members were asked to help with an appointment ("Wie wil er
-- helpen?"); NULL: not yet. Existing requests count as asked.
ALTER TABLE appointments ADD COLUMN help_asked_at TEXT;
UPDATE appointments SET help_asked_at = created_at WHERE asks_help = 1;
CREATE INDEX appointments_help_to_ask ON appointments(care_page_id) WHERE asks_help = 1 AND help_asked_at IS NULL;

-- The reminder planner reads the coming week of every page every 30 s:
-- by date, not through a scan of every page's history.
CREATE INDEX appointment_helpers_by_day ON appointment_helpers(occurrence_date);
CREATE INDEX help_requests_by_end ON appointments(last_date) WHERE asks_help = 1;

-- The unsubscribe links learn the new kinds: the table is rebuilt, as
-- SQLite cannot change a CHECK (the links are short-lived and few).
CREATE TABLE unsubscribe_links_new (
    code_hash       BLOB PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('messages', 'wellbeing', 'help_requests', 'reminders', 'digest')),
    care_page_id    INTEGER REFERENCES care_pages(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO unsubscribe_links_new SELECT code_hash, account_id, kind, care_page_id, created_at FROM unsubscribe_links;
DROP TABLE unsubscribe_links;
ALTER TABLE unsubscribe_links_new RENAME TO unsubscribe_links;
CREATE INDEX unsubscribe_links_by_age ON unsubscribe_links(created_at);
