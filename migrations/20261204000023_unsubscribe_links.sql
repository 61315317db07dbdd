-- "Afmelden" links in notification mails: one click, no login, turns one
-- kind of mail off for one account (and, for messages, one page). Only the
-- SHA-256 of the code is kept, as for sessions.
CREATE TABLE unsubscribe_links (
    code_hash       BLOB PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    -- 'messages' (a page's new-message mail) or 'wellbeing' (the monthly reminder).
    kind            TEXT NOT NULL CHECK (kind IN ('messages', 'wellbeing')),
    care_page_id    INTEGER REFERENCES care_pages(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX unsubscribe_links_by_age ON unsubscribe_links(created_at);
